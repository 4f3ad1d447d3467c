import type { Basket } from './basket';
import { COUPON_KIND } from './coupon/rule';
import { REWARD_RULE } from './loyalty/rewards';
import type { TenderKind } from './tender';

// What a till may sell with the server away. Only what needs no balance, counter or limit
// kept on the server: cash and card. A voucher, a gift card, a customer account, an e-shop
// certificate, a coupon (its uses are counted by the server) or a loyalty reward (points
// spent) would be checked against figures the till cannot see, and are refused; the cashier
// takes another tender or takes the code off.

export const OFFLINE_TENDERS: readonly TenderKind[] = ['cash', 'card'];

export type OfflineRefusal = 'offline.tender' | 'offline.coupon' | 'offline.reward' | 'offline.giftCardSale' | 'offline.return';

export function offlineTenderRefused(kind: TenderKind): boolean {
  return !OFFLINE_TENDERS.includes(kind);
}

/** Why this basket cannot be sold offline (its lines and codes), or null. */
export function offlineBasketRefusal(basket: Basket): OfflineRefusal | null {
  if (basket.lines.some((l) => l.item.giftCard)) return 'offline.giftCardSale';
  if (basket.lines.some((l) => l.returnOf !== undefined)) return 'offline.return';
  if (basket.rules.some((r) => r.kind === COUPON_KIND)) return 'offline.coupon';
  if (basket.rules.some((r) => r.kind === REWARD_RULE)) return 'offline.reward';
  return null;
}

/** Why this paid basket cannot be sold offline, or null. */
export function offlineRefusal(basket: Basket, tenders: readonly { kind: TenderKind }[]): OfflineRefusal | null {
  if (tenders.some((t) => offlineTenderRefused(t.kind))) return 'offline.tender';
  return offlineBasketRefusal(basket);
}
