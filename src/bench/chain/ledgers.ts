// Vouchers and gift cards with their ledgers: sizes.ledgerRows rows in all, one issue (or sale)
// row each and the rest spread over them, two by two so that the total is exact (0 to 2×mean
// uses each). Amounts are a shop's: vouchers of 5 € to 150 €, cards of 10 € to 200 €. Each use
// takes a part of what is left; one in four is spent to the cent (status used), one in twenty
// expired (its last row writes the rest off), the others still open, expiring in the future.
// Each owner's rows are numbered one after the other, so ids follow the balance as the
// ledger_order trigger numbers them. Uses are web orders (channel web, an order reference):
// the generated tickets are paid in cash and card only, and none claims a voucher or a card.
import { checkSymbol, VOUCHER_ALPHABET } from '../../domain/voucherCode';
import type { Cell } from './copy';
import { mix, oneOf, pick } from './hash';
import type { ChainLayout } from './layout';

const DAY = 86_400_000;
const VOUCHER_CENTS = [500, 1000, 1500, 2000, 2500, 3000, 4000, 5000, 7500, 10000, 15000];
const CARD_CENTS = [1000, 2000, 2500, 3000, 4000, 5000, 7500, 10000, 15000, 20000];

export interface LedgerMove {
  kind: 'issue' | 'use' | 'expire';
  amount: number;
  after: number;
  at: number;
}

export interface LedgerPlan {
  initial: number;
  created: number;
  expiresOn: string;
  expiresAt: number;
  status: 'active' | 'used' | 'expired';
  balance: number;
  closedAt: number | null;
  moves: LedgerMove[];
}

/** Rows beyond the issue row of owner o (vouchers first, then cards). */
export function usesOf(layout: ChainLayout, o: number): number {
  const { vouchers, giftCards, ledgerRows } = layout.sizes;
  const owners = vouchers + giftCards;
  const extra = ledgerRows - owners;
  const share = (k: number) => Math.floor(((k + 1) * extra) / owners) - Math.floor((k * extra) / owners);
  const pair = o - (o % 2);
  if (pair + 1 >= owners) return share(o);
  const a = share(pair);
  const b = share(pair + 1);
  const d = pick(Math.min(a, b) + 1, pair, 31);
  return o === pair ? a + d : b - d;
}

/** Owner o's life: amounts, dates and rows. `salt` tells vouchers from cards. */
export function ledgerPlan(layout: ChainLayout, o: number, salt: number, amounts: readonly number[]): LedgerPlan {
  const uses = usesOf(layout, o);
  const expired = uses > 0 && pick(20, o, salt + 1) === 0;
  const spent = !expired && uses > 0 && pick(4, o, salt + 2) === 0;
  // Enough cents for every use to take one and leave one.
  const initial = Math.max(oneOf(amounts, o, salt + 3), 2 * (uses + 2));
  const hour = 3_600_000;
  const created = expired ? layout.now - (800 + pick(300, o, salt + 4)) * DAY : layout.now - DAY - pick(700 * 24, o, salt + 4) * hour;
  // Valid two years, to the end of the day (UTC).
  const expiryDay = new Date(created + 730 * DAY).toISOString().slice(0, 10);
  const expiresAt = Date.parse(expiryDay) + DAY;
  const end = expired ? expiresAt : layout.now - hour;
  const moves: LedgerMove[] = [{ kind: 'issue', amount: initial, after: initial, at: created }];
  let left = initial;
  for (let u = 1; u <= uses; u++) {
    const at = created + Math.floor(((end - created) * u) / (uses + 1));
    let amount: number;
    let kind: LedgerMove['kind'] = 'use';
    if (u === uses && expired) {
      kind = 'expire';
      amount = left;
    } else if (u === uses && spent) {
      amount = left;
    } else {
      const part = Math.floor((left * (10 + pick(40, o * 64 + u, salt + 5))) / 100);
      amount = Math.max(1, Math.min(left - (uses - u) - 1, part));
    }
    left -= amount;
    moves.push({ kind, amount: -amount, after: left, at: kind === 'expire' ? expiresAt : at });
  }
  const status = expired ? 'expired' : left === 0 ? 'used' : 'active';
  return { initial, created, expiresOn: expiryDay, expiresAt, status, balance: left, closedAt: status === 'active' ? null : moves[moves.length - 1]!.at, moves };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A code of the voucher alphabet: `length - 1` symbols (n's digits, mixed with the hash's) and the check symbol. */
export function alphabetCode(n: number, salt: number, length: number): string {
  const B = VOUCHER_ALPHABET.length;
  let digits = '';
  for (let v = n, i = 0; i < 7; i++, v = Math.floor(v / B)) digits += VOUCHER_ALPHABET[v % B];
  let body = '';
  for (let i = 0; body.length < length - 1; i++) {
    body += i % 2 === 0 && i / 2 < digits.length ? digits[i / 2] : VOUCHER_ALPHABET[mix(n * 32 + i, salt) % B];
  }
  return body + checkSymbol(body);
}

/** Where the movements' ids start for owner o: after the rows of the owners before it. */
export function ledgerIds(layout: ChainLayout, family: 'vouchers' | 'giftCards'): (count: number) => number {
  let next = layout.base[family === 'vouchers' ? 'voucher_movements' : 'gift_card_movements'];
  return (count) => {
    const first = next + 1;
    next += count;
    return first;
  };
}

export const VOUCHER_COLUMNS = ['id', 'code', 'origin', 'initial_cents', 'balance_cents', 'status', 'customer_id', 'store_id', 'issued_by', 'approved_by', 'note', 'created_at', 'expires_on', 'expires_at', 'closed_at'];
export const VOUCHER_MOVE_COLUMNS = ['id', 'voucher_id', 'kind', 'amount_cents', 'balance_after_cents', 'channel', 'store_id', 'operator_id', 'order_ref', 'note', 'at'];

const VOUCHER_SALT = 100;

function voucherOwner(layout: ChainLayout, v: number) {
  const plan = ledgerPlan(layout, v, VOUCHER_SALT, VOUCHER_CENTS);
  const storeId = layout.storeIds[pick(layout.storeIds.length, v, VOUCHER_SALT + 6)]!;
  const issuer = layout.operatorIds[pick(layout.operatorIds.length, v, VOUCHER_SALT + 7)]!;
  const tradeIn = pick(5, v, VOUCHER_SALT + 8) === 0;
  const note = tradeIn ? 'Reprise' : 'Geste commercial';
  return { id: layout.base.vouchers + v + 1, plan, storeId, issuer, origin: tradeIn ? 'trade_in' : 'manual', note };
}

export function* voucherRows(layout: ChainLayout): Generator<Cell[]> {
  const { customers } = layout.sizes;
  for (let v = 0; v < layout.sizes.vouchers; v++) {
    const x = voucherOwner(layout, v);
    const p = x.plan;
    const customer = customers > 0 && pick(3, v, VOUCHER_SALT + 9) === 0 ? layout.base.customers + 1 + pick(customers, v, VOUCHER_SALT + 10) : null;
    yield [x.id, alphabetCode(v, VOUCHER_SALT, 14), x.origin, p.initial, p.balance, p.status, customer, x.storeId, x.issuer, x.issuer, x.note, iso(p.created), p.expiresOn, iso(p.expiresAt), p.closedAt === null ? null : iso(p.closedAt)];
  }
}

export function* voucherMoveRows(layout: ChainLayout): Generator<Cell[]> {
  const ids = ledgerIds(layout, 'vouchers');
  for (let v = 0; v < layout.sizes.vouchers; v++) {
    const x = voucherOwner(layout, v);
    let id = ids(x.plan.moves.length);
    for (const [k, m] of x.plan.moves.entries()) {
      const issue = m.kind === 'issue';
      yield [id++, x.id, m.kind, m.amount, m.after, m.kind === 'use' ? 'web' : null, issue ? x.storeId : null, issue ? x.issuer : null, m.kind === 'use' ? `WEB-V${v + 1}-${k}` : null, issue ? x.note : '', iso(m.at)];
    }
  }
}

export const GIFT_CARD_COLUMNS = ['id', 'code', 'kind', 'initial_cents', 'balance_cents', 'status', 'store_id', 'terminal_id', 'sale_id', 'line_no', 'sold_by', 'created_at', 'expires_on', 'expires_at', 'closed_at'];
export const GIFT_CARD_MOVE_COLUMNS = ['id', 'gift_card_id', 'kind', 'amount_cents', 'balance_after_cents', 'channel', 'store_id', 'terminal_id', 'operator_id', 'sale_id', 'order_ref', 'at'];

const CARD_SALT = 200;

/**
 * Card g was sold on a generated ticket (the cards' sales are not lines of those tickets: see
 * the header of generate.ts), on that ticket's till.
 */
function cardOwner(layout: ChainLayout, g: number) {
  const o = layout.sizes.vouchers + g;
  const plan = ledgerPlan(layout, o, CARD_SALT, CARD_CENTS);
  const ticket = g % layout.sizes.tickets;
  const till = layout.tills[ticket % layout.tills.length]!;
  const seller = layout.operatorIds[pick(layout.operatorIds.length, g, CARD_SALT + 7)]!;
  return { id: layout.base.gift_cards + g + 1, plan, till, saleId: layout.base.sales + ticket + 1, seller };
}

export function* giftCardRows(layout: ChainLayout): Generator<Cell[]> {
  for (let g = 0; g < layout.sizes.giftCards; g++) {
    const x = cardOwner(layout, g);
    const p = x.plan;
    yield [x.id, alphabetCode(g, CARD_SALT, 16), 'generated', p.initial, p.balance, p.status, x.till.storeId, x.till.id, x.saleId, 1, x.seller, iso(p.created), p.expiresOn, iso(p.expiresAt), p.closedAt === null ? null : iso(p.closedAt)];
  }
}

export function* giftCardMoveRows(layout: ChainLayout): Generator<Cell[]> {
  const ids = ledgerIds(layout, 'giftCards');
  for (let g = 0; g < layout.sizes.giftCards; g++) {
    const x = cardOwner(layout, g);
    let id = ids(x.plan.moves.length);
    for (const [k, m] of x.plan.moves.entries()) {
      if (m.kind === 'issue') yield [id++, x.id, 'sold', m.amount, m.after, 'store', x.till.storeId, x.till.id, x.seller, x.saleId, null, iso(m.at)];
      else if (m.kind === 'use') yield [id++, x.id, 'spent', m.amount, m.after, 'web', null, null, null, null, `WEB-G${g + 1}-${k}`, iso(m.at)];
      else yield [id++, x.id, 'expired', m.amount, m.after, null, null, null, null, null, null, iso(m.at)];
    }
  }
}
