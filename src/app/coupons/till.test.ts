import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load';
import { fixedClock } from '../../domain/clock';
import { basketTotals } from '../../domain/basket';
import { localTime } from '../../domain/coupon/schedule';
import { useTestDatabase } from '../../testing/db';
import { terminal } from '../../testing/fixtures';
import { commitSale } from '../commitSale';
import { createSale } from '../createSale';
import { receiptExtras, receiptText } from '../receipts';
import { closeTill, openTill, type Till } from '../till';
import { checkBeforePayment } from '../beforePayment';
import { editCode, setStatus } from './codes';
import { defineCoupon, editCoupon } from './definitions';
import { generateCodes } from './generate';
import { addCustomer, fields, saleWithCodes } from './testFixtures';

const BAGUETTE = '3760000000017'; // 1,30 € at 5,5 %
const BORDEAUX = 'CAVE-001'; // 8,99 € at 20 %
const TODAY = '2026-11-22';

describe('coupons at the till against PostgreSQL', () => {
  const testDb = useTestDatabase();
  let opened: Till | undefined;
  afterAll(async () => {
    if (opened) await closeTill(opened);
  });
  async function till(): Promise<Till> {
    opened ??= await openTill(loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url } }));
    return opened;
  }
  async function coupon(symbol: string, f: Parameters<typeof fields>[0] = {}, codes: { count?: number; code?: string; customers?: string[] } = { count: 1 }) {
    const { db } = testDb();
    await defineCoupon(db, fields({ symbol, ...f }));
    return (await generateCodes(db, { symbol, status: 'active', ...codes }, TODAY)).codes;
  }

  it('sale create --coupon: the discount is on the ticket, spread over its lines, and the use is logged', async () => {
    const t = await till();
    await coupon('BIENVENUE', { name: 'Remise de bienvenue', valueKind: 'amount', value: '3', conditions: 'Une seule fois par client. Non cumulable avec les soldes.' });
    const { sale } = await createSale(t, { operatorCode: '1', operatorPin: '1234', key: randomUUID(), lines: [{ code: BAGUETTE, qty: 10 }, { code: BORDEAUX, qty: 1 }], codes: ['bienvenue'], tenders: [{ kind: 'cash', cents: 1899 }] });
    expect(sale.totalCents).toBe(1300 + 899 - 300);
    expect(sale.adjustments).toEqual([{ kind: 'coupon', ref: 'BIENVENUE', label: 'Remise de bienvenue', amountCents: 300 }]);
    // 300 × 1300 / 2199 = 177.35 and 300 × 899 / 2199 = 122.65: the cent left over goes to the larger remainder.
    expect(sale.lines.map((l) => l.ticketDiscountCents)).toEqual([177, 123]);
    expect(sale.vat.reduce((a, v) => a + v.grossCents, 0)).toBe(sale.totalCents);
    const [use] = await t.db('coupon_uses as u').join('coupon_codes as c', 'c.id', 'u.code_id').where('u.sale_id', sale.id).select('c.code', 'u.amount_cents', 'u.terminal_id', 'u.customer_id');
    expect(use).toEqual({ code: 'BIENVENUE', amount_cents: 300, terminal_id: t.terminal.id, customer_id: null });
    // The receipt says the coupon's name, the saving, and its conditions.
    const paper = receiptText(t.config, sale, { extra: await receiptExtras(t.db, sale, t.config) });
    expect(paper).toMatch(/\nRemise de bienvenue +-3,00 €\n/);
    // Wrapped to the paper's 42 columns.
    expect(paper).toContain('\nRemise de bienvenue (BIENVENUE)\nUne seule fois par client. Non cumulable\navec les soldes.\n');
  });

  it('checks in order, each refusal with its own message, and sells nothing', async () => {
    const t = await till();
    const { db } = testDb();
    const now = localTime(new Date(), 'Europe/Paris');
    const otherDay = ((now.weekday + 2) % 7) + 1;
    await coupon('INACTIF', {}, {});
    await db('coupon_codes').where('code', 'INACTIF').update({ status: 'inactive' });
    await coupon('BLOQUE');
    await setStatus(db, ['BLOQUE'], 'blocked');
    await coupon('FUTUR', { validFrom: '2099-01-01' });
    await coupon('PASSE', { validFrom: '2020-01-01', validUntil: '2020-12-31' });
    await coupon('HORAIRE', { schedule: `${['lun', 'mar', 'mer', 'jeu', 'ven', 'sam', 'dim'][otherDay - 1]} 00:00-23:59` });
    await testDb().owner('stores').insert({ code: 'WEB', name: 'E-shop' });
    await coupon('WEBONLY', { stores: 'WEB' });
    await coupon('CLIENT', { customerRule: 'required' });
    await addCustomer(db, 'C-100');
    await addCustomer(db, 'C-200');
    await coupon('ACLAIRE', { holder: 'customer', customerRule: 'matching' }, { customers: ['C-100'] });
    await coupon('VINS', { type: 'customer', items: '@CAVE' });
    await coupon('SEUIL', { valueKind: 'amount', value: '5', minAmount: '20' });
    const before = await db('sales').count<{ n: string }[]>({ n: '*' });
    const sell = (codes: string[], customerCode?: string) =>
      createSale(t, { operatorCode: '1', operatorPin: '1234', key: randomUUID(), lines: [{ code: BAGUETTE, qty: 2 }], codes, customerCode, tenders: [{ kind: 'cash', cents: 1000 }] });
    const cases: [string[], string | undefined, string, Record<string, unknown>][] = [
      [['REMISE99'], undefined, 'entry.unknownCode', { text: 'REMISE99' }],
      // An imported code shaped like no symbol nor scheme, mistyped: not an item, a card or a coupon, in one message.
      [['CAVE-Z'], undefined, 'entry.unknownCode', { text: 'CAVE-Z' }],
      [['INACTIF1'], undefined, 'coupon.unknown', { code: 'INACTIF1' }],
      [['INACTIF'], undefined, 'coupon.inactive', { code: 'INACTIF' }],
      [['bloque'], undefined, 'coupon.blocked', { code: 'BLOQUE' }],
      [['FUTUR'], undefined, 'coupon.notYetValid', { date: '01/01/2099' }],
      [['PASSE'], undefined, 'coupon.expired', { date: '31/12/2020' }],
      [['HORAIRE'], undefined, 'coupon.outsideSchedule', {}],
      [['WEBONLY'], undefined, 'coupon.notThisStore', {}],
      [['CLIENT'], undefined, 'coupon.customerRequired', {}],
      [['ACLAIRE'], 'C-200', 'coupon.customerMismatch', {}],
      [['VINS'], undefined, 'coupon.notQualifying', { code: 'VINS', why: 'aucun article concerné sur le ticket' }],
      [['SEUIL'], undefined, 'coupon.notQualifying', { code: 'SEUIL', why: 'il manque 17,40 € d’achats' }],
    ];
    for (const [codes, customer, key, params] of cases) {
      await expect(sell(codes, customer), `${codes[0]}`).rejects.toMatchObject({ key, params: expect.objectContaining(params) });
    }
    expect(await db('sales').count<{ n: string }[]>({ n: '*' })).toEqual(before);
    // The right customer, the right basket: accepted.
    expect((await sell(['ACLAIRE'], 'C-100')).sale.adjustments).toHaveLength(1);
  });

  it('not combinable: an exclusive coupon refuses another one, either way round', async () => {
    const t = await till();
    await coupon('SEUL', { exclusive: true });
    await coupon('AUTRE', { valueKind: 'amount', value: '1' });
    const t01 = await terminal(t.db);
    await expect(saleWithCodes(t.db, t01, [[BORDEAUX, 1]], ['AUTRE', 'SEUL'])).rejects.toMatchObject({ key: 'coupon.cannotCombineWith', params: { code: 'SEUL', other: 'AUTRE' } });
    await expect(saleWithCodes(t.db, t01, [[BORDEAUX, 1]], ['SEUL', 'AUTRE'])).rejects.toMatchObject({ key: 'coupon.cannotCombineWith', params: { code: 'AUTRE', other: 'SEUL' } });
    const both = await saleWithCodes(t.db, t01, [[BORDEAUX, 1]], ['AUTRE', 'VINS10']);
    expect(both.basket.adjustments.map((a) => [a.ref, a.cents])).toEqual([['AUTRE', 100], ['VINS10', 90]]);
  });

  it('the same code again takes it off the ticket', async () => {
    const t = await till();
    await coupon('ENCORE', { valueKind: 'amount', value: '1' });
    const t01 = await terminal(t.db);
    const req = await saleWithCodes(t.db, t01, [[BORDEAUX, 1]], ['ENCORE', 'encore']);
    expect(req.basket.rules).toEqual([]);
    expect(basketTotals(req.basket).totalCents).toBe(899);
  });

  it('a code blocked after it was scanned refuses the sale at commit, which is rolled back with its ticket number', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    await coupon('RETIRE');
    const req = await saleWithCodes(db, t01, [[BORDEAUX, 1]], ['RETIRE']);
    await setStatus(db, ['RETIRE'], 'blocked');
    const [{ next_ticket_no: before }] = await db('terminals').where('id', t01.id).select('next_ticket_no');
    await expect(commitSale(db, req)).rejects.toMatchObject({ key: 'coupon.commit.unusable', params: { code: 'RETIRE' } });
    expect(await db('sales').where('idempotency_key', req.basket.key)).toHaveLength(0);
    expect((await db('terminals').where('id', t01.id).first('next_ticket_no')).next_ticket_no).toBe(before);
  });

  it('dates, schedule and store are checked again at commit: a window closed since the scan refuses the sale', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const now = localTime(new Date(), 'Europe/Paris');
    // The schedule is judged at a fixed instant, a Wednesday noon in Paris, not at the machine's:
    // a run across midnight would otherwise find the window open again.
    const wednesday = '2026-11-25T11:00:00Z';
    const before = await db('sales').count<{ n: string }[]>({ n: '*' });
    // Scanned while its schedule allows it; the schedule no longer allows that instant when the sale commits.
    await coupon('FENETRE', { schedule: '' });
    const late = { ...(await saleWithCodes(db, t01, [[BORDEAUX, 1]], ['FENETRE'])), paidAt: wednesday };
    await editCoupon(db, 'FENETRE', { schedule: 'jeu 00:00-23:59' });
    await expect(checkBeforePayment(db, late.basket, { storeId: t01.storeId, terminalId: t01.id }, { clock: fixedClock(wednesday) })).rejects.toMatchObject({ key: 'coupon.outsideSchedule', params: { code: 'FENETRE' } });
    // The same check on Thursday lets it through.
    await checkBeforePayment(db, late.basket, { storeId: t01.storeId, terminalId: t01.id }, { clock: fixedClock('2026-11-26T11:00:00Z') });
    await expect(commitSale(db, late)).rejects.toMatchObject({ key: 'coupon.outsideSchedule', params: { code: 'FENETRE', schedule: 'jeu 00:00-23:59' } });
    // The code's own last day moved to yesterday.
    await coupon('HIER');
    const expired = await saleWithCodes(db, t01, [[BORDEAUX, 1]], ['HIER']);
    const yesterday = new Date(Date.parse(`${now.day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await editCode(db, 'HIER', { validUntil: yesterday });
    await expect(commitSale(db, expired)).rejects.toMatchObject({ key: 'coupon.expired', params: { code: 'HIER' } });
    // No longer granted by this store.
    await testDb().owner('stores').insert({ code: 'M09', name: 'Autre magasin' }).onConflict('code').ignore();
    await coupon('ICI');
    const here = await saleWithCodes(db, t01, [[BORDEAUX, 1]], ['ICI']);
    await editCoupon(db, 'ICI', { stores: 'M09' });
    await expect(commitSale(db, here)).rejects.toMatchObject({ key: 'coupon.notThisStore', params: { code: 'ICI' } });
    expect(await db('sales').count<{ n: string }[]>({ n: '*' })).toEqual(before);
    expect(await db('coupon_uses').whereIn('code_id', db('coupon_codes').select('id').whereIn('code', ['FENETRE', 'HIER', 'ICI']))).toEqual([]);
    // Back inside its window: the same sale goes through.
    await editCoupon(db, 'FENETRE', { schedule: '' });
    expect((await commitSale(db, late)).sale.adjustments).toMatchObject([{ ref: 'FENETRE' }]);
    // Paid yesterday while the server was away, sent today: judged when the customer paid.
    const paidYesterday = { ...expired, paidAt: `${yesterday}T10:00:00Z` };
    expect((await commitSale(db, paidYesterday)).sale.adjustments).toMatchObject([{ ref: 'HIER' }]);
  });

  it('a retry of the same sale counts the use once', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    await coupon('UNEFOISG', { limitScope: 'global', limit: '1' });
    const req = await saleWithCodes(db, t01, [[BORDEAUX, 1]], ['UNEFOISG']);
    const first = await commitSale(db, req);
    const again = await commitSale(db, req);
    expect(again).toMatchObject({ created: false, sale: { id: first.sale.id } });
    expect(await db('coupon_uses').where('sale_id', first.sale.id)).toHaveLength(1);
    // Told before paying: the last use is gone.
    await expect(saleWithCodes(db, t01, [[BORDEAUX, 1]], ['UNEFOISG'])).rejects.toMatchObject({ key: 'coupon.limitGlobal', params: { max: 1 } });
  });

  it('changing the limit\'s scope counts the uses already made in the new scope', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    await addCustomer(db, 'C-300');
    await coupon('PORTEE', { limitScope: 'global', limit: '5' });
    await commitSale(db, await saleWithCodes(db, t01, [[BORDEAUX, 1]], ['PORTEE'], { customer: 'C-300' }));
    await editCoupon(db, 'PORTEE', { limitScope: 'customer', limit: '1', customerRule: 'required' });
    await expect(saleWithCodes(db, t01, [[BORDEAUX, 1]], ['PORTEE'], { customer: 'C-300' })).rejects.toMatchObject({ key: 'coupon.limitCustomer' });
    await editCoupon(db, 'PORTEE', { limitScope: 'store', limit: '2', customerRule: 'optional' });
    await commitSale(db, await saleWithCodes(db, t01, [[BORDEAUX, 1]], ['PORTEE']));
    await expect(saleWithCodes(db, t01, [[BORDEAUX, 1]], ['PORTEE'])).rejects.toMatchObject({ key: 'coupon.limitStore' });
  });
});
