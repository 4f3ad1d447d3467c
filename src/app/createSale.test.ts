import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load';
import { ean13 } from '../domain/ean';
import { useTestDatabase } from '../testing/db';
import { createSale, type SaleOrder } from './createSale';
import { closeTill, openTill, type Till } from './till';

const BAGUETTE = '3760000000017'; // 1,30 € at 5,5 %
const BORDEAUX = 'CAVE-001'; // 8,99 € at 20 %

describe('createSale against PostgreSQL', () => {
  const testDb = useTestDatabase();

  // The till as `pos sale create` opens it, on this file's database.
  let opened: Till | undefined;
  afterAll(async () => {
    if (opened) await closeTill(opened);
  });
  async function till(): Promise<Till> {
    opened ??= await openTill(loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url } }));
    return opened;
  }

  const order = (o: Partial<SaleOrder>): SaleOrder => ({ operatorCode: '1', lines: [], tenders: [], key: randomUUID(), ...o });

  it('builds the basket as the till does: a repeated code adds to its line', async () => {
    const { sale, created } = await createSale(await till(), order({
      lines: [{ code: BAGUETTE, qty: 2 }, { code: BAGUETTE, qty: 1 }, { code: 'cave-001', qty: 1 }],
      tenders: [{ kind: 'card', cents: 500 }, { kind: 'cash', cents: 1000 }],
    }));
    expect(created).toBe(true);
    expect(sale.lines.map((l) => [l.sku, l.qty])).toEqual([['BOUL-001', 3], ['CAVE-001', 1]]);
    expect(sale).toMatchObject({ totalCents: 1289, changeCents: 211, operatorCode: '1', terminalCode: 'T01' });
  });

  it('pays a refund out with the amount typed positive', async () => {
    const { sale } = await createSale(await till(), order({ lines: [{ code: BORDEAUX, qty: -1 }], tenders: [{ kind: 'cash', cents: 899 }] }));
    expect(sale.totalCents).toBe(-899);
    expect(sale.tenders).toEqual([{ kind: 'cash', amountCents: -899 }]);
  });

  it('refuses what the till would refuse, naming the code or the amount due, and writes nothing', async () => {
    const t = await till();
    const before = await t.db('sales').count<{ n: string }[]>({ n: '*' });
    const refused = (o: Partial<SaleOrder>) => createSale(t, order(o));
    await expect(refused({ lines: [{ code: ean13('376999999999'), qty: 1 }], tenders: [{ kind: 'cash', cents: 1000 }] })).rejects.toMatchObject({ key: 'item.unknownCode' });
    await expect(refused({ lines: [{ code: 'NOPE-1', qty: 1 }] })).rejects.toMatchObject({ key: 'item.unknownCode', params: { code: 'NOPE-1' } });
    await expect(refused({ lines: [{ code: BAGUETTE, qty: 9000 }, { code: BAGUETTE, qty: 1000 }] })).rejects.toMatchObject({ key: 'qty.tooLarge' });
    await expect(refused({ lines: [{ code: BORDEAUX, qty: 1 }], tenders: [{ kind: 'cash', cents: 500 }] })).rejects.toMatchObject({ key: 'tender.short', params: { due: '3,99 €' } });
    await expect(refused({ lines: [{ code: BORDEAUX, qty: 1 }], tenders: [{ kind: 'cash', cents: 99 }, { kind: 'card', cents: 1000 }] })).rejects.toMatchObject({ key: 'tender.exceedsDue', params: { due: '8,00 €' } });
    await expect(refused({ operatorCode: '77', lines: [{ code: BORDEAUX, qty: 1 }] })).rejects.toMatchObject({ key: 'operator.unknown' });
    await expect(refused({ lines: [] })).rejects.toMatchObject({ key: 'sale.empty' });
    await expect(refused({ key: 'a key with spaces', lines: [{ code: BORDEAUX, qty: 1 }] })).rejects.toMatchObject({ key: 'sale.keyInvalid' });
    await expect(refused({ customerCode: 'NOBODY', lines: [{ code: BORDEAUX, qty: 1 }], tenders: [{ kind: 'cash', cents: 899 }] })).rejects.toMatchObject({ key: 'customer.unknownCode' });
    await expect(refused({ codes: [BAGUETTE], lines: [{ code: BORDEAUX, qty: 1 }], tenders: [{ kind: 'cash', cents: 899 }] })).rejects.toMatchObject({ key: 'cli.codeNotApplicable' });
    await expect(refused({ lines: [{ code: BORDEAUX, qty: 1 }], tenders: [{ kind: 'gift_card', cents: 899, ref: 'X' }] })).rejects.toMatchObject({ key: 'cli.tenderUnavailable' });
    expect(await t.db('sales').count<{ n: string }[]>({ n: '*' })).toEqual(before);
  });

  it('records the customer the sale is for', async () => {
    const t = await till();
    const [{ id }] = await t.db('customers').insert({ code: 'C-1001', first_name: 'Claire', last_name: 'Martin' }).returning('id');
    const { sale } = await createSale(t, order({ customerCode: 'C-1001', lines: [{ code: BAGUETTE, qty: 1 }], tenders: [{ kind: 'cash', cents: 130 }] }));
    expect(sale.customerId).toBe(id);
    expect(await t.db('sales').where('id', sale.id).first()).toMatchObject({ customer_id: id });
  });

  it('returns the ticket a retried key wrote, even when the first run used up what it drew on', async () => {
    const t = await till();
    // BONJOUR: once per customer. The answer to the first run is lost; the script tries again.
    const o = order({ key: 'retry-bonjour', customerCode: 'FID-000003', codes: ['BONJOUR'], lines: [{ code: BORDEAUX, qty: 2 }], tenders: [{ kind: 'cash', cents: 2000 }] });
    const first = await createSale(t, o);
    expect(first.created).toBe(true);
    expect(first.sale.adjustments.map((a) => a.ref)).toContain('BONJOUR');
    const again = await createSale(t, o);
    expect(again.created).toBe(false);
    expect(again.sale.id).toBe(first.sale.id);
    await expect(createSale(t, { ...o, lines: [{ code: BORDEAUX, qty: 3 }] })).rejects.toMatchObject({ key: 'sale.keyReused' });
  });
});
