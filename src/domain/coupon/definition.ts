import { MAX_CENTS, type Cents } from '../money';
import { checkSchedule, type ScheduleWindow } from './schedule';

// A coupon definition (bon de réduction): the discount it gives and the terms of its use. Its
// codes (codes promo) unlock it at the till. Which options a definition may take depends on its
// discount type, as the vendor's table says (see checkDefinition).

/**
 * The discount a coupon is linked to, in the seed's words:
 *   ticket          Aucun: a header discount on the ticket amount
 *   customer        Remise du client sur article / sur groupe d'articles
 *   customer_group  Remise du groupe de clients sur articles / sur groupe d'articles
 *   bundle          Offre groupée fixe (parts are items) or personnalisée (parts are item groups)
 *   threshold       Remise par seuil sur article (minimum quantity or amount of the items)
 */
export const DISCOUNT_TYPES = ['ticket', 'customer', 'customer_group', 'bundle', 'threshold'] as const;
export type DiscountType = (typeof DISCOUNT_TYPES)[number];

/** Who the codes are for (the seed's "type d'objet disponible à associer"). */
export const HOLDERS = ['none', 'customer', 'group'] as const;
export type Holder = (typeof HOLDERS)[number];

/** Client sur le document: facultatif / obligatoire / obligatoire et conforme au code. */
export const CUSTOMER_RULES = ['optional', 'required', 'matching'] as const;
export type CustomerRule = (typeof CUSTOMER_RULES)[number];

/** Nombre limite d'utilisation du code: in the whole system, per store (centre), per customer. */
export const LIMIT_SCOPES = ['global', 'store', 'customer'] as const;
export type LimitScope = (typeof LIMIT_SCOPES)[number];

/** Percent in basis points (1000 = 10 %); an amount off; or the price a bundle sells at. */
export type CouponValue = { kind: 'percent'; bp: number } | { kind: 'amount'; cents: Cents } | { kind: 'price'; cents: Cents };

/** Items the discount is on: by catalog id, or by item group code. */
export interface Target {
  itemIds: number[];
  groupCodes: string[];
}

export interface Threshold {
  minQty: number | null;
  minCents: Cents | null;
}

/** One part of a bundle: `qty` units taken among these items or groups. */
export interface BundlePart extends Target {
  qty: number;
}

/** What the discount engine needs: plain data, copied into the basket's rule when a code is applied. */
export interface CouponDiscount {
  type: DiscountType;
  value: CouponValue;
  /** Items the discount is on (customer, customer_group, threshold); empty for ticket and bundle. */
  target: Target;
  /** Minimum quantity or amount of the target items (of the whole ticket for a ticket discount). */
  threshold: Threshold | null;
  bundle: BundlePart[];
  /** How many bundles one code gives at most on a ticket; null: as many as the ticket holds. */
  maxBundles: number | null;
}

export interface CouponLimit {
  scope: LimitScope;
  max: number;
}

export interface CouponTerms {
  holder: Holder;
  customerRule: CustomerRule;
  limit: CouponLimit | null;
  /** Shop-local days, 'YYYY-MM-DD', both included; null: open. */
  validFrom: string | null;
  validUntil: string | null;
  /** Empty: any time. */
  schedule: ScheduleWindow[];
  /** "Ne pas utiliser d'autres bons de réduction". */
  exclusive: boolean;
  /** The stores that may grant it (the e-shop is a store); empty: every store. */
  storeIds: number[];
}

export interface CouponDefinition {
  symbol: string;
  name: string;
  discount: CouponDiscount;
  terms: CouponTerms;
  /** Conditions de promotion: printed on the slip. */
  conditions: string;
  active: boolean;
}

export type DefinitionProblem =
  | 'coupon.def.name'
  | 'coupon.def.symbol'
  | 'coupon.def.percent'
  | 'coupon.def.amount'
  | 'coupon.def.priceNotBundle'
  | 'coupon.def.targetNeeded'
  | 'coupon.def.targetNotAllowed'
  | 'coupon.def.thresholdNeeded'
  | 'coupon.def.threshold'
  | 'coupon.def.thresholdNotAllowed'
  | 'coupon.def.bundleNeeded'
  | 'coupon.def.bundleNotAllowed'
  | 'coupon.def.bundlePart'
  | 'coupon.def.maxBundles'
  | 'coupon.def.holder'
  | 'coupon.def.customerRule'
  | 'coupon.def.limitCustomer'
  | 'coupon.def.limitCustomerHolder'
  | 'coupon.def.matchingNeedsHolder'
  | 'coupon.def.limitMax'
  | 'coupon.def.dates'
  | 'coupon.def.schedule'
  | 'coupon.def.conditions';

export const SYMBOL = /^[A-Z0-9][A-Z0-9_-]{0,19}$/;
export const MAX_USES = 1_000_000;
const MAX_NAME = 80;
const MAX_CONDITIONS = 500;

/**
 * Which holders, which "customer on the document" rules, and with which holders a per-customer
 * limit, each discount type allows (the seed's table: for bundles and thresholds the "Client"
 * limit is on the row of codes held by a customer or a group only).
 */
const ALLOWED: Record<DiscountType, { holders: readonly Holder[]; customerRules: readonly CustomerRule[]; customerLimitHolders: readonly Holder[] }> = {
  ticket: { holders: ['none', 'customer', 'group'], customerRules: ['optional', 'required', 'matching'], customerLimitHolders: ['none', 'customer', 'group'] },
  customer: { holders: ['none', 'customer'], customerRules: ['optional', 'required', 'matching'], customerLimitHolders: ['none', 'customer'] },
  customer_group: { holders: ['group'], customerRules: ['matching'], customerLimitHolders: ['group'] },
  bundle: { holders: ['none', 'customer', 'group'], customerRules: ['optional', 'required', 'matching'], customerLimitHolders: ['customer', 'group'] },
  threshold: { holders: ['none', 'customer', 'group'], customerRules: ['optional', 'required', 'matching'], customerLimitHolders: ['customer', 'group'] },
};

export function allowedHolders(type: DiscountType): readonly Holder[] {
  return ALLOWED[type].holders;
}

/** What the table allows for the customer on the document; a per-customer limit needs a customer. */
export function allowedCustomerRules(type: DiscountType, limitScope: LimitScope | null): readonly CustomerRule[] {
  const rules = ALLOWED[type].customerRules;
  return limitScope === 'customer' ? rules.filter((r) => r !== 'optional') : rules;
}

/** The table's default ("valeur par défaut"): not required, unless the type or the limit needs a customer. */
export function defaultCustomerRule(type: DiscountType, limitScope: LimitScope | null): CustomerRule {
  return allowedCustomerRules(type, limitScope)[0]!;
}

export function defaultHolder(type: DiscountType): Holder {
  return ALLOWED[type].holders[0]!;
}

function emptyTarget(t: Target): boolean {
  return t.itemIds.length === 0 && t.groupCodes.length === 0;
}

const isDay = (d: string | null) => d === null || /^\d{4}-\d{2}-\d{2}$/.test(d);

function checkDiscount(d: CouponDiscount): DefinitionProblem | null {
  const v = d.value;
  if (v.kind === 'percent' && !(Number.isInteger(v.bp) && v.bp > 0 && v.bp <= 10_000)) return 'coupon.def.percent';
  if (v.kind === 'amount' && !(Number.isInteger(v.cents) && v.cents > 0 && v.cents <= MAX_CENTS)) return 'coupon.def.amount';
  if (v.kind === 'price' && (d.type !== 'bundle' || !(Number.isInteger(v.cents) && v.cents >= 0 && v.cents <= MAX_CENTS))) {
    return d.type !== 'bundle' ? 'coupon.def.priceNotBundle' : 'coupon.def.amount';
  }
  const onItems = d.type === 'customer' || d.type === 'customer_group' || d.type === 'threshold';
  if (onItems && emptyTarget(d.target)) return 'coupon.def.targetNeeded';
  if (!onItems && !emptyTarget(d.target)) return 'coupon.def.targetNotAllowed';
  if (d.threshold) {
    const { minQty, minCents } = d.threshold;
    if (d.type === 'bundle') return 'coupon.def.thresholdNotAllowed';
    if (minQty === null && minCents === null) return 'coupon.def.threshold';
    if (minQty !== null && !(Number.isInteger(minQty) && minQty >= 1 && minQty <= 9999)) return 'coupon.def.threshold';
    if (minCents !== null && !(Number.isInteger(minCents) && minCents >= 1 && minCents <= MAX_CENTS)) return 'coupon.def.threshold';
  } else if (d.type === 'threshold') {
    return 'coupon.def.thresholdNeeded';
  }
  if (d.type === 'bundle') {
    if (d.bundle.length === 0) return 'coupon.def.bundleNeeded';
    if (d.bundle.some((p) => emptyTarget(p) || !(Number.isInteger(p.qty) && p.qty >= 1 && p.qty <= 99))) return 'coupon.def.bundlePart';
    if (d.maxBundles !== null && !(Number.isInteger(d.maxBundles) && d.maxBundles >= 1 && d.maxBundles <= 999)) return 'coupon.def.maxBundles';
  } else if (d.bundle.length > 0 || d.maxBundles !== null) {
    return 'coupon.def.bundleNotAllowed';
  }
  return null;
}

function checkTerms(type: DiscountType, t: CouponTerms): DefinitionProblem | null {
  if (!allowedHolders(type).includes(t.holder)) return 'coupon.def.holder';
  if (!ALLOWED[type].customerRules.includes(t.customerRule)) return 'coupon.def.customerRule';
  if (t.limit?.scope === 'customer' && !ALLOWED[type].customerLimitHolders.includes(t.holder)) return 'coupon.def.limitCustomerHolder';
  if (t.limit?.scope === 'customer' && t.customerRule === 'optional') return 'coupon.def.limitCustomer';
  // Nothing to match a customer against when the codes belong to nobody.
  if (t.customerRule === 'matching' && t.holder === 'none') return 'coupon.def.matchingNeedsHolder';
  if (t.limit && !(Number.isInteger(t.limit.max) && t.limit.max >= 1 && t.limit.max <= MAX_USES)) return 'coupon.def.limitMax';
  if (!isDay(t.validFrom) || !isDay(t.validUntil)) return 'coupon.def.dates';
  if (t.validFrom !== null && t.validUntil !== null && t.validFrom > t.validUntil) return 'coupon.def.dates';
  if (!checkSchedule(t.schedule)) return 'coupon.def.schedule';
  return null;
}

/** The first thing wrong with a definition, or null: every rule of the seed's table is enforced here. */
export function checkDefinition(def: CouponDefinition): DefinitionProblem | null {
  const name = def.name.trim();
  if (name === '' || name.length > MAX_NAME) return 'coupon.def.name';
  if (!SYMBOL.test(def.symbol)) return 'coupon.def.symbol';
  if (def.conditions.length > MAX_CONDITIONS) return 'coupon.def.conditions';
  return checkDiscount(def.discount) ?? checkTerms(def.discount.type, def.terms);
}

/** Whether the discount goes on some lines (item discounts, bundles) or on the whole ticket. */
export function onLines(type: DiscountType): boolean {
  return type !== 'ticket';
}
