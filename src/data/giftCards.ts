import type { GiftCard, GiftCardChannel, GiftCardMove, GiftCardMovement } from '../domain/giftCard';
import type { GiftCardCodeKind } from '../domain/giftCardCode';
import type { Cents } from '../domain/money';
import { ticketLabel } from '../domain/sale';
import type { Db } from './db';
import { movementSql, toLedgerMovement, type LedgerMovementRow } from './ledgerMovements';

// Gift cards and their ledger. As with vouchers, the till writes ledger rows only: each row's
// trigger (pos_gift_card_move, see the till_role migration) moves the cached balance in the
// same statement under the card's row lock and writes the balance after it; a row that does not
// qualify is not written, so a card never pays more than it holds, whichever till or e-shop
// asks. A card sold writes its own `sold` row.

const CARD_SQL = `
  SELECT g.id, g.code, g.kind, g.initial_cents, g.balance_cents, g.status, g.created_at,
         g.expires_on::text AS expires_on, g.expires_at, g.closed_at,
         s.code AS store_code, t.code AS terminal_code, sa.ticket_no
  FROM gift_cards g
  JOIN stores s ON s.id = g.store_id
  JOIN terminals t ON t.id = g.terminal_id
  JOIN sales sa ON sa.id = g.sale_id`;

interface CardRow {
  id: number;
  code: string;
  kind: GiftCardCodeKind;
  initial_cents: number;
  balance_cents: number;
  status: GiftCard['status'];
  created_at: Date;
  expires_on: string;
  expires_at: Date;
  closed_at: Date | null;
  store_code: string;
  terminal_code: string;
  ticket_no: number;
}

function toCard(r: CardRow): GiftCard {
  return {
    id: r.id,
    code: r.code,
    kind: r.kind,
    initialCents: r.initial_cents,
    balanceCents: r.balance_cents,
    status: r.status,
    storeCode: r.store_code,
    terminalCode: r.terminal_code,
    ticket: ticketLabel(r.terminal_code, r.ticket_no),
    createdAt: r.created_at,
    expiresOn: r.expires_on,
    expiresAt: r.expires_at,
    closedAt: r.closed_at,
  };
}

export async function findGiftCard(db: Db, code: string): Promise<GiftCard | null> {
  const { rows } = await db.raw<{ rows: CardRow[] }>(`${CARD_SQL} WHERE g.code = ?`, [code]);
  return rows[0] ? toCard(rows[0]) : null;
}

/** The codes among these that a card already has (sold, on this till or another). */
export async function soldCodes(db: Db, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const { rows } = await db.raw<{ rows: { code: string }[] }>('SELECT code FROM gift_cards WHERE code = ANY(?) ORDER BY code', [[...codes]]);
  return rows.map((r) => r.code);
}

/** The catalogue item gift card lines refer to (kept out of the catalogue: no `active` filter). */
export async function findGiftCardItem(db: Db, sku: string): Promise<{ id: number; sku: string; name: string } | null> {
  const row = await db('items').select('id', 'sku', 'name').where('sku', sku).first();
  return row ?? null;
}

export interface SoldCard {
  code: string;
  kind: GiftCardCodeKind;
  amountCents: Cents;
  saleId: number;
  lineNo: number;
  storeId: number;
  terminalId: number;
  operatorId: number;
  expiresOn: string;
  expiresAt: Date;
}

/** The cards a ticket sells and their `sold` rows (written by each card's trigger), in one statement. */
export async function insertSoldCards(db: Db, cards: readonly SoldCard[]): Promise<{ code: string; id: number }[]> {
  if (cards.length === 0) return [];
  const { rows } = await db.raw<{ rows: { code: string; id: number }[] }>(
    `WITH g AS (
       INSERT INTO gift_cards (code, kind, initial_cents, store_id, terminal_id, sale_id, line_no, sold_by, expires_on, expires_at)
       SELECT c.code, c.kind, c.amount_cents, c.store_id, c.terminal_id, c.sale_id, c.line_no, c.operator_id, c.expires_on, c.expires_at
       FROM jsonb_to_recordset(?::jsonb) AS c(code text, kind text, amount_cents bigint, store_id int, terminal_id int, sale_id bigint,
                                              line_no int, operator_id int, expires_on date, expires_at timestamptz)
       RETURNING id, code)
     SELECT code, id FROM g ORDER BY code`,
    [JSON.stringify(cards.map((c) => ({
      code: c.code, kind: c.kind, amount_cents: c.amountCents, store_id: c.storeId, terminal_id: c.terminalId, sale_id: c.saleId,
      line_no: c.lineNo, operator_id: c.operatorId, expires_on: c.expiresOn, expires_at: c.expiresAt.toISOString(),
    })))],
  );
  return rows;
}

export function isCodeTaken(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === 'gift_cards_code_unique';
}

export function isKeyTaken(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === 'gift_card_movements_caller_key_unique';
}

/** Who moves a card's balance, and for what: a ticket, or the e-shop's order. */
export interface CardMove {
  code: string;
  amountCents: Cents;
  channel: GiftCardChannel;
  storeId: number | null;
  terminalId: number | null;
  operatorId: number | null;
  saleId: number | null;
  orderRef: string | null;
  apiKeyId: number | null;
  idempotencyKey: string | null;
}

export interface MoveDone {
  movementId: number;
  cardId: number;
  balanceAfterCents: Cents;
  at: Date;
}

/**
 * Takes `amountCents` from an active, unexpired card holding at least that much, and writes the
 * `spent` row, in one statement; null when the card does not qualify (anymore). Under
 * concurrent debits the UPDATE waits for the row and checks the balance again.
 */
export async function debitGiftCard(db: Db, d: CardMove): Promise<MoveDone | null> {
  return moveCard(db, 'spent', -d.amountCents, d);
}

/**
 * Puts `amountCents` back onto a card (a refund onto it), and writes the `refunded` row, in one
 * statement: a card used up becomes active again; an expired or cancelled one is not credited
 * (null). Whether the refund may go onto a gift card at all is the caller's rule
 * (mayRefundOnto, src/domain/giftCard.ts).
 */
export async function creditGiftCard(db: Db, c: CardMove): Promise<MoveDone | null> {
  return moveCard(db, 'refunded', c.amountCents, { ...c, apiKeyId: null, idempotencyKey: null });
}

async function moveCard(db: Db, kind: 'spent' | 'refunded', amountCents: Cents, m: CardMove): Promise<MoveDone | null> {
  const { rows } = await db.raw<{ rows: { id: number; gift_card_id: number; balance_after_cents: number; at: Date }[] }>(
    `INSERT INTO gift_card_movements (gift_card_id, kind, amount_cents, channel, store_id, terminal_id, operator_id, sale_id, order_ref, api_key_id, idempotency_key)
     SELECT id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM gift_cards WHERE code = ?
     RETURNING id, gift_card_id, balance_after_cents, at`,
    [kind, amountCents, m.channel, m.storeId, m.terminalId, m.operatorId, m.saleId, m.orderRef, m.apiKeyId, m.idempotencyKey, m.code],
  );
  const r = rows[0];
  return r ? { movementId: r.id, cardId: r.gift_card_id, balanceAfterCents: r.balance_after_cents, at: r.at } : null;
}

/** Locks the cards a sale moves, in id order, so that two sales never wait on each other in a circle. */
export async function lockGiftCards(db: Db, codes: readonly string[]): Promise<void> {
  await db.raw('SELECT pos_lock_gift_cards(?::text[])', [[...codes]]);
}

export interface KeyedSpend {
  code: string;
  amountCents: Cents;
  channel: GiftCardChannel;
  orderRef: string | null;
  balanceAfterCents: Cents;
  at: Date;
  movementId: number;
}

/** The spend a caller made under an idempotency key (keys are each API key's own; null: none). */
export async function findSpendByKey(db: Db, apiKeyId: number | null, key: string): Promise<KeyedSpend | null> {
  const r = await db('gift_card_movements as m')
    .join('gift_cards as g', 'g.id', 'm.gift_card_id')
    .select('m.id', 'g.code', 'm.amount_cents', 'm.channel', 'm.order_ref', 'm.balance_after_cents', 'm.at')
    .whereRaw('coalesce(m.api_key_id, 0) = ?', [apiKeyId ?? 0])
    .where('m.idempotency_key', key)
    .first();
  return r ? { movementId: r.id, code: r.code, amountCents: -r.amount_cents, channel: r.channel, orderRef: r.order_ref, balanceAfterCents: r.balance_after_cents, at: r.at } : null;
}

/** Cancels what is left on an active, unexpired card; null when there is none such. */
export async function cancelGiftCardRow(db: Db, code: string, by: { operatorId: number; storeId: number | null; terminalId: number | null; note: string }): Promise<{ cancelledCents: Cents } | null> {
  // The amount is what the trigger finds left under the card's lock.
  const { rows } = await db.raw<{ rows: { amount_cents: number }[] }>(
    `INSERT INTO gift_card_movements (gift_card_id, kind, operator_id, store_id, terminal_id, note)
     SELECT id, 'cancelled', ?, ?, ?, ? FROM gift_cards WHERE code = ?
     RETURNING amount_cents`,
    [by.operatorId, by.storeId, by.terminalId, by.note, code],
  );
  return rows[0] ? { cancelledCents: -rows[0].amount_cents } : null;
}

/**
 * Marks every active card past its last day as expired and writes off its balance. Rows are
 * locked in id order; a run at the same time finds them no longer active: running it again,
 * from cron or by hand, changes nothing twice.
 */
/** The gift cards past their last day still active, by id. */
export async function dueGiftCardIds(db: Db): Promise<number[]> {
  const rows: { id: number }[] = await db('gift_cards').select('id').where('status', 'active').andWhere('expires_at', '<=', db.fn.now()).orderBy('id');
  return rows.map((r) => Number(r.id));
}

/** Expires these cards (those still active and due): an 'expired' movement each, their balance written off; the amounts by id. */
export async function expireGiftCardsById(db: Db, ids: readonly number[]): Promise<Map<number, Cents>> {
  const { rows } = await db.raw<{ rows: { gift_card_id: number; amount_cents: number }[] }>(
    `INSERT INTO gift_card_movements (gift_card_id, kind)
     SELECT id, 'expired' FROM gift_cards WHERE id = ANY(?::bigint[]) AND status = 'active' AND expires_at <= now() ORDER BY id
     RETURNING gift_card_id, amount_cents`,
    [ids as number[]],
  );
  return new Map(rows.map((r) => [Number(r.gift_card_id), -Number(r.amount_cents)]));
}

/** The codes of these cards, in the order of their codes. */
export async function giftCardCodesById(db: Db, ids: readonly number[]): Promise<{ id: number; code: string }[]> {
  const { rows } = await db.raw<{ rows: { id: number; code: string }[] }>('SELECT id, code FROM gift_cards WHERE id = ANY(?::bigint[]) ORDER BY code', [ids as number[]]);
  return rows.map((r) => ({ id: Number(r.id), code: r.code }));
}

const MOVEMENT_SQL = movementSql('gift_card_movements', 'm.note');

type MovementRow = LedgerMovementRow<GiftCardMove, GiftCardChannel> & { note: string };

function toMovement(r: MovementRow): GiftCardMovement {
  return { ...toLedgerMovement(r), note: r.note };
}

export async function giftCardMovements(db: Db, cardId: number): Promise<GiftCardMovement[]> {
  const { rows } = await db.raw<{ rows: MovementRow[] }>(`${MOVEMENT_SQL} WHERE m.gift_card_id = ? ORDER BY m.id`, [cardId]);
  return rows.map(toMovement);
}

/** What a ticket did to gift cards (sold, spent, refunded onto), with each card as it is now. */
export async function giftCardMovementsOfSale(db: Db, saleId: number): Promise<(GiftCardMovement & { card: GiftCard })[]> {
  const { rows } = await db.raw<{ rows: (MovementRow & { gift_card_id: number })[] }>(
    `${MOVEMENT_SQL.replace('SELECT m.kind', 'SELECT m.gift_card_id, m.kind')} WHERE m.sale_id = ? ORDER BY m.id`,
    [saleId],
  );
  if (rows.length === 0) return [];
  const cards = await db.raw<{ rows: CardRow[] }>(`${CARD_SQL} WHERE g.id = ANY(?)`, [[...new Set(rows.map((r) => r.gift_card_id))]]);
  const byId = new Map(cards.rows.map((c) => [c.id, toCard(c)]));
  return rows.map((r) => ({ ...toMovement(r), card: byId.get(r.gift_card_id)! }));
}
