import { basisPointsOf, type Cents } from './money';

/**
 * What French law lets a shop take off an item's public price. `free`: any discount. `fixed`
 * (prix unique / prix imposé: press, tobacco, stamps): none of any kind, not even a price
 * changed by hand. `capped` (the loi Lang's book price): at most `maxDiscountBp` off the public
 * price, all discounts together (the line's own, the customer's, a coupon, a reward).
 */
export type ItemPriceRule = { kind: 'free' } | { kind: 'fixed' } | { kind: 'capped'; maxDiscountBp: number };

export const PRICE_RULE_KINDS = ['free', 'fixed', 'capped'] as const;
export type PriceRuleKind = (typeof PRICE_RULE_KINDS)[number];

export const FREE_PRICE: ItemPriceRule = { kind: 'free' };
const FIXED_PRICE: ItemPriceRule = { kind: 'fixed' };

/**
 * An item's rule; an item snapshot without one (a basket spooled before rules existed) is free.
 * A gift card being sold is at a fixed price whatever its item says: no discount of any kind.
 */
export function priceRuleOf(item: { priceRule?: ItemPriceRule; giftCard?: object }): ItemPriceRule {
  return item.giftCard ? FIXED_PRICE : (item.priceRule ?? FREE_PRICE);
}

/** A cap is a share strictly between nothing (that is a fixed price) and everything (that is free). */
export function isCapBp(bp: number): boolean {
  return Number.isInteger(bp) && bp > 0 && bp < 10_000;
}

/**
 * The most every discount together may take off `qty` units sold at the public price
 * `listCents` (a size, whatever the sign of qty); null when only the line's own amount bounds it.
 */
export function maxDiscountCents(rule: ItemPriceRule, listCents: Cents, qty: number): Cents | null {
  switch (rule.kind) {
    case 'free':
      return null;
    case 'fixed':
      return 0;
    case 'capped':
      return basisPointsOf(listCents * Math.abs(qty), rule.maxDiscountBp);
  }
}

export type OverrideRefusal = { error: 'price.fixedItem' } | { error: 'price.cappedItem'; money: { floor: Cents; list: Cents } };

/**
 * Why a unit price typed by a manager breaks the item's rule, or null: a fixed price cannot be
 * changed; a capped one stays between the public price less the cap and the public price (the
 * cap rounded down per unit, so that no quantity of units goes past it).
 */
export function overrideRefusal(rule: ItemPriceRule, listCents: Cents, unitCents: Cents): OverrideRefusal | null {
  if (rule.kind === 'fixed') return unitCents === listCents ? null : { error: 'price.fixedItem' };
  if (rule.kind === 'free') return null;
  const floor = listCents - Math.floor((listCents * rule.maxDiscountBp) / 10_000);
  return unitCents >= floor && unitCents <= listCents ? null : { error: 'price.cappedItem', money: { floor, list: listCents } };
}
