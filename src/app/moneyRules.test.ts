import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getSale } from '../data/sales';
import { useTestDatabase } from '../testing/db';
import { useTestTill } from '../testing/till';
import { createSale, type SaleOrder } from './createSale';
import { type Till } from './till';

// Sales through the whole commit, read back from what PostgreSQL stored: returns priced like
// sales for a customer with a group discount, and the French price rules on a mixed ticket.
describe('money rules through the commit', () => {
  const testDb = useTestDatabase();
  let till: Till;
  useTestTill(testDb, (t) => (till = t));

  const sale = (o: Partial<SaleOrder>) => createSale(till, { operatorCode: '1', operatorPin: '1234', lines: [], tenders: [], key: randomUUID(), ...o });
  const stored = async (id: number) => (await getSale(till.db, id))!;
  const customer = async (code: string) => (await till.db('customers').where('code', code).first('id')) as { id: number };
  const balances = async (id: number) => ({
    account: Number((await till.db('customer_accounts').where('customer_id', id).first('balance_cents'))?.balance_cents ?? 0),
    points: Number((await till.db('loyalty_balances').where('customer_id', id).first('points'))?.points ?? 0),
  });

  it('credits a return of the Brasserie (group RESTO, 5 %) at what it paid: lines, VAT, account and points come back to where they were', async () => {
    const { id } = await customer('FID-000003');
    const before = await balances(id);
    const bought = await sale({ customerCode: 'FID-000003', lines: [{ code: 'CAVE-001', qty: 2 }], tenders: [{ kind: 'account', cents: 1708 }] });
    const back = await sale({ customerCode: 'FID-000003', lines: [{ code: 'CAVE-001', qty: -2 }], tenders: [{ kind: 'account', cents: 1708 }] });
    const [s, r] = [await stored(bought.sale.id), await stored(back.sale.id)];
    expect(s.totalCents).toBe(1708);
    expect(r.totalCents).toBe(-1708);
    expect(r.lines).toMatchObject([{ qty: -2, listPriceCents: 899, unitPriceCents: 899, discountCents: 0, ticketDiscountCents: -90, totalCents: -1708 }]);
    expect(r.adjustments).toEqual([{ kind: 'customerDiscount', ref: 'CLIENT-FID-000003', label: 'Remise client 5 %', amountCents: -90 }]);
    expect(r.vat).toEqual(s.vat.map((v) => ({ rateBp: v.rateBp, grossCents: -v.grossCents, vatCents: -v.vatCents, netCents: -v.netCents })));
    // The credit note onto the account is what was credited; the points the purchase earned are taken back.
    expect(r.tenders).toEqual([{ kind: 'account', amountCents: -1708, ref: 'FID-000003' }]);
    expect(await balances(id)).toEqual(before);
    const moves = await till.db('loyalty_movements').whereIn('sale_id', [s.id, r.id]).andWhere('unit', 'points').orderBy('id').select('kind', 'amount');
    expect(moves).toEqual([{ kind: 'earn', amount: 17 }, { kind: 'return', amount: -17 }]);
  });

  it('keeps the newspaper at its fixed price and the book within its 5 %, the rest of the discounts on the wine', async () => {
    // Le Quotidien (prix imposé), a book (loi Lang) and a Bordeaux, for the Brasserie (5 %) with VINS10 (−10 % on wines).
    const lines = [{ code: 'PRES-001', qty: 1 }, { code: 'LIVR-003', qty: 1 }, { code: 'CAVE-001', qty: 1 }];
    const r = await sale({ customerCode: 'FID-000003', lines, codes: ['VINS10'], tenders: [{ kind: 'cash', cents: 5000 }] });
    const s = await stored(r.sale.id);
    const line = (sku: string) => s.lines.find((l) => l.sku === sku)!;
    expect(line('PRES-001')).toMatchObject({ unitPriceCents: 290, discountCents: 0, ticketDiscountCents: 0, totalCents: 290 });
    expect(line('LIVR-003').ticketDiscountCents).toBeLessThanOrEqual(125);
    expect(line('LIVR-003').totalCents).toBeGreaterThanOrEqual(2375);
    // The customer's 5 % comes with the card: 5 % of the book and the wine (not of the newspaper),
    // 1,70 €; then VINS10 takes 10 % of the wine, 0,90 €, on top.
    expect(s.adjustments.map((a) => [a.ref, a.amountCents])).toEqual([['CLIENT-FID-000003', 170], ['VINS10', 90]]);
    expect(line('CAVE-001').ticketDiscountCents).toBe(170 - line('LIVR-003').ticketDiscountCents + 90);
    expect(s.totalCents).toBe(290 + 2500 + 899 - 170 - 90);
    expect(s.vat.reduce((sum, v) => sum + v.grossCents, 0)).toBe(s.totalCents);
  });
});
