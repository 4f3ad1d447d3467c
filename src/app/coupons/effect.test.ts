import { describe, expect, it } from 'vitest';
import { basketReducer, basketTotals, type Basket, type BasketAction } from '../../domain/basket';
import { localTime } from '../../domain/coupon/schedule';
import { COUPON_KIND } from '../../domain/coupon/rule';
import { settle } from '../../domain/tender';
import { useTestDatabase } from '../../testing/db';
import { terminal } from '../../testing/fixtures';
import { checkBeforePayment } from '../beforePayment';
import { customerForSale } from '../customers/attach';
import { commitSale, type SaleRequest } from '../commitSale';
import { editCode, setStatus } from './codes';
import { defineCoupon, editCoupon } from './definitions';
import { generateCodes } from './generate';
import { addCustomer, fields, saleWithCodes } from './testFixtures';

const BAGUETTE = '3760000000017'; // 1,30 € at 5,5 %
const BORDEAUX = 'CAVE-001'; // 8,99 € at 20 %
const TODAY = '2026-11-22';

// The coupon effect of commitSale (coupons/effect.ts): which uses it records, in which order,
// at which instant and in which time zone it judges a code, and what it says when it refuses;
// and its check before payment.
describe('coupon effect at commit against PostgreSQL', () => {
  const testDb = useTestDatabase();

  async function coupon(symbol: string, f: Parameters<typeof fields>[0] = {}): Promise<void> {
    const { db } = testDb();
    await defineCoupon(db, fields({ symbol, ...f }));
    await generateCodes(db, { symbol, status: 'active', count: 1 }, TODAY);
  }
  const usesOf = (saleId: number) =>
    testDb().db('coupon_uses as u').join('coupon_codes as c', 'c.id', 'u.code_id').where('u.sale_id', saleId).orderBy('u.id').select('c.code', 'u.amount_cents');
  const parisDay = (offsetDays: number) => new Date(Date.parse(`${localTime(new Date(), 'Europe/Paris').day}T12:00:00Z`) + offsetDays * 86_400_000).toISOString().slice(0, 10);
  function act(basket: Basket, a: BasketAction): Basket {
    const r = basketReducer(basket, a);
    if ('error' in r) throw new Error(r.error);
    return r.basket;
  }
  function repaid(req: SaleRequest, basket: Basket): SaleRequest {
    const total = basketTotals(basket).totalCents;
    const settled = settle(total, [{ kind: 'cash', cents: Math.abs(total) }]);
    if ('error' in settled) throw new Error(settled.error);
    return { ...req, basket, payment: settled.payment };
  }
  function withScanned(req: SaleRequest, scannedAt: { timeZone: string; lang: string } | undefined): SaleRequest {
    const rules = req.basket.rules.map((r) => {
      if (r.kind !== COUPON_KIND) return r;
      const { scannedAt: _, ...data } = r.data;
      return { ...r, data: scannedAt ? { ...data, scannedAt } : data };
    });
    return { ...req, basket: { ...req.basket, rules } };
  }

  it('refuses the last use taken by another sale meanwhile, per scope, with the code and the limit', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    await addCustomer(db, 'C-E1');
    const cases = [
      ['LIMG', { limitScope: 'global', limit: '1' }, undefined, 'coupon.commit.limitGlobal'],
      ['LIMS', { limitScope: 'store', limit: '2' }, undefined, 'coupon.commit.limitStore'],
      ['LIMC', { limitScope: 'customer', limit: '1', customerRule: 'required' }, 'C-E1', 'coupon.commit.limitCustomer'],
    ] as const;
    // Beside a coupon without a limit: each code on the basket is checked, not only a lone one.
    await coupon('SANSLIM', { valueKind: 'amount', value: '1' });
    for (const [code, f, customer, key] of cases) {
      await coupon(code, f);
      const max = Number(f.limit);
      const scanned = await Promise.all(Array.from({ length: max + 1 }, () => saleWithCodes(db, t01, [[BORDEAUX, 1]], ['SANSLIM', code], { customer })));
      for (const req of scanned.slice(0, max)) await commitSale(db, req);
      await expect(commitSale(db, scanned[max]!), code).rejects.toMatchObject({ key, params: { code, max } });
      // Told before paying as well.
      await expect(checkBeforePayment(db, scanned[max]!.basket, { storeId: t01.storeId, terminalId: t01.id }), code).rejects.toMatchObject({ key, params: { code, max } });
    }
  });

  it('refuses a code whose limit became per customer on a sale without one, and a code blocked since, even past its dates too', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    await coupon('DEVENU', { limitScope: 'global', limit: '5' });
    const req = await saleWithCodes(db, t01, [[BORDEAUX, 1]], ['DEVENU']);
    await editCoupon(db, 'DEVENU', { limitScope: 'customer', limit: '1', customerRule: 'required' });
    await expect(commitSale(db, req)).rejects.toMatchObject({ key: 'coupon.customerRequired', params: { code: 'DEVENU' } });
    await expect(checkBeforePayment(db, req.basket, { storeId: t01.storeId, terminalId: t01.id })).rejects.toMatchObject({ key: 'coupon.customerRequired', params: { code: 'DEVENU' } });

    // Blocked and past its last day: said blocked, as at the scan, not expired.
    await coupon('BLOQUEXP');
    const blocked = await saleWithCodes(db, t01, [[BORDEAUX, 1]], ['BLOQUEXP']);
    await editCode(db, 'BLOQUEXP', { validUntil: parisDay(-1) });
    await setStatus(db, ['BLOQUEXP'], 'blocked');
    await expect(commitSale(db, blocked)).rejects.toMatchObject({ key: 'coupon.commit.unusable', params: { code: 'BLOQUEXP' } });
  });

  it('judges a code at the commit time when the till\'s clock says it was paid later (a clock ahead)', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    await coupon('AUJOURD');
    const req = await saleWithCodes(db, t01, [[BORDEAUX, 1]], ['AUJOURD']);
    await editCode(db, 'AUJOURD', { validUntil: parisDay(0) });
    // Paid "tomorrow" by a till whose clock runs ahead: still today for the code.
    const { sale, notes } = await commitSale(db, { ...req, paidAt: `${parisDay(1)}T12:00:00Z` });
    expect(await usesOf(sale.id)).toEqual([{ code: 'AUJOURD', amount_cents: 90 }]);
    // The coupon effect has nothing to tell the cashier.
    expect(notes).toEqual([]);
  });

  it('judges the schedule in the time zone and words it in the language of the scan', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    await coupon('FUSEAU', { schedule: '' });
    // Thursday 03:00 UTC, 04:00 in Paris; Wednesday 19:00 in Los Angeles.
    const paidAt = '2026-11-26T03:00:00Z';
    const scanned = { ...(await saleWithCodes(db, t01, [[BORDEAUX, 1]], ['FUSEAU'], { timeZone: 'America/Los_Angeles' })), paidAt };
    await editCoupon(db, 'FUSEAU', { schedule: 'mer 00:00-23:59' });
    const inEnglish = withScanned(scanned, { timeZone: 'Europe/Paris', lang: 'en' });
    await expect(commitSale(db, inEnglish)).rejects.toMatchObject({ key: 'coupon.outsideSchedule', params: { code: 'FUSEAU', schedule: 'wed 00:00-23:59' } });
    // Scanned before the till said where and in which language: French, in the server's zone (UTC: Thursday).
    await expect(commitSale(db, withScanned(scanned, undefined))).rejects.toMatchObject({ key: 'coupon.outsideSchedule', params: { code: 'FUSEAU', schedule: 'mer 00:00-23:59' } });
    const { sale } = await commitSale(db, scanned);
    expect(await usesOf(sale.id)).toEqual([{ code: 'FUSEAU', amount_cents: 90 }]);
  });

  it('records each code with what it gave, in the order of the codes, next to a customer discount and a coupon that gave nothing', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    await coupon('PREMIER', { valueKind: 'amount', value: '1' });
    await coupon('SECOND', { valueKind: 'amount', value: '2' });
    const ids = Object.fromEntries((await db('coupon_codes').whereIn('code', ['PREMIER', 'SECOND', 'VINS10']).select('code', 'id')).map((r) => [r.code, Number(r.id)]));
    expect(ids.PREMIER).toBeLessThan(ids.SECOND!);
    for (const codes of [['SECOND', 'PREMIER'], ['PREMIER', 'SECOND']]) {
      const { sale } = await commitSale(db, await saleWithCodes(db, t01, [[BORDEAUX, 2]], codes));
      expect(await usesOf(sale.id), codes.join()).toEqual([{ code: 'PREMIER', amount_cents: 100 }, { code: 'SECOND', amount_cents: 200 }]);
    }
    // The Brasserie (group discount, a rule of another kind) with VINS10 and SECOND.
    const scanned = await saleWithCodes(db, t01, [[BORDEAUX, 1]], ['VINS10', 'SECOND']);
    const mixed = repaid(scanned, act(scanned.basket, { type: 'customer', customer: await customerForSale(db, 'FID-000003', 'fr') }));
    expect(mixed.basket.rules.map((r) => r.kind).sort()).toEqual(['coupon', 'coupon', 'customerDiscount']);
    expect(mixed.basket.adjustments.map((a) => a.kind).sort()).toEqual(['coupon', 'coupon', 'customerDiscount']);
    const { sale } = await commitSale(db, mixed);
    const given = Object.fromEntries(sale.adjustments.map((a) => [a.ref, a.amountCents]));
    expect(await usesOf(sale.id)).toEqual([['VINS10', given.VINS10], ['SECOND', given.SECOND]]
      .sort((a, b) => ids[a[0] as string]! - ids[b[0] as string]!).map(([code, amount_cents]) => ({ code, amount_cents })));

    // VINS10 scanned with the wine, the wine taken off: it stays on the basket and gives nothing.
    const req = await saleWithCodes(db, t01, [[BAGUETTE, 1], [BORDEAUX, 1]], ['VINS10', 'PREMIER']);
    const basket = act(req.basket, { type: 'void', lineId: req.basket.lines[1]!.lineId });
    expect(basket.rules.map((x) => x.ref).sort()).toEqual(['PREMIER', 'VINS10']);
    await setStatus(db, ['VINS10'], 'blocked');
    const { sale: without } = await commitSale(db, repaid(req, basket));
    expect(await usesOf(without.id)).toEqual([{ code: 'PREMIER', amount_cents: 100 }]);
    // Nor is it checked before payment: blocked since, it refuses nothing.
    await checkBeforePayment(db, basket, { storeId: t01.storeId, terminalId: t01.id });
  });
});
