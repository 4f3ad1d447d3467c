import { findCodeForTill } from '../../data/couponCodes';
import { basketReducer } from '../../domain/basket';
import { checkCode } from '../../domain/coupon/check';
import { CODE_SHAPE, normalizeCode } from '../../domain/coupon/codes';
import { COUPON_KIND, couponRule } from '../../domain/coupon/rule';
import { formatEuros, type Lang } from '../../domain/money';
import type { Pricing } from '../../domain/pricingRule';
import { isMessageKey, t } from '../../i18n/messages';
import { refuse } from '../errors';
import type { EntryResolver, Lookup } from '../entryResolver';
import { nowOf } from '../../domain/clock';

/** Why the basket gets nothing from the coupon, in words, with the amount missing when there is one. */
function shortfall(note: Pricing['notes'][number], lang: Lang): string {
  if (note.reason === 'coupon.minAmount') return t(lang, 'coupon.missingAmount', { missing: formatEuros(Number(note.params?.missingCents), lang) });
  return t(lang, isMessageKey(note.reason) ? note.reason : 'pricing.unknownRule', note.params);
}

/**
 * A coupon code typed or scanned on the sale screen. Checked in the order (unknown,
 * inactive, blocked, dates, schedule, store, customer, limits, combination, then whether the
 * basket qualifies), each with its own message; the code then goes on the basket as a pricing
 * rule. The same code again takes it off (the way out when its last use went to another till).
 * The limits are checked here so the cashier is told before the customer pays; the sale's
 * effect (effect.ts) is what holds them when two tills commit at once.
 */
export const couponEntry: EntryResolver = async (db, text, ctx): Promise<Lookup | null> => {
  const code = normalizeCode(text);
  if (!CODE_SHAPE.test(code)) return null;
  if (ctx.basket.rules.some((r) => r.kind === COUPON_KIND && r.ref === code)) {
    return { kind: 'action', action: { type: 'removeRule', ref: code }, message: { key: 'coupon.removed', params: { code } } };
  }
  const lang = ctx.lang ?? 'fr';
  const storeId = ctx.terminal.storeId;
  const customer = ctx.basket.customer;
  const found = await findCodeForTill(db, code, { storeId, customerId: customer?.id ?? null });
  if (found === null) return null;
  if (found === 'unknown') refuse('coupon.unknown', { code });
  const timeZone = ctx.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const problem = checkCode(found.found, { now: nowOf(ctx.config), timeZone, lang, storeId, customer, rules: ctx.basket.rules });
  if (problem) refuse(problem.key, problem.params);
  const rule = couponRule(code, { ...found.rule, scannedAt: { timeZone, lang } });
  const tried = basketReducer(ctx.basket, { type: 'addRule', rule });
  if ('error' in tried) refuse(tried.error);
  const note = tried.basket.notes.find((n) => n.ref === code);
  if (note) refuse('coupon.notQualifying', { code, why: shortfall(note, lang) });
  const saving = tried.basket.adjustments.find((a) => a.ref === code)?.cents ?? 0;
  return {
    kind: 'action',
    action: { type: 'addRule', rule },
    message: { key: 'coupon.applied', params: { name: found.rule.name, saving: formatEuros(saving, lang) } },
  };
};
