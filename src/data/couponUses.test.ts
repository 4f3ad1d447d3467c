import { beforeAll, describe, expect, it } from 'vitest';
import { commitSale } from '../app/commitSale';
import { defineCoupon } from '../app/coupons/definitions';
import { generateCodes } from '../app/coupons/generate';
import { addCustomer, fields } from '../app/coupons/testFixtures';
import type { DefinitionFields } from '../app/coupons/definitionFields';
import { useTestDatabase } from '../testing/db';
import { saleRequest, terminal } from '../testing/fixtures';
import { couponsOfSale, couponUseAllowed, listUses, recordCouponUse, type CouponUse } from './couponUses';

const BORDEAUX = 'CAVE-001';

// What the commit records of a code's use and what the payment screen asks beforehand, each
// answer in full (which refusal, which scope, which limit), read against PostgreSQL's counters.
describe('coupon uses and their limits', () => {
  const testDb = useTestDatabase();
  let store1 = 0;
  let store2 = 0;
  let saleId = 0;
  let t03 = 0;
  let claire = 0;
  let paul = 0;

  beforeAll(async () => {
    const { db, owner } = testDb();
    const t01 = await terminal(db, 'T01');
    store1 = t01.storeId;
    const [s2] = await owner('stores').insert({ code: 'M02', name: 'Épicerie de la Gare' }).returning('id');
    store2 = s2.id;
    const [t] = await owner('terminals').insert({ code: 'T03', name: 'Caisse gare', store_id: store2 }).returning('id');
    t03 = t.id;
    saleId = (await commitSale(db, await saleRequest(db, { terminal: t01, lines: [[BORDEAUX, 1]] }), { receipt: false })).sale.id;
    for (let i = 0; i < 30; i++) tickets.push((await commitSale(db, await saleRequest(db, { terminal: t01, lines: [[BORDEAUX, 1]] }), { receipt: false })).sale.id);
    claire = await addCustomer(db, 'CU-1', { name: 'Martin' });
    paul = await addCustomer(db, 'CU-2');
  });

  /** A code of a definition of its own, active; its id. */
  async function code(symbol: string, f: Partial<DefinitionFields> = {}): Promise<number> {
    const { db } = testDb();
    await defineCoupon(db, fields({ symbol, ...f }));
    await generateCodes(db, { symbol, status: 'active' }, '2026-11-22');
    return (await db('coupon_codes').where('code', symbol).first('id')).id;
  }
  // A code is used once a ticket: each use on a ticket of its own.
  const tickets: number[] = [];
  const use = (codeId: number, o: Partial<CouponUse> = {}): CouponUse => ({ codeId, saleId: tickets.pop()!, storeId: store1, terminalId: 1, operatorId: 1, customerId: null, amountCents: 100, ...o });

  it('records a use of a live code, and refuses a blocked code or a definition turned off, saying which', async () => {
    const { db, owner } = testDb();
    await expect(recordCouponUse(db, use(999_999))).rejects.toThrow('coupon code 999999 does not exist');
    expect(await couponUseAllowed(db, 999_999, store1, null)).toEqual({ recorded: false, why: 'unusable', status: 'blocked', active: false });

    const free = await code('LIBRE');
    expect(await couponUseAllowed(db, free, store1, null)).toEqual({ recorded: true });
    expect(await recordCouponUse(db, use(free))).toEqual({ recorded: true });
    expect(await recordCouponUse(db, use(free))).toEqual({ recorded: true });
    // No limit: uses do not count against anything.
    expect(await couponUseAllowed(db, free, store1, null)).toEqual({ recorded: true });

    const blocked = await code('BLOQUE');
    await owner('coupon_codes').where('id', blocked).update({ status: 'blocked' });
    expect(await recordCouponUse(db, use(blocked))).toEqual({ recorded: false, why: 'unusable', status: 'blocked', active: true });
    expect(await couponUseAllowed(db, blocked, store1, null)).toEqual({ recorded: false, why: 'unusable', status: 'blocked', active: true });

    const off = await code('ARRETE');
    await owner('coupon_definitions').where('symbol', 'ARRETE').update({ active: false });
    expect(await recordCouponUse(db, use(off))).toEqual({ recorded: false, why: 'unusable', status: 'active', active: false });
    expect(await couponUseAllowed(db, off, store1, null)).toEqual({ recorded: false, why: 'unusable', status: 'active', active: false });
    expect(await db('coupon_uses').whereIn('code_id', [blocked, off])).toEqual([]);
  });

  it('counts a global limit up to its last use, then refuses with the scope and the limit', async () => {
    const { db } = testDb();
    const two = await code('DEUXFOIS', { limitScope: 'global', limit: '2' });
    expect(await couponUseAllowed(db, two, store1, null)).toEqual({ recorded: true });
    expect(await recordCouponUse(db, use(two))).toEqual({ recorded: true });
    expect(await couponUseAllowed(db, two, store2, claire)).toEqual({ recorded: true });
    expect(await recordCouponUse(db, use(two, { storeId: store2, terminalId: t03 }))).toEqual({ recorded: true });
    const full = { recorded: false, why: 'limit', scope: 'global', max: 2 };
    expect(await couponUseAllowed(db, two, store1, null)).toEqual(full);
    expect(await recordCouponUse(db, use(two))).toEqual(full);
    expect(await db('coupon_uses').where('code_id', two)).toHaveLength(2);
  });

  it('counts a store limit in each store on its own', async () => {
    const { db } = testDb();
    const once = await code('UNPARMAG', { limitScope: 'store', limit: '1' });
    expect(await recordCouponUse(db, use(once))).toEqual({ recorded: true });
    expect(await couponUseAllowed(db, once, store1, null)).toEqual({ recorded: false, why: 'limit', scope: 'store', max: 1 });
    expect(await couponUseAllowed(db, once, store2, null)).toEqual({ recorded: true });
    expect(await recordCouponUse(db, use(once, { storeId: store2, terminalId: t03 }))).toEqual({ recorded: true });
    expect(await recordCouponUse(db, use(once))).toEqual({ recorded: false, why: 'limit', scope: 'store', max: 1 });
  });

  it('wants a customer under a per-customer limit, and counts each customer on their own', async () => {
    const { db } = testDb();
    const each = await code('UNPARCLIENT', { limitScope: 'customer', limit: '1', customerRule: 'required' });
    expect(await couponUseAllowed(db, each, store1, null)).toEqual({ recorded: false, why: 'noCustomer' });
    expect(await recordCouponUse(db, use(each))).toEqual({ recorded: false, why: 'noCustomer' });
    expect(await couponUseAllowed(db, each, store1, claire)).toEqual({ recorded: true });
    expect(await recordCouponUse(db, use(each, { customerId: claire }))).toEqual({ recorded: true });
    const full = { recorded: false, why: 'limit', scope: 'customer', max: 1 };
    expect(await couponUseAllowed(db, each, store1, claire)).toEqual(full);
    expect(await recordCouponUse(db, use(each, { customerId: claire }))).toEqual(full);
    expect(await couponUseAllowed(db, each, store1, paul)).toEqual({ recorded: true });
  });

  it('lists the uses of a code, latest first, with the till, the ticket, the store and the customer', async () => {
    const { db } = testDb();
    const id = await code('JOURNAL');
    await recordCouponUse(db, use(id, { saleId, amountCents: 150 }));
    const other = tickets.pop()!;
    const [lea] = await db('customers').insert({ code: 'CU-3', first_name: 'Léa', last_name: 'Roux' }).returning('id');
    await recordCouponUse(db, use(id, { saleId: other, customerId: lea.id, amountCents: 250, storeId: store2, terminalId: t03 }));
    const sale = await db('sales').where('id', saleId).first('ticket_no');
    const sale2 = await db('sales').where('id', other).first('ticket_no');
    const uses = await listUses(db, 'JOURNAL');
    expect(uses.map(({ usedAt: _, ...u }) => u)).toEqual([
      { code: 'JOURNAL', terminalCode: 'T03', ticketNo: sale2.ticket_no, storeCode: 'M02', customerCode: 'CU-3', customerName: 'Roux Léa', amountCents: 250 },
      { code: 'JOURNAL', terminalCode: 'T01', ticketNo: sale.ticket_no, storeCode: 'M01', customerCode: null, customerName: null, amountCents: 150 },
    ]);
    expect(uses.every((u) => u.usedAt instanceof Date)).toBe(true);
    expect((await listUses(db, 'JOURNAL', 1)).map((u) => u.amountCents)).toEqual([250]);
    expect(await listUses(db, 'PERSONNE')).toEqual([]);
  });

  it('tells a ticket the conditions of the codes it used and the codes it gave', async () => {
    const { db, owner } = testDb();
    const used = await code('UTILISE', { name: 'Dix pour cent', conditions: 'Hors alcools' });
    const ticket = tickets.pop()!;
    await recordCouponUse(db, use(used, { saleId: ticket }));
    await defineCoupon(db, fields({ symbol: 'OFFERT', name: 'Cinq euros', valueKind: 'amount', value: '5', conditions: 'Dès 20 €' }));
    await generateCodes(db, { symbol: 'OFFERT', status: 'active', saleId: ticket, count: 2, validUntil: '2026-12-31' }, '2026-11-22');
    const given = await db('coupon_codes as c').join('coupon_definitions as d', 'd.id', 'c.definition_id').where('d.symbol', 'OFFERT').orderBy('c.code').select('c.id', 'c.code');
    expect(given).toHaveLength(2);
    // A blocked code is no longer given.
    await owner('coupon_codes').where('id', given[1].id).update({ status: 'blocked' });

    const said = await couponsOfSale(db, ticket);
    expect(said.used).toEqual([{ code: 'UTILISE', name: 'Dix pour cent', conditions: 'Hors alcools' }]);
    expect(said.given).toEqual([{ code: given[0].code, name: 'Cinq euros', conditions: 'Dès 20 €', discount: expect.objectContaining({ type: 'ticket', value: { kind: 'amount', cents: 500 } }), validFrom: null, validUntil: '2026-12-31' }]);
  });
});
