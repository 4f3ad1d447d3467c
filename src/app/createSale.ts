import { createHash } from 'node:crypto';
import { findItemByCode } from '../data/items';
import { findSaleByKey, getSale } from '../data/sales';
import { basketReducer, basketTotals, openBasket, returnedTickets, type Basket, type BasketAction } from '../domain/basket';
import { refundRoute } from '../domain/saleReturn';
import { formatEuros, type Cents } from '../domain/money';
import { settle, type Tender, type TenderData, type TenderKind } from '../domain/tender';
import { commitSale, type CommitOptions, type CommitResult, type SaleRequest } from './commitSale';
import { customerForSale } from './customers/attach';
import { refuse } from './errors';
import { salePolicy } from './stock/policy';
import type { MessageKey } from '../i18n/messages';
import { lookupEntry } from './lookup';
import { checkReturnApproval } from './returns/effect';
import { findReturnableTicket, returnAction, type ReturnableTicket } from './returns/ticket';
import { login, managerApproval, serviceOperator, type Operator } from './session';
import { TENDER_PROVIDERS } from './features';
import type { Till } from './till';

/** A whole sale given at once (`pos sale create`, scripts, load generation). */
export interface SaleOrder {
  operatorCode: string;
  /** The operator's PIN, checked as at the till; null: the configured service operator (no PIN, logged). */
  operatorPin: string | null;
  /** A barcode or SKU each; a negative quantity is a returned item. */
  lines: readonly { code: string; qty: number }[];
  /** Amounts as typed, always positive: a refund's tenders are paid out. `ref`: what it draws on. */
  tenders: readonly { kind: TenderKind; cents: Cents; ref?: string }[];
  /** The customer's code (their loyalty card). */
  customerCode?: string;
  /** Other codes the entry line knows (coupon codes…), applied after the lines. */
  codes?: readonly string[];
  /** Idempotency key: committing the same key again returns the ticket already written. */
  key: string;
  /** Lines of an earlier ticket coming back (`pos sale return`): credited what was paid for them. */
  returns?: readonly { ticket: string; lineNo: number; qty: number }[];
  /** The manager approving what a return needs (no ticket, a refund paid out otherwise), with their PIN. */
  manager?: { code: string; pin: string };
}

const KEY = /^[\x21-\x7e]{1,100}$/;

export async function fillBasket(till: Till, key: string, lines: SaleOrder['lines']): Promise<Basket> {
  let basket = openBasket(key, till.config.limits);
  for (const { code, qty } of lines) {
    const item = await findItemByCode(till.db, code.trim());
    if (!item) refuse('item.unknownCode', { code });
    const r = basketReducer(basket, { type: 'add', item, qty });
    if ('error' in r) refuse(r.error, {}, r.money);
    basket = r.basket;
  }
  return basket;
}

/** The lines of earlier tickets coming back, each ticket read once. */
async function addReturns(till: Till, basket: Basket, returns: NonNullable<SaleOrder['returns']>, operatorId: number): Promise<Basket> {
  const tickets = new Map<string, ReturnableTicket>();
  for (const r of returns) {
    const key = r.ticket.trim().toUpperCase();
    let ticket = tickets.get(key);
    if (!ticket) tickets.set(key, (ticket = await findReturnableTicket(till.db, r.ticket, till.terminal)));
    const next = basketReducer(basket, returnAction(ticket, r.lineNo, r.qty, operatorId));
    if ('error' in next) refuse(next.error, {}, next.money);
    basket = next.basket;
  }
  return basket;
}

/** A refund given no tenders: paid back the way its tickets were (see refundRoute), or in cash without a ticket. */
function proposedRefund(till: Till, basket: Basket, totalCents: Cents): SaleOrder['tenders'] {
  const tickets = returnedTickets(basket);
  if (!tickets) return [{ kind: 'cash', cents: -totalCents }];
  return refundRoute(tickets, -totalCents, till.config.returns.prepaidRefund).map((p) => ({ kind: p.kind, cents: p.cents }));
}

/** Tenders that draw on something are looked up as the payment screen does: what they hold caps them. */
async function withSources(till: Till, operatorId: number, basket: Basket, totalCents: Cents, tenders: SaleOrder['tenders']) {
  const originalTenders = returnedTickets(basket)?.flatMap((p) => p.tenders);
  const out: { kind: TenderKind; cents: Cents; ref?: string; maxCents?: Cents; data?: TenderData }[] = [];
  for (const t of tenders) {
    const provider = TENDER_PROVIDERS.find((p) => p.kind === t.kind);
    if (!provider) {
      if (t.kind !== 'cash' && t.kind !== 'card') refuse('cli.tenderUnavailable', { kind: t.kind });
      out.push(t);
      continue;
    }
    // What the earlier tenders take is told to the provider, as on the payment screen.
    const before = out.map((o) => ({ kind: o.kind, amountCents: Math.sign(totalCents) * o.cents, ref: o.ref }));
    const ctx = { basket, payment: { totalCents, tenders: before }, terminal: till.terminal, operatorId, refund: totalCents < 0, config: till.config, ...(originalTenders && { originalTenders }) };
    if (provider.needsCode(ctx) && !t.ref) refuse('cli.tenderNeedsCode', { kind: t.kind });
    const found = await provider.find(till.db, t.ref ?? null, ctx);
    out.push({ ...t, ref: found.ref, maxCents: found.maxCents, data: found.data });
  }
  return out;
}

/**
 * What the order asks, as it was sent: the till, the operator, the items (a barcode and its
 * SKU are the same item), the tenders with what they draw on, the customer and the codes. It
 * is kept with the ticket in place of the priced basket's hash: a retry is recognised before
 * anything is priced or looked up again (the first run used the coupon, emptied the voucher),
 * and the same key sent from another till, or with other content, is refused.
 */
function orderFingerprint(till: Till, order: SaleOrder, basket: Basket): string {
  const norm = (text: string | undefined) => text?.trim().toUpperCase() ?? null;
  const content = [
    till.terminal.id,
    order.operatorCode.trim(),
    basket.lines.map((l) => [l.item.id, l.qty, ...(l.returnOf ? [l.returnOf.saleId, l.returnOf.lineNo] : [])]),
    order.tenders.map((t) => [t.kind, t.cents, norm(t.ref)]),
    norm(order.customerCode),
    (order.codes ?? []).map(norm),
    ...(order.returns?.length ? [order.returns.map((r) => [norm(r.ticket), r.lineNo, r.qty])] : []),
  ];
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** What was still due when settle() stopped: the first tender larger than the rest is the one refused. */
function dueWhenRefused(totalCents: Cents, tenders: SaleOrder['tenders']): Cents {
  let left = Math.abs(totalCents);
  for (const t of tenders) {
    if (t.cents > left) break;
    left -= t.cents;
  }
  return left;
}

/**
 * Builds the basket the way the till does (items looked up, basketReducer), settles the
 * tenders with the till's rules and commits the sale on this till's terminal.
 */
export async function orderOperator(till: Till, order: SaleOrder): Promise<Operator> {
  const gate = { ...till, via: 'cli' as const };
  if (order.operatorPin !== null) return login(gate, order.operatorCode, order.operatorPin, 'sale');
  if (till.config.operators.serviceOperator === '' || order.operatorCode.trim() !== till.config.operators.serviceOperator) refuse('cli.pinNeeded', { env: 'POS_PIN' });
  return serviceOperator(gate, 'sale');
}

export async function createSale(till: Till, order: SaleOrder, opts: CommitOptions = {}): Promise<CommitResult> {
  if (!KEY.test(order.key)) refuse('sale.keyInvalid');
  if (order.lines.length === 0 && !order.returns?.length) refuse('sale.empty');
  // Before anything is read: a retried key must not show a ticket to someone without the PIN.
  const operator = await orderOperator(till, order);
  let basket = await fillBasket(till, order.key, order.lines);
  const fingerprint = orderFingerprint(till, order, basket);
  // A retry whose first run was written (its answer lost): that ticket, before any check of the
  // coupons, vouchers or account it used — the first run changed them. The commit checks the
  // fingerprint again in its statement, for a first run written meanwhile.
  const written = await findSaleByKey(till.db, order.key);
  if (written) {
    if (written.requestHash !== fingerprint) refuse('sale.keyReused', { key: order.key });
    return { sale: (await getSale(till.db, written.id))!, created: false, notes: [] };
  }
  const manager = order.manager ? await managerApproval({ ...till, via: 'cli' }, order.manager.code, order.manager.pin, 'sale.return') : null;
  const apply = (action: BasketAction) => {
    const r = basketReducer(basket, action);
    if ('error' in r) refuse(r.error, {}, r.money);
    basket = r.basket;
  };
  basket = await addReturns(till, basket, order.returns ?? [], operator.id);
  if (order.customerCode !== undefined) {
    apply({ type: 'customer', customer: await customerForSale(till.db, order.customerCode, till.config.lang) });
  }
  for (const code of order.codes ?? []) {
    const found = await lookupEntry(till.db, code, { basket, terminal: till.terminal, operatorId: operator.id, lang: till.config.lang, timeZone: till.config.timeZone });
    if (found.kind !== 'action') refuse('cli.codeNotApplicable', { code });
    apply(found.action);
  }
  // A rule kept on the basket that gives nothing would be a silent surprise on a script's ticket.
  if (basket.notes.length > 0) refuse(basket.notes[0]!.reason as MessageKey, { ...basket.notes[0]!.params, code: basket.notes[0]!.ref });
  const { totalCents } = basketTotals(basket);
  const given = order.tenders.length === 0 && totalCents < 0 ? proposedRefund(till, basket, totalCents) : order.tenders;
  const tenders = await withSources(till, operator.id, basket, totalCents, given);
  const settled = settle(totalCents, tenders);
  if ('error' in settled) {
    // A tender above what its source holds is told what it holds.
    const capped = tenders.find((t) => t.maxCents !== undefined && t.cents > t.maxCents);
    refuse(settled.error, { due: formatEuros(dueWhenRefused(totalCents, given), till.config.lang), available: formatEuros(capped?.maxCents ?? 0, till.config.lang) });
  }
  const req: SaleRequest = {
    terminalId: till.terminal.id,
    storeId: till.terminal.storeId,
    operatorId: operator.id,
    basket,
    payment: settled.payment,
    fingerprint,
    returnApprover: manager?.id ?? null,
  };
  const policy = opts.policy ?? salePolicy(till.config);
  // Said before anything is written, in the reader's language; the commit holds it again.
  checkReturnApproval(req, policy, till.config.lang);
  return commitSale(till.db, req, { ...opts, policy });
}
