import type { Db } from '../data/db';
import type { Terminal } from '../data/places';
import type { Command, Config } from '../config/schema';
import type { Basket } from '../domain/basket';
import type { Payment, Tender, TenderData, TenderKind } from '../domain/tender';
import type { MessageKey, Params } from '../i18n/messages';

/** What a tender draws on, as found: shown to the cashier before the amount is confirmed. */
export interface TenderSourceFound {
  ref: string;
  /** The most it can give now (a voucher's balance, the credit left on an account). */
  maxCents: number;
  /** Lines to show: the customer, the initial amount, the expiry… */
  info: { key: MessageKey; params?: Params; money?: Record<string, number> }[];
  /** What the commit will need besides the ref, carried on the tender (a new voucher's expiry…). */
  data?: TenderData;
}

export interface TenderContext {
  basket: Basket;
  payment: Payment;
  terminal: Terminal;
  operatorId: number;
  /** True when the ticket pays out (a refund). */
  refund: boolean;
  /** This till's settings (time zone, a feature's defaults). */
  config: Config;
  /**
   * How the ticket a return comes from was paid, when the return names it; absent when it is
   * not known (a return without its ticket). A gift card takes a refund only when this says the
   * sale was paid otherwise than by gift card or gift certificate.
   */
  originalTenders?: readonly { kind: string }[];
}

/**
 * A means of payment that draws on something: a store-credit voucher, a customer account, a
 * gift card. The payment screen offers it on its key, asks for a code when it needs one, shows
 * what was found and takes an amount up to what it holds. Features add theirs to
 * TENDER_PROVIDERS (features.ts); committing the sale is their sale effect's business (saleEffects.ts).
 */
export interface TenderProvider {
  kind: TenderKind;
  command: Command;
  /** Whether the cashier types or scans a code (a voucher) or not (the customer's account). */
  needsCode(ctx: TenderContext): boolean;
  /** Whether a code scanned on the payment screen is one of this tender's, by its shape alone (and the till's settings). */
  ownsCode?(code: string, ctx: TenderContext): boolean;
  /** Finds the source or refuses (a Refusal saying why: unknown, expired, no customer…). */
  find(db: Db, code: string | null, ctx: TenderContext): Promise<TenderSourceFound>;
  /**
   * For a source kept outside our database (an e-shop gift certificate): draws the amount from
   * it when the cashier confirms it, as a card terminal approves a payment, since that cannot
   * be part of the sale's transaction. Returns what the tender carries from then on; a refusal
   * leaves nothing paid. The payment screen checks the amount against the payment first.
   */
  take?(db: Db, found: TenderSourceFound, amountCents: number, ctx: TenderContext): Promise<TakenTender>;
  /** Gives back what take() drew, when the cashier removes the tender (F4); a refusal keeps the tender. */
  release?(db: Db, tender: Tender, ctx: TenderContext): Promise<TenderNote | null>;
}

/** A line for the cashier from a tender's provider; amounts formatted when shown. */
export interface TenderNote {
  key: MessageKey;
  params?: Params;
  money?: Record<string, number>;
  /** Said as a warning (the balance read back is not the one written…). */
  warn?: boolean;
}

export interface TakenTender {
  ref: string;
  data?: TenderData;
  note?: TenderNote;
}
