import { codeWhenWhere } from '../../data/couponCodes';
import { couponUseAllowed, recordCouponUse, type UseOutcome } from '../../data/couponUses';
import type { Db } from '../../data/db';
import { nowOf } from '../../domain/clock';
import { checkWhenWhere } from '../../domain/coupon/check';
import { COUPON_KIND, couponData, type CouponRuleData } from '../../domain/coupon/rule';
import { refuse } from '../errors';
import type { SaleEffect } from '../saleEffects';

// Told at commit: the cashier was told nothing at the scan, and must take the code off to go on.
const LIMIT_KEYS = { global: 'coupon.commit.limitGlobal', store: 'coupon.commit.limitStore', customer: 'coupon.commit.limitCustomer' } as const;

/**
 * The code's dates, schedule and store, as stored now, at this instant: the scan checked them,
 * but the window may have closed (or the definition changed) before the sale commits.
 */
async function refuseUnlessUsableNow(db: Db, code: string, data: CouponRuleData, now: Date, storeId: number): Promise<void> {
  const at = { now, storeId, timeZone: data.scannedAt?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone, lang: data.scannedAt?.lang ?? 'fr' };
  const found = await codeWhenWhere(db, data.codeId);
  // A code blocked meanwhile is said to be blocked (by the use's own check), as at the scan.
  if (!found.usable) return;
  const problem = checkWhenWhere({ ...found, code }, at);
  if (problem) refuse(problem.key, problem.params);
}

/** The moment the customer paid: the till's own, unless it is later than the ticket (a clock ahead). */
function paidAt(paid: string | undefined, committed: Date): Date {
  const at = paid ? Date.parse(paid) : Number.NaN;
  return Number.isFinite(at) && at < committed.getTime() ? new Date(at) : committed;
}

/**
 * Each coupon that gave something is recorded as a use of its code, in the sale's transaction,
 * counted against the code's limit by the database. A code blocked since it was scanned, past
 * its dates or schedule at the sale's time, or whose last use another till took first, refuses
 * the sale: it is rolled back, ticket number included, and the cashier is told why (scanning
 * the code again takes it off the ticket).
 */
export const couponEffect: SaleEffect = {
  name: 'coupons',
  applies: (req) => req.basket.rules.some((r) => r.kind === COUPON_KIND) && req.basket.adjustments.some((a) => a.kind === COUPON_KIND && a.cents > 0),
  async apply(trx, sale) {
    const { request: req, insert } = sale;
    // The coupons on the basket that gave something (what the sale writes in sale_adjustments).
    const uses = req.basket.rules
      .filter((r) => r.kind === COUPON_KIND)
      .flatMap((r) => {
        const given = insert.adjustments.find((a) => a.kind === COUPON_KIND && a.ref === r.ref);
        return given ? [{ code: r.ref, amountCents: given.amountCents, data: couponData(r) }] : [];
      })
      // Counters taken in one order: two sales using the same two codes never wait on each other in a circle.
      .sort((x, y) => x.data.codeId - y.data.codeId);
    for (const u of uses) {
      await refuseUnlessUsableNow(trx, u.code, u.data, paidAt(req.paidAt, sale.createdAt), req.storeId);
      const r = await recordCouponUse(trx, {
        codeId: u.data.codeId, saleId: sale.id, storeId: req.storeId, terminalId: req.terminalId, operatorId: req.operatorId,
        customerId: insert.customerId, amountCents: u.amountCents,
      });
      refuseUnless(r, u.code);
    }
  },
  async beforePayment(db, basket, place, policy) {
    for (const r of basket.rules) {
      if (r.kind !== COUPON_KIND || !basket.adjustments.some((a) => a.kind === COUPON_KIND && a.ref === r.ref && a.cents > 0)) continue;
      await refuseUnlessUsableNow(db, r.ref, couponData(r), nowOf(policy), place.storeId);
      refuseUnless(await couponUseAllowed(db, couponData(r).codeId, place.storeId, basket.customer?.id ?? null), r.ref);
    }
  },
};

function refuseUnless(r: UseOutcome, code: string): void {
  if (r.recorded) return;
  if (r.why === 'unusable') refuse('coupon.commit.unusable', { code });
  if (r.why === 'noCustomer') refuse('coupon.customerRequired', { code });
  refuse(LIMIT_KEYS[r.scope], { code, max: r.max });
}
