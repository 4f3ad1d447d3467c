// Measure 9: the reports over a big shop's history. (a) The liabilities as of a day over ten
// million gift card ledger rows: a million cards sold over three years, ten movements each (sold,
// spent eight or nine times, the oldest written off at their expiry). (b) A month's payments
// report over a million tickets of that month, paid by every tender, a third of them split.
// The rows are made by generate_series in SQL, in the session_replication_role of a restore:
// the sales' deferred check and the foreign keys are off for the load (every card names one real
// ticket line; the reports read neither), the CHECKs hold as ever. The reports are then run as
// `pos report` runs them (the same use case), each a few times: the first run reads cold pages.
import type { Knex } from 'knex';
import { commitSale } from '../app/commitSale';
import { readReportQuery, runReport } from '../app/reports/reports';
import { findItemByCode } from '../data/items';
import { findTerminal } from '../data/places';
import { basketReducer, openBasket } from '../domain/basket';
import { randomUUID } from 'node:crypto';
import { benchTerminalCode } from './database';

export interface ReportBenchOptions {
  /** Gift cards; ten ledger rows each. */
  cards: number;
  tickets: number;
  runs: number;
  timeZone: string;
}

export interface ReportBenchResult {
  ledgerRows: number;
  loadLedgerSeconds: number;
  /** The liabilities at the end of last month, and a year before it. */
  liabilityMs: number[];
  liabilityYearAgoMs: number[];
  outstandingCents: number;
  /** The ledger summed whole, the slow way, for comparison: must equal the outstanding. */
  ledgerSumCents: number;
  ledgerSumMs: number;
  tickets: number;
  loadTicketsSeconds: number;
  paymentsMs: number[];
  paidCents: number;
  ticketsCents: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The first and last day of the month before `now`'s, as the shop writes them (YYYY-MM-DD). */
function lastMonth(now = new Date()): { from: string; to: string; yearBefore: string } {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  const day = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return { from: day(first), to: day(last), yearBefore: `${last.getUTCFullYear() - 1}-${pad(last.getUTCMonth() + 1)}-${pad(Math.min(last.getUTCDate(), 28))}` };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const began = performance.now();
  const value = await work();
  return { ms: performance.now() - began, value };
}

/** One real ticket selling one baguette: the line the generated cards name. */
export async function oneTicket(db: Knex): Promise<number> {
  const terminal = (await findTerminal(db, benchTerminalCode(0)))!;
  const item = (await findItemByCode(db, 'BOUL-001'))!;
  const r = basketReducer(openBasket(randomUUID()), { type: 'add', item, qty: 1 });
  if ('error' in r) throw new Error(r.error);
  const { sale } = await commitSale(db, { terminalId: terminal.id, storeId: terminal.storeId, operatorId: 1, basket: r.basket, payment: { totalCents: item.priceCents, tenders: [{ kind: 'card', amountCents: item.priceCents }] } });
  return sale.id;
}

const BATCH = 100_000;

export async function loadLedger(db: Knex, cards: number, saleId: number, step: (what: string) => void): Promise<void> {
  for (let first = 1; first <= cards; first += BATCH) {
    const last = Math.min(cards, first + BATCH - 1);
    step(`  gift cards ${first.toLocaleString('en')}–${last.toLocaleString('en')} and their ${((last - first + 1) * 10).toLocaleString('en')} movements`);
    await db.transaction(async (trx) => {
      await trx.raw('SET LOCAL session_replication_role = replica');
      // Sold between 30 days and 3 years ago; a card sold more than a year ago was written off.
      await trx.raw(
        `WITH c AS (
           SELECT i, now() - interval '30 days' - ((i * 7919) % (1065 * 1440)) * interval '1 minute' AS created FROM generate_series(?::bigint, ?::bigint) AS i),
         g AS (
           INSERT INTO gift_cards (id, code, kind, initial_cents, balance_cents, status, store_id, terminal_id, sale_id, line_no, sold_by, created_at, expires_on, expires_at, closed_at)
           SELECT i, '77' || lpad(i::text, 14, '0'), 'preprinted', 10000,
                  CASE WHEN created + interval '365 days' < now() THEN 0 ELSE 5500 END,
                  CASE WHEN created + interval '365 days' < now() THEN 'expired' ELSE 'active' END,
                  1, 1, ?::bigint, 1, 1, created, (created + interval '365 days')::date, created + interval '365 days',
                  CASE WHEN created + interval '365 days' < now() THEN created + interval '365 days' END
             FROM c RETURNING id, created_at, expires_at, status)
         INSERT INTO gift_card_movements (gift_card_id, kind, amount_cents, balance_after_cents, channel, store_id, terminal_id, operator_id, sale_id, order_ref, at)
         SELECT g.id,
                CASE WHEN k = 0 THEN 'sold' WHEN k = 9 AND g.status = 'expired' THEN 'expired' ELSE 'spent' END,
                CASE WHEN k = 0 THEN 10000 WHEN k = 9 AND g.status = 'expired' THEN -6000 ELSE -500 END,
                CASE WHEN k = 9 AND g.status = 'expired' THEN 0 ELSE 10000 - k * 500 END,
                CASE WHEN k = 0 THEN 'store' WHEN k = 9 AND g.status = 'expired' THEN NULL ELSE 'web' END,
                1, 1, 1, CASE WHEN k = 0 THEN ?::bigint END, CASE WHEN k > 0 AND NOT (k = 9 AND g.status = 'expired') THEN 'BENCH' END,
                CASE WHEN k = 9 AND g.status = 'expired' THEN g.expires_at ELSE g.created_at + k * interval '3 days' END
           FROM g, generate_series(0, 9) AS k`,
        [first, last, saleId, saleId],
      );
    });
  }
  await db.raw("SELECT setval('gift_cards_id_seq', (SELECT max(id) FROM gift_cards))");
}

export async function loadTickets(db: Knex, tickets: number, month: { from: string }, timeZone: string): Promise<void> {
  const terminals = (await db('terminals').where('code', 'like', 'B%').orderBy('id').select('id', 'store_id')) as { id: number; store_id: number }[];
  const ids = terminals.map((t) => t.id);
  await db.transaction(async (trx) => {
    await trx.raw('SET LOCAL session_replication_role = replica');
    const start = (await trx.raw<{ rows: { n: number }[] }>('SELECT coalesce(max(id), 0)::bigint AS n FROM sales')).rows[0]!.n;
    // Tickets spread evenly over the month (shop time), on the bench tills, numbered from 1e9 up.
    await trx.raw(
      `INSERT INTO sales (id, idempotency_key, request_hash, terminal_id, store_id, operator_id, ticket_no, total_cents, change_cents, created_at)
       SELECT ?::bigint + i, 'bench-' || i, 'bench', (?::int[])[1 + i % ?::int], 1, 1, 1000000000 + i, 1000 + i % 5000, CASE WHEN i % 6 = 0 THEN 50 ELSE 0 END,
              (?::date)::timestamp AT TIME ZONE ? + (i - 1) * (interval '28 days' / ?::int)
         FROM generate_series(1, ?::int) AS i`,
      [start, ids, ids.length, month.from, timeZone, tickets, tickets],
    );
    // Every tender in turn; a third of the tickets paid half by bank card. Cash is handed over 50 cents above.
    await trx.raw(
      `INSERT INTO sale_tenders (sale_id, seq, kind, amount_cents, ref)
       SELECT ?::bigint + i, 1, (ARRAY['cash', 'card', 'voucher', 'gift_card', 'giftcert', 'account'])[1 + i % 6],
              CASE WHEN i % 3 = 0 THEN (1000 + i % 5000) / 2 ELSE 1000 + i % 5000 END + CASE WHEN i % 6 = 0 THEN 50 ELSE 0 END,
              CASE WHEN i % 6 IN (0, 1) THEN NULL ELSE 'BENCH' END
         FROM generate_series(1, ?::int) AS i
       UNION ALL
       SELECT ?::bigint + i, 2, 'card', (1000 + i % 5000) - (1000 + i % 5000) / 2, NULL FROM generate_series(1, ?::int) AS i WHERE i % 3 = 0`,
      [start, tickets, start, tickets],
    );
  });
  await db.raw("SELECT setval('sales_id_seq', (SELECT max(id) FROM sales))");
}

export async function measureReports(db: Knex, opts: ReportBenchOptions, step: (what: string) => void = () => undefined): Promise<ReportBenchResult> {
  const month = lastMonth();
  const saleId = await oneTicket(db);

  step(`liabilities: ${opts.cards.toLocaleString('en')} gift cards, ${(opts.cards * 10).toLocaleString('en')} ledger rows`);
  const ledgerLoad = await timed(() => loadLedger(db, opts.cards, saleId, step));
  step('  VACUUM ANALYZE (the visibility map lets the index be read alone)');
  await db.raw('VACUUM ANALYZE gift_cards, gift_card_movements');
  const liability = async (from: string, to: string) => {
    const scope = await readReportQuery(db, { from, to }, opts.timeZone);
    return timed(() => runReport(db, 'liabilities', scope));
  };
  const liabilityMs: number[] = [];
  const liabilityYearAgoMs: number[] = [];
  let outstandingCents = 0;
  for (let i = 0; i < opts.runs; i++) {
    const r = await liability(month.from, month.to);
    liabilityMs.push(r.ms);
    if (r.value.kind === 'liabilities') outstandingCents = r.value.liabilities.giftCards.outstandingCents;
  }
  for (let i = 0; i < opts.runs; i++) liabilityYearAgoMs.push((await liability(month.yearBefore, month.yearBefore)).ms);
  step('  the same summed over the whole ledger, for comparison');
  const whole = await timed(async () => (await db.raw<{ rows: { s: number }[] }>(
    "SELECT coalesce(sum(amount_cents), 0)::bigint AS s FROM gift_card_movements WHERE at < (?::date + 1)::timestamp AT TIME ZONE ?", [month.to, opts.timeZone])).rows[0]!.s);

  step(`payments: ${opts.tickets.toLocaleString('en')} tickets in ${month.from.slice(0, 7)}`);
  const ticketLoad = await timed(() => loadTickets(db, opts.tickets, month, opts.timeZone));
  await db.raw('VACUUM ANALYZE sales, sale_tenders');
  const paymentsMs: number[] = [];
  let paidCents = 0;
  let ticketsCents = 0;
  let tickets = 0;
  const scope = await readReportQuery(db, { from: month.from, to: month.to }, opts.timeZone);
  for (let i = 0; i < opts.runs; i++) {
    const r = await timed(() => runReport(db, 'payments', scope));
    paymentsMs.push(r.ms);
    if (r.value.kind === 'payments') ({ paidCents, ticketsCents, tickets } = r.value.payments);
  }
  return {
    ledgerRows: Number((await db.raw<{ rows: { n: number }[] }>('SELECT count(*)::bigint AS n FROM gift_card_movements')).rows[0]!.n),
    loadLedgerSeconds: ledgerLoad.ms / 1000,
    liabilityMs,
    liabilityYearAgoMs,
    outstandingCents,
    ledgerSumCents: whole.value,
    ledgerSumMs: whole.ms,
    tickets,
    loadTicketsSeconds: ticketLoad.ms / 1000,
    paymentsMs,
    paidCents,
    ticketsCents,
  };
}
