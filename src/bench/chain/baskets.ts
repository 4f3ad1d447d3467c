// A customer at the till, as the sale screen serves them: a loyalty card scanned now and then,
// items scanned through the entry line (catalogue first, then the other codes), a coupon code
// typed, the checks made as the payment screen opens, and tenders taken as the payment keys
// take them (a voucher or a gift card looked up, then an amount up to what it holds). Every
// choice is drawn from the till's seeded generator: one seed, the same baskets.
import { randomUUID } from 'node:crypto';
import { checkBeforePayment } from '../../app/beforePayment';
import { Refusal } from '../../app/errors';
import { giftCardTender } from '../../app/giftcards/tender';
import { lookupEntry } from '../../app/lookup';
import type { SaleRequest } from '../../app/saleRequest';
import type { TenderContext, TenderProvider } from '../../app/tenderProviders';
import { voucherTender } from '../../app/vouchers/tender';
import { loadConfig } from '../../config/load';
import type { Config } from '../../config/schema';
import { basketReducer, basketTotals, openBasket, type Basket, type BasketAction } from '../../domain/basket';
import { COUPON_KIND } from '../../domain/coupon/rule';
import { addTender, remainingCents, type Payment, type TenderKind } from '../../domain/tender';
import { formatVoucherCode } from '../../domain/voucherCode';
import type { ChainSample } from './sample';
import type { BenchTill } from './timed';
import type { LoadResult } from './types';

export type MixKind = keyof LoadResult['mix'];

/** How often a basket carries each thing (the rest is paid by card or cash). */
export const SHARES = { loyalty: 0.4, coupon: 0.2, voucher: 0.1, giftCard: 0.1, hotVoucher: 0.1, card: 0.55 } as const;

export interface Shop {
  sample: ChainSample;
  /** Codes of the vouchers every till draws on now and then. */
  hot: readonly string[];
  config: Config;
}

export interface Basketful {
  request: SaleRequest;
  carries: Set<MixKind>;
}

/**
 * The shop's default settings, not this machine's (config/local.json, POS_*): the load is the
 * same wherever it runs.
 */
export function benchConfig(): Config {
  return loadConfig({ root: '/nonexistent', env: {} });
}

/** 1 mostly, sometimes 2 or 3, now and then a handful: a till's quantities. */
function quantity(r: number): number {
  if (r < 0.7) return 1;
  if (r < 0.9) return 2;
  if (r < 0.97) return 3;
  return 4 + Math.floor(((r - 0.97) / 0.03) * 3);
}

function pick<T>(list: readonly T[], random: () => number): T | undefined {
  return list.length === 0 ? undefined : list[Math.floor(random() * list.length)];
}

/**
 * One basket, built and paid; null when the cashier could not go on (every line refused).
 * What the server refused on the way (a voucher used up meanwhile, a coupon's last use taken)
 * is told to `refused` by its message key, and the sale goes on without it, as at a till.
 */
export async function fillBasket(till: BenchTill, shop: Shop, refused: (key: string) => void): Promise<Basketful | null> {
  const { db, terminal, random } = till;
  const { sample, config } = shop;
  const operatorId = sample.operatorId;
  let basket: Basket = openBasket(randomUUID(), config.limits);
  const timeZone = terminal.storeTimeZone ?? config.timeZone;

  const apply = (action: BasketAction): void => {
    const r = basketReducer(basket, action);
    if ('error' in r) refused(r.error);
    else basket = r.basket;
  };
  const enter = async (code: string, qty = 1): Promise<void> => {
    try {
      const found = await lookupEntry(db, code, { basket, terminal, operatorId, lang: config.lang, timeZone, config });
      if (found.kind === 'item') apply({ type: 'add', item: found.item, qty });
      else if (found.kind === 'action') apply(found.action);
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      refused(e.key);
    }
  };

  const card = random() < SHARES.loyalty ? pick(sample.cards, random) : undefined;
  if (card) await enter(card);
  const lines = 1 + Math.floor(random() * 8);
  for (let i = 0; i < lines; i++) {
    const barcode = pick(sample.barcodes, random)!;
    await enter(barcode, quantity(random()));
  }
  const coupon = random() < SHARES.coupon ? pick(sample.coupons, random) : undefined;
  if (coupon) await enter(coupon);
  if (basket.lines.length === 0) return null;

  try {
    await checkBeforePayment(db, basket, { storeId: terminal.storeId, terminalId: terminal.id });
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    refused(e.key);
    // The cashier takes the coupon off and goes on.
    for (const rule of basket.rules.filter((r) => r.kind === COUPON_KIND)) apply({ type: 'removeRule', ref: rule.ref });
  }

  let payment: Payment = { totalCents: basketTotals(basket).totalCents, tenders: [] };
  const ctx = (): TenderContext => ({ basket, payment, terminal, operatorId, refund: false, config });
  const take = (kind: TenderKind, typed: number, source: { ref?: string; maxCents?: number } = {}): void => {
    const added = addTender(payment, kind, typed, source);
    if ('error' in added) refused(added.error);
    else payment = added.payment;
  };
  /** A voucher or a gift card: found by its code, then `amount` of what is left, at most what it holds. */
  const drawOn = async (provider: TenderProvider, code: string | undefined, amount: (rest: number) => number): Promise<void> => {
    if (!code || remainingCents(payment) <= 0) return;
    try {
      const found = await provider.find(db, code, ctx());
      take(provider.kind, Math.max(1, Math.min(found.maxCents, amount(remainingCents(payment)))), { ref: found.ref, maxCents: found.maxCents });
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      refused(e.key);
    }
  };
  const hotCents = 100 + Math.floor(random() * 900);
  if (random() < SHARES.hotVoucher) await drawOn(voucherTender, pick(shop.hot, random), (rest) => Math.min(rest, hotCents));
  const voucherShare = 0.3 + random() * 0.7;
  if (random() < SHARES.voucher) await drawOn(voucherTender, pick(sample.vouchers, random), (rest) => Math.ceil(rest * voucherShare));
  const cardShare = 0.3 + random() * 0.7;
  if (random() < SHARES.giftCard) await drawOn(giftCardTender, pick(sample.giftCards, random), (rest) => Math.ceil(rest * cardShare));
  const byCard = random() < SHARES.card;
  const roundUp = random() < 0.5;
  const rest = remainingCents(payment);
  if (rest > 0) {
    if (byCard) take('card', rest);
    // Half the customers hand a note or coins over the amount: change is given.
    else take('cash', roundUp ? Math.ceil(rest / 500) * 500 : rest);
  }

  const hot = new Set(shop.hot.map(formatVoucherCode));
  const carries = new Set<MixKind>();
  if (basket.customer) carries.add('loyalty');
  if (basket.rules.some((r) => r.kind === COUPON_KIND)) carries.add('coupon');
  for (const t of payment.tenders) {
    if (t.kind === 'voucher') carries.add(hot.has(t.ref ?? '') ? 'hotVoucher' : 'voucher');
    else if (t.kind === 'gift_card') carries.add('giftCard');
    else if (t.kind === 'cash' || t.kind === 'card') carries.add(t.kind);
  }
  return { request: { terminalId: terminal.id, storeId: terminal.storeId, operatorId, basket, payment }, carries };
}
