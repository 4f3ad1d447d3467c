// Measure 7: one gift card spent by 16 tills at once. Every till commits whole sales (a
// baguette) paid with the same card, through the till's use case (commitSale: the ticket and the
// card's conditional debit and ledger row, one transaction): the card's row is the one place
// they all meet. Beside it, pgbench runs the bare statement the debit comes down to, a
// conditional UPDATE of one row by 16 clients, on the same server in the same run: the ratio
// says what the ticket, the ledger and the round trips cost on top of the row's lock.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { commitSale } from '../app/commitSale';
import { newGiftCardCode } from '../app/giftcards/codes';
import { openDb } from '../data/db';
import { findGiftCardItem } from '../data/giftCards';
import { findItemByCode } from '../data/items';
import { findTerminal, type Terminal } from '../data/places';
import { defaultExpiry } from '../data/vouchers';
import { basketReducer, openBasket, type Basket } from '../domain/basket';
import { GIFT_CARD_SKU } from '../domain/giftCard';
import { formatGiftCardCode } from '../domain/giftCardCode';
import type { CatalogItem } from '../domain/item';
import { busyCores, cpuMark } from './cpu';
import { benchTerminalCode } from './database';

/** The bare statement, for pgbench: one row, debited by every client. */
export const HOT_ROW_SETUP = 'CREATE TABLE hot (id int PRIMARY KEY, balance bigint NOT NULL CHECK (balance >= 0)); INSERT INTO hot VALUES (1, 999999999999);';
export const HOT_ROW_SCRIPT = 'UPDATE hot SET balance = balance - 1 WHERE id = 1 AND balance >= 1;\n';

export interface GiftCardOptions {
  url: string;
  tills: number;
  seconds: number;
}

export interface GiftCardResult {
  spends: number;
  seconds: number;
  perSecond: number;
  latencies: number[];
  /** The card's balance equals its ledger, and its ledger the spends counted here. */
  booksAgree: boolean;
  machineCores: number;
  errors: string[];
}

/** The largest card the database holds, sold on a ticket of its own by the first bench till. */
const CARD_CENTS = 9_999_999_999;

function basketOf(item: CatalogItem): Basket {
  const r = basketReducer(openBasket(randomUUID()), { type: 'add', item, qty: 1, merge: false });
  if ('error' in r) throw new Error(r.error);
  return r.basket;
}

async function sellCard(db: Knex, terminal: Terminal): Promise<string> {
  const item = (await findGiftCardItem(db, GIFT_CARD_SKU))!;
  const code = newGiftCardCode();
  const expiry = await defaultExpiry(db, 'Europe/Paris', 12, new Date());
  const card: CatalogItem = {
    id: item.id, sku: item.sku, barcode: null, name: item.name, priceCents: CARD_CENTS, vatRateBp: 0,
    giftCard: { code, expiresOn: expiry.expiresOn, expiresAt: expiry.expiresAt.toISOString() },
  };
  await commitSale(db, { terminalId: terminal.id, storeId: terminal.storeId, operatorId: 1, basket: basketOf(card), payment: { totalCents: CARD_CENTS, tenders: [{ kind: 'card', amountCents: CARD_CENTS }] } });
  return code;
}

export async function measureGiftCards(db: Knex, opts: GiftCardOptions): Promise<GiftCardResult> {
  const tills: { db: Knex; terminal: Terminal }[] = [];
  try {
    for (let i = 0; i < opts.tills; i++) {
      const tillDb = openDb({ url: opts.url, poolMax: 1, poolMin: 1, applicationName: `pos-bench:giftcard-${i + 1}` });
      tills.push({ db: tillDb, terminal: (await findTerminal(tillDb, benchTerminalCode(i)))! });
    }
    const code = await sellCard(db, tills[0]!.terminal);
    const ref = formatGiftCardCode(code);
    const baguette = (await findItemByCode(db, 'BOUL-001'))!;
    const spend = (t: (typeof tills)[number]) =>
      commitSale(t.db, { terminalId: t.terminal.id, storeId: t.terminal.storeId, operatorId: 1, basket: basketOf(baguette), payment: { totalCents: baguette.priceCents, tenders: [{ kind: 'gift_card', amountCents: baguette.priceCents, ref }] } });
    // One sale each first, not counted: connections opened, statements planned.
    await Promise.all(tills.map(spend));

    const latencies: number[] = [];
    const errors: string[] = [];
    const machineBefore = cpuMark();
    const start = performance.now();
    const end = start + opts.seconds * 1000;
    await Promise.all(
      tills.map(async (t) => {
        while (performance.now() < end) {
          const began = performance.now();
          try {
            await spend(t);
            latencies.push(performance.now() - began);
          } catch (e) {
            if (errors.length < 5) errors.push((e as Error).message);
          }
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const machineCores = busyCores(machineBefore, cpuMark());
    const { rows } = await db.raw<{ rows: { balance: string; ledger: string; spends: string }[] }>(
      `SELECT g.balance_cents AS balance, sum(m.amount_cents) AS ledger, count(*) FILTER (WHERE m.kind = 'spent') AS spends
         FROM gift_cards g JOIN gift_card_movements m ON m.gift_card_id = g.id WHERE g.code = ? GROUP BY g.balance_cents`,
      [code],
    );
    const books = rows[0]!;
    const booksAgree = Number(books.balance) === Number(books.ledger) && Number(books.spends) === latencies.length + tills.length
      && Number(books.balance) === CARD_CENTS - Number(books.spends) * baguette.priceCents;
    return { spends: latencies.length, seconds, perSecond: latencies.length / seconds, latencies, booksAgree, machineCores, errors };
  } finally {
    await Promise.all(tills.map((t) => t.db.destroy()));
  }
}
