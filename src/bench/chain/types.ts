// What the parts of `pos bench --chain` hand one another: the sizes of the chain the data
// generator builds, what it built, and what a load of N tills measured. The generator, the
// load and the command are written apart; they meet here.
import type { CpuSpent } from '../cpu';

/** How big a chain the generator builds. Every figure is a parameter of `pos bench --chain`. */
export interface ChainSizes {
  stores: number;
  /** Spread evenly over the stores. */
  tills: number;
  items: number;
  /** Each with a loyalty card (its code is the card scanned at the till). */
  customers: number;
  vouchers: number;
  giftCards: number;
  /** Voucher and gift card ledger rows together, issue rows included. */
  ledgerRows: number;
  couponCodes: number;
  /** Sealed tickets, spread over the tills. */
  tickets: number;
}

/** The chain: what a chain of fifty stores holds after a few years. */
export const FULL_CHAIN: ChainSizes = {
  stores: 50,
  tills: 250,
  items: 1_000_000,
  customers: 1_000_000,
  vouchers: 1_000_000,
  giftCards: 1_000_000,
  ledgerRows: 10_000_000,
  couponCodes: 1_000_000,
  tickets: 1_000_000,
};

/** A chain that builds in seconds: CI's, and a first try of the bench. */
export const SMALL_CHAIN: ChainSizes = {
  stores: 3,
  tills: 12,
  items: 2_000,
  customers: 2_000,
  vouchers: 1_000,
  giftCards: 1_000,
  ledgerRows: 6_000,
  couponCodes: 1_000,
  tickets: 5_000,
};

/** Terminal codes of the generated chain: store s (from 0), till t of that store (from 0). */
export function chainStoreCode(s: number): string {
  return `S${String(s + 1).padStart(3, '0')}`;
}

export function chainTerminalCode(s: number, t: number): string {
  return `${chainStoreCode(s)}-T${String(t + 1).padStart(2, '0')}`;
}

export interface GeneratedTable {
  table: string;
  rows: number;
  seconds: number;
}

export interface GeneratedChain {
  sizes: ChainSizes;
  /** Wall time of the whole build, ANALYZE included. */
  seconds: number;
  tables: GeneratedTable[];
}

/** Summary of timing samples in milliseconds (nearest-rank percentiles, see ../stats). */
export interface Timing {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export interface LoadOptions {
  /** The bench database, as the owner (the load reads samples and makes its hot vouchers). */
  url: string;
  /** Tills selling at once, each with a connection of its own as a till process has. */
  tills: number;
  seconds: number;
  /** Vouchers every till draws on now and then, on purpose: rows many transactions want at once. */
  hotVouchers: number;
  /** Seed of the baskets' random choices: two runs with one seed sell the same baskets. */
  seed: number;
  /** Look-ups made meanwhile by a back office (voucher, card, item, customer search), timed. */
  lookups: boolean;
}

export interface LoadResult {
  tills: number;
  sales: number;
  seconds: number;
  perSecond: number;
  /** commitSale called to its answer. */
  commit: Timing;
  /** How many sales carried each: what makes the baskets realistic. */
  mix: { coupon: number; loyalty: number; voucher: number; giftCard: number; hotVoucher: number; cash: number; card: number };
  /** Sales the server refused for a business reason (a voucher spent meanwhile…), by message key. */
  refused: Record<string, number>;
  /** Anything else (at most a few, for the report). */
  errors: string[];
  /** Per kind of look-up, when LoadOptions.lookups. */
  lookups: Record<string, Timing>;
  /** CPU spent while the sales were counted; null where the machine's figures cannot be read. */
  cpu: CpuSpent | null;
}


export interface HotVoucherOptions {
  url: string;
  /** Connections redeeming at once. */
  tills: number;
  seconds: number;
  /** How many vouchers they all redeem from. */
  vouchers: number;
  /**
   * 'sale' (the default): a whole sale paid by the voucher, as a till makes it. 'debit': the
   * debit alone, as the e-shop's API redeems (conditional debit and its ledger row), the same
   * work as the bare UPDATE it is compared with, plus the ledger.
   */
  via?: 'sale' | 'debit';
}

export interface HotVoucherResult {
  redemptions: number;
  seconds: number;
  perSecond: number;
  redeem: Timing;
  errors: string[];
}
