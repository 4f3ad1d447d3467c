import type { Lang } from '../money';
import type { PricingCustomer, PricingRule } from '../pricingRule';
import { formatDay } from '../day';
import type { CodeStatus } from './codes';
import type { CouponLimit, CustomerRule, Holder } from './definition';
import { combinationConflict, customerProblem } from './rule';
import { formatSchedule, inSchedule, localTime, type ScheduleWindow } from './schedule';

// What the till checks when a code is typed or scanned, in the order the issue gives, each
// failure with its own message. The basket's qualifying comes last and is the evaluator's.

/** A code as found in the database, with its definition and the uses counted in its limit's scope. */
export interface CodeFound {
  codeId: number;
  code: string;
  status: CodeStatus;
  validFrom: string | null;
  validUntil: string | null;
  customerId: number | null;
  groupCode: string | null;
  definition: {
    id: number;
    active: boolean;
    validFrom: string | null;
    validUntil: string | null;
    schedule: ScheduleWindow[];
    storeIds: number[];
    holder: Holder;
    customerRule: CustomerRule;
    limit: CouponLimit | null;
    exclusive: boolean;
  };
  /** Uses already counted against the limit, in its scope (this store, this customer, or all). */
  uses: number;
}

export interface TillMoment {
  now: Date;
  timeZone: string;
  lang: Lang;
  storeId: number;
  customer: Pick<PricingCustomer, 'id' | 'groupCode'> | null;
  /** The rules already on the basket. */
  rules: readonly PricingRule[];
}

export type CouponCheckKey =
  | 'coupon.inactive'
  | 'coupon.blocked'
  | 'coupon.notYetValid'
  | 'coupon.expired'
  | 'coupon.outsideSchedule'
  | 'coupon.notThisStore'
  | 'coupon.customerRequired'
  | 'coupon.customerMismatch'
  | 'coupon.limitGlobal'
  | 'coupon.limitStore'
  | 'coupon.limitCustomer'
  | 'coupon.cannotCombineWith';

export interface CouponCheckRefusal {
  key: CouponCheckKey;
  params: Record<string, string | number>;
}

const later = (a: string | null, b: string | null) => (a === null ? b : b === null || a > b ? a : b);
const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null || a < b ? a : b);

const LIMIT_KEYS = { global: 'coupon.limitGlobal', store: 'coupon.limitStore', customer: 'coupon.limitCustomer' } as const;

/** What says when and where a code may be used: its own dates, and its definition's dates, schedule and stores. */
export type CodeWhenWhere = Pick<CodeFound, 'code' | 'validFrom' | 'validUntil'> & {
  definition: Pick<CodeFound['definition'], 'validFrom' | 'validUntil' | 'schedule' | 'storeIds'>;
};

const refusal = (code: string, key: CouponCheckKey, params: Record<string, string | number> = {}): CouponCheckRefusal => ({ key, params: { code, ...params } });

/**
 * Whether the code may be used at this instant in this store: at the scan, and again when the
 * sale commits (a code scanned at 15:59 is not used after its window closed at 16:00).
 */
export function checkWhenWhere(found: CodeWhenWhere, at: Pick<TillMoment, 'now' | 'timeZone' | 'lang' | 'storeId'>): CouponCheckRefusal | null {
  const d = found.definition;
  const today = localTime(at.now, at.timeZone).day;
  const from = later(d.validFrom, found.validFrom);
  const until = earlier(d.validUntil, found.validUntil);
  if (from !== null && today < from) return refusal(found.code, 'coupon.notYetValid', { date: formatDay(from) });
  if (until !== null && today > until) return refusal(found.code, 'coupon.expired', { date: formatDay(until) });
  if (!inSchedule(d.schedule, at.now, at.timeZone)) return refusal(found.code, 'coupon.outsideSchedule', { schedule: formatSchedule(d.schedule, at.lang) });
  if (d.storeIds.length > 0 && !d.storeIds.includes(at.storeId)) return refusal(found.code, 'coupon.notThisStore');
  return null;
}

/** The first reason this code cannot go on this basket now, or null. */
export function checkCode(found: CodeFound, at: TillMoment): CouponCheckRefusal | null {
  const d = found.definition;
  const no = (key: CouponCheckKey, params: Record<string, string | number> = {}) => refusal(found.code, key, params);
  if (found.status === 'inactive' || !d.active) return no('coupon.inactive');
  if (found.status === 'blocked') return no('coupon.blocked');
  const when = checkWhenWhere(found, at);
  if (when) return when;
  const who = customerProblem(d.customerRule, { customerId: found.customerId, groupCode: found.groupCode }, at.customer);
  if (who) return no(who);
  if (d.limit && found.uses >= d.limit.max) return no(LIMIT_KEYS[d.limit.scope], { max: d.limit.max });
  const other = combinationConflict(d.exclusive, at.rules);
  if (other !== null) return no('coupon.cannotCombineWith', { other });
  return null;
}
