import type { Knex } from 'knex';
import { ticketLabel } from '../../../domain/sale';
import { firstDifference, GENESIS, sealOf, TICKET_FORMATS, type TicketTuples } from '../records';
import { chainScopes, checkHeads, MAX_BREAKS_PER_CHAIN, type ChainScope } from './chain';
import type { Break, Verifier, VerifyOptions } from './types';

// One pass over the tickets in the order they were written, by ranges of ids (ordered range
// scans of each table in one snapshot, the next range read while this one is checked), so that a million tickets verify in seconds:
// - the record rebuilt here from each ticket's rows must give its seal (SHA-256 of the previous
//   seal and the record, in JS); only a ticket that does not reads its sealed record, to name
//   the first field that differs;
// - each link must follow the one before in its till's chain (number, previous seal). Tickets
//   come in id order, which is their chain's order but for a sale sent late from an outage:
//   a link ahead of its turn waits until the ones before it come;
// - a number the chain lacks at the end is a ticket gone (its seal kept) or a link gone.
// The same walk checks each till's training chain ('training': tickets made in training mode,
// sealed apart): a ticket whose training mark does not agree with the chain its seal is in was
// changed (a real ticket marked training would leave every total).

const RANGE = 20_000;

const SALES_SQL = `
  SELECT s.id, s.store_id, s.terminal_id, t.code AS terminal_code, s.ticket_no, pos_utc(s.created_at) AS time_utc, s.operator_id, s.customer_id,
         s.total_cents, s.change_cents, s.training, f.chain AS seal_chain, f.terminal_id AS chain_terminal, f.seq, f.version, f.prev_hash, f.hash
    FROM sales s
    JOIN terminals t ON t.id = s.terminal_id
    LEFT JOIN fiscal_seals f ON f.chain IN ('ticket', 'training') AND f.ref_id = s.id AND f.ref_id BETWEEN :lo AND :hi
   WHERE s.id BETWEEN :lo AND :hi
     AND (s.training = :training OR f.chain = :chain)
     AND (:terminal::text IS NULL OR t.code = :terminal)
     AND (:from::timestamptz IS NULL OR coalesce(f.sealed_at, s.created_at) >= :from)
     AND (:to::timestamptz IS NULL OR coalesce(f.sealed_at, s.created_at) < :to)
   ORDER BY s.id`;

// Each kind of row as one JSON list per ticket, in the order of the primary key (sorted again in JS).
const PARTS_SQL = {
  lines: `SELECT l.sale_id, json_agg(json_build_array(l.line_no, l.item_id, l.sku, l.name, l.qty, l.list_price_cents, l.unit_price_cents,
                   l.discount_cents, l.ticket_discount_cents, l.total_cents, l.vat_rate_bp, l.gift_card_code,
                   CASE WHEN o.sale_id IS NULL THEN NULL ELSE json_build_array(os.terminal_id, os.ticket_no, o.origin_line_no) END)) AS j
            FROM sale_lines l
            LEFT JOIN sale_line_origins o ON o.sale_id = l.sale_id AND o.line_no = l.line_no
            LEFT JOIN sales os ON os.id = o.origin_sale_id
           WHERE l.sale_id BETWEEN :lo AND :hi GROUP BY l.sale_id`,
  adjustments: `SELECT sale_id, json_agg(json_build_array(seq, kind, ref, label, amount_cents)) AS j FROM sale_adjustments WHERE sale_id BETWEEN :lo AND :hi GROUP BY sale_id`,
  vat: `SELECT sale_id, json_agg(json_build_array(rate_bp, gross_cents, vat_cents, net_cents)) AS j FROM sale_vat WHERE sale_id BETWEEN :lo AND :hi GROUP BY sale_id`,
  tenders: `SELECT sale_id, json_agg(json_build_array(seq, kind, amount_cents, ref)) AS j FROM sale_tenders WHERE sale_id BETWEEN :lo AND :hi GROUP BY sale_id`,
};
type Part = keyof typeof PARTS_SQL;

type Tuple = (string | number | null)[];

interface SaleRow {
  id: number; store_id: number; terminal_id: number; terminal_code: string; ticket_no: number; time_utc: string; operator_id: number; customer_id: number | null;
  total_cents: number; change_cents: number; training: boolean; seal_chain: string | null; chain_terminal: number | null; seq: number | null; version: number | null; prev_hash: string | null; hash: string | null;
}

interface Range {
  sales: SaleRow[];
  parts: Record<Part, Map<number, Tuple[]>>;
}

const n = (v: unknown) => Number(v);

function tuplesOf(r: SaleRow, parts: Range['parts']): TicketTuples {
  return {
    head: [r.store_id, r.terminal_id, r.ticket_no, r.time_utc, r.operator_id, r.customer_id],
    lines: parts.lines.get(r.id) ?? [],
    adjustments: parts.adjustments.get(r.id) ?? [],
    vat: parts.vat.get(r.id) ?? [],
    totalCents: r.total_cents,
    tenders: parts.tenders.get(r.id) ?? [],
    changeCents: r.change_cents,
  };
}

/** Statements one after the other on the transaction's one connection, whoever asks. */
type Serial = <T>(work: () => PromiseLike<T>) => Promise<T>;
function serial(): Serial {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(work: () => PromiseLike<T>) => {
    const p = last.then(work, work) as Promise<T>;
    last = p.catch(() => undefined);
    return p;
  };
}

async function readRange(db: Knex, run: Serial, lo: number, opts: VerifyOptions, chain: TicketChain): Promise<Range> {
  const bind = { lo, hi: lo + RANGE - 1, terminal: opts.terminal ?? null, from: opts.from ?? null, to: opts.to ?? null, chain, training: chain === 'training' };
  const part = async (p: Part) => {
    const { rows } = await run(() => db.raw<{ rows: { sale_id: number; j: Tuple[] }[] }>(PARTS_SQL[p], { lo: bind.lo, hi: bind.hi }));
    return new Map(rows.map((r) => [n(r.sale_id), r.j]));
  };
  const [sales, lines, adjustments, vat, tenders] = await Promise.all([
    run(() => db.raw<{ rows: SaleRow[] }>(SALES_SQL, bind)).then((r) => r.rows),
    part('lines'), part('adjustments'), part('vat'), part('tenders'),
  ]);
  return { sales, parts: { lines, adjustments, vat, tenders } };
}

/** One till's chain as its links come: the next one expected, the seal it must start from, those come early. */
interface ChainState {
  scope: ChainScope;
  next: number;
  prev: string | null;
  early: Map<number, { prev: string; hash: string }>;
  breaks: number;
}

/** How many links may come ahead of their turn before the missing one is called missing. */
const MAX_EARLY = 50_000;

// Sorts of a range in memory, and no JIT: the planner's guesses over the aggregates would compile for longer than they run.
const SESSION = "SET LOCAL jit = off; SET LOCAL work_mem = '64MB'";
const READ_ONLY = { isolationLevel: 'repeatable read' as const, readOnly: true };

/** Reads a range: on the one connection of the caller's transaction, or on a reader of its own. */
type RangeReader = (lo: number) => Promise<Range>;

/**
 * In one snapshot: a ticket committed meanwhile is either wholly seen or not at all. Given a
 * transaction, everything is read in it, one statement after the other (what it changed is
 * seen). Otherwise ranges are read by READERS connections side by side, each in a transaction
 * of the snapshot the checking transaction exported (as pg_dump -j reads).
 */
const ticketChain = (chain: TicketChain): Verifier => async (db, opts) => {
  // A shop that never trained walks its tickets once, not twice (a partial index answers this).
  if (chain === 'training') {
    const { rows } = await db.raw<{ rows: { any: boolean }[] }>("SELECT EXISTS (SELECT 1 FROM sales WHERE training) OR EXISTS (SELECT 1 FROM fiscal_seals WHERE chain = 'training') AS any");
    if (!rows[0]!.any) return checkHeads(db, chain, opts);
  }
  // The checking transaction holds one connection of the pool; the readers take others.
  const readers = Math.min(READERS, poolSize(db) - 1);
  if (db.isTransaction || readers < 1) {
    const run = serial();
    const one = async (t: Knex) => verifyIn(t, run, (lo) => readRange(t, run, lo, opts, chain), opts, 1, chain);
    if (db.isTransaction) return one(db);
    return db.transaction(async (trx) => {
      await trx.raw(SESSION);
      return one(trx as unknown as Knex);
    }, READ_ONLY);
  }
  return db.transaction(async (trx) => {
    await trx.raw(SESSION);
    const { rows } = await trx.raw<{ rows: { id: string }[] }>('SELECT pg_export_snapshot() AS id');
    const snapshot = rows[0]!.id;
    const reader: RangeReader = (lo) =>
      db.transaction(async (w) => {
        await w.raw(`SET TRANSACTION SNAPSHOT '${snapshot.replace(/'/g, "''")}'`);
        await w.raw(SESSION);
        return readRange(w as unknown as Knex, serial(), lo, opts, chain);
      }, READ_ONLY);
    return verifyIn(trx as unknown as Knex, serial(), reader, opts, readers, chain);
  }, READ_ONLY);
};

/** The chains of tickets: the real ones, and those made in training mode. */
export type TicketChain = 'ticket' | 'training';

/** Each till's sealed tickets. */
export const verifyTickets: Verifier = ticketChain('ticket');

/** Each till's training tickets ("mode école"), sealed in a chain of their own. */
export const verifyTrainingTickets: Verifier = ticketChain('training');

function poolSize(db: Knex): number {
  const max = (db as { client?: { config?: { pool?: { max?: unknown } } } }).client?.config?.pool?.max;
  return typeof max === 'number' ? max : 1;
}

/** Ranges read at once, ahead of the one checked. */
const READERS = 2;

async function verifyIn(db: Knex, run: Serial, read: RangeReader, opts: VerifyOptions, ahead: number, chain: TicketChain): Promise<Break[]> {
  const codes = new Map((await db('terminals').select('id', 'code')).map((t: { id: number; code: string }) => [t.id, t.code]));
  const states = new Map<number, ChainState>();
  for (const scope of await chainScopes(db, chain, opts)) {
    // A period's first link is trusted for the seal before it; the chain's first starts from the genesis value.
    states.set(scope.terminalId, { scope, next: scope.first, prev: scope.first === 1 ? GENESIS : null, early: new Map(), breaks: 0 });
  }
  const breaks: Break[] = [];
  const perTill = new Map<string, number>();
  const add = (b: Break) => {
    const count = perTill.get(`${b.chain}/${b.terminal}`) ?? 0;
    if (count >= MAX_BREAKS_PER_CHAIN) return;
    perTill.set(`${b.chain}/${b.terminal}`, count + 1);
    breaks.push(b);
  };

  /** Links from `from` to `to` are not where the chain should have them: a ticket gone with its seal kept, or links gone. */
  const absent = async (state: ChainState, from: number, to: number) => {
    const code = state.scope.terminalCode;
    const kept = (await run(() => db('fiscal_seals as f').leftJoin('sales as s', 's.id', 'f.ref_id')
      .where({ 'f.chain': chain, 'f.terminal_id': state.scope.terminalId }).whereBetween('f.seq', [from, to]).whereNull('s.id')
      .orderBy('f.seq').limit(MAX_BREAKS_PER_CHAIN).select('f.seq', 'f.record'))) as { seq: number; record: string }[];
    let at = from;
    for (const k of kept) {
      if (n(k.seq) > at) add({ chain, terminal: code, seq: at, kind: 'missing', ref: null, key: 'fiscal.break.linksMissing', params: { chain, terminal: code, from: at, to: n(k.seq) - 1 } });
      const ticket = labelOfRecord(k.record, codes);
      add({ chain, terminal: code, seq: n(k.seq), kind: 'missing', ref: ticket, key: 'fiscal.break.ticketMissing', params: { terminal: code, seq: n(k.seq), ticket } });
      at = n(k.seq) + 1;
    }
    if (at <= to) add({ chain, terminal: code, seq: at, kind: 'missing', ref: null, key: 'fiscal.break.linksMissing', params: { chain, terminal: code, from: at, to } });
  };

  /** The link at its turn: it must start from the seal before it. Then those that came early and are next. */
  const follow = (state: ChainState, seq: number, prev: string, hash: string) => {
    if (state.prev !== null && prev !== state.prev) {
      const code = state.scope.terminalCode;
      add({ chain, terminal: code, seq, kind: 'relinked', ref: null, key: 'fiscal.break.relinked', params: { chain, terminal: code, seq } });
    }
    state.next = seq + 1;
    state.prev = hash;
    for (let e = state.early.get(state.next); e; e = state.early.get(state.next)) {
      state.early.delete(state.next);
      follow(state, state.next, e.prev, e.hash);
    }
  };

  /** The earliest link come early is taken as next: those before it are missing. */
  const skipTo = async (state: ChainState) => {
    const first = Math.min(...state.early.keys());
    await absent(state, state.next, first - 1);
    state.prev = null;
    const e = state.early.get(first)!;
    state.early.delete(first);
    follow(state, first, e.prev, e.hash);
  };

  const { rows: [span] } = await db.raw<{ rows: { lo: number | null; hi: number | null }[] }>('SELECT min(id) AS lo, max(id) AS hi FROM sales');
  if (span && span.lo !== null && span.hi !== null) {
    const hi = n(span.hi);
    const pending: Promise<Range>[] = [];
    let asked = n(span.lo);
    const ask = () => {
      while (pending.length < ahead && asked <= hi) {
        const p = read(asked);
        p.catch(() => undefined); // awaited in turn below; a failure is thrown there
        pending.push(p);
        asked += RANGE;
      }
    };
    ask();
    while (pending.length > 0) {
      const range = await pending.shift()!;
      ask();
      for (const r of range.sales) {
        // Sealed in the other chain of tickets: that chain's walk says it.
        if (r.seal_chain !== null && r.seal_chain !== chain) continue;
        const found = await check(db, run, r, range.parts, chain);
        if (found) add(found);
        if (r.seq === null) continue;
        const state = states.get(r.chain_terminal!);
        if (!state) continue;
        const seq = n(r.seq);
        if (seq === state.next) follow(state, seq, r.prev_hash!, r.hash!);
        else if (seq > state.next) {
          state.early.set(seq, { prev: r.prev_hash!, hash: r.hash! });
          if (state.early.size > MAX_EARLY) await skipTo(state);
        }
      }
    }
  }
  // What never came: links missing in the middle (then the rest follows), and at the end.
  for (const state of states.values()) {
    while (state.early.size > 0) await skipTo(state);
    if (state.next <= state.scope.last) await absent(state, state.next, state.scope.last);
  }
  breaks.push(...(await checkHeads(db, chain, opts)));
  return breaks;
}

/** "T01-000042" from the sealed record itself (the ticket may be gone). */
function labelOfRecord(record: string | null, codes: ReadonlyMap<number, string>): string {
  try {
    const r = JSON.parse(record ?? '') as unknown[];
    return ticketLabel(codes.get(Number(r[2])) ?? String(r[2]), Number(r[3]));
  } catch {
    return '?';
  }
}

/** One ticket's rows against its seal. */
async function check(db: Knex, run: Serial, r: SaleRow, parts: Range['parts'], chain: TicketChain): Promise<Break | null> {
  const ticket = ticketLabel(r.terminal_code, r.ticket_no);
  const at = { chain, terminal: r.terminal_code, seq: r.seq === null ? null : n(r.seq) };
  if (r.seq === null) return { ...at, kind: 'unsealed', ref: ticket, key: 'fiscal.break.unsealed', params: { terminal: r.terminal_code, ticket } };
  const params = { terminal: r.terminal_code, seq: n(r.seq), ticket };
  if (r.training !== (chain === 'training')) {
    const sealed = chain === 'training' ? 'true' : 'false';
    return { ...at, kind: 'changed', ref: ticket, field: 'training', sealed, found: String(r.training), key: 'fiscal.break.changed', params: { ...params, field: 'training', sealed, found: String(r.training) } };
  }
  const format = TICKET_FORMATS.get(r.version!);
  if (!format) return { ...at, kind: 'changed', ref: ticket, field: 'version', key: 'fiscal.break.unknownVersion', params: { ...params, version: r.version! } };
  const rebuilt = format.fromTuples(tuplesOf(r, parts));
  if (sealOf(r.prev_hash!, rebuilt) === r.hash) return null;
  // Rare: read what was sealed, to say where it differs.
  const sealed = ((await run(() => db('fiscal_seals').where({ chain, ref_id: r.id }).first('record'))) as { record: string }).record;
  const d = firstDifference(sealed, rebuilt, format.shape);
  // The rows are as sealed but the seal is not theirs: the seal or its record was changed.
  if (!d || sealOf(r.prev_hash!, sealed) !== r.hash) return { ...at, kind: 'sealAltered', ref: ticket, key: 'fiscal.break.sealAltered', params: { chain, terminal: r.terminal_code, seq: n(r.seq) } };
  return { ...at, kind: 'changed', ref: ticket, field: d.field, sealed: d.sealed, found: d.found, key: 'fiscal.break.changed', params: { ...params, field: d.field, sealed: d.sealed, found: d.found } };
}
