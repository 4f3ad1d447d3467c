import type { Knex } from 'knex';
import { GENESIS, sealOf } from '../records';
import type { Break, ChainHead, VerifyOptions } from './types';

/** A link as stored: its number, the previous seal it was made with, its record and seal. */
export interface StoredLink {
  seq: number;
  version: number;
  refId: number;
  record: string;
  prevHash: string;
  hash: string;
  /** Whether the seal is SHA-256 of the previous seal and the record, when the database worked it out (the record left unread). */
  recordOk?: boolean;
}

/** Breaks found in one chain, at most this many (the first ones, in the chain's order). */
export const MAX_BREAKS_PER_CHAIN = 20;

export interface ChainScope {
  chain: string;
  terminalId: number;
  terminalCode: string;
  /** Link numbers to walk (both inclusive); null bounds when the chain has no link in the period. */
  first: number;
  last: number;
}

/** The tills whose chains of this kind are checked, with the links the period covers. */
export async function chainScopes(db: Knex, chain: string, opts: VerifyOptions): Promise<ChainScope[]> {
  const { rows } = await db.raw<{ rows: { terminal_id: number; code: string; first: number | null; last: number | null }[] }>(
    `SELECT t.id AS terminal_id, t.code,
            (SELECT min(f.seq) FROM fiscal_seals f WHERE f.chain = :chain AND f.terminal_id = t.id
               AND (:from::timestamptz IS NULL OR f.sealed_at >= :from) AND (:to::timestamptz IS NULL OR f.sealed_at < :to)) AS first,
            (SELECT max(f.seq) FROM fiscal_seals f WHERE f.chain = :chain AND f.terminal_id = t.id
               AND (:from::timestamptz IS NULL OR f.sealed_at >= :from) AND (:to::timestamptz IS NULL OR f.sealed_at < :to)) AS last
       FROM terminals t
      WHERE (:terminal::text IS NULL OR t.code = :terminal)
      ORDER BY t.code`,
    { chain, from: opts.from ?? null, to: opts.to ?? null, terminal: opts.terminal ?? null },
  );
  return rows.filter((r) => r.first !== null).map((r) => ({ chain, terminalId: r.terminal_id, terminalCode: r.code, first: Number(r.first), last: Number(r.last) }));
}

/**
 * Walks one chain's links in order, as pages of `pageSize`: each must follow the one before
 * (number and previous seal) and be the seal of its record; `check` adds what the link's
 * record says against the rows it seals. The first link of a period is trusted for what came
 * before it. Stops at MAX_BREAKS_PER_CHAIN.
 */
export async function walkChain<L extends StoredLink>(
  scope: ChainScope,
  page: (after: number, upTo: number, limit: number) => Promise<L[]>,
  check: (link: L) => Omit<Break, 'chain' | 'terminal' | 'seq'> | null,
  pageSize = 5000,
): Promise<Break[]> {
  const breaks: Break[] = [];
  const at = (seq: number | null) => ({ chain: scope.chain, terminal: scope.terminalCode, seq });
  let expectSeq = scope.first;
  let prev: string | null = null;
  let after = scope.first - 1;
  // The next page is asked for while this one is checked.
  let next = page(after, scope.last, pageSize);
  while (breaks.length < MAX_BREAKS_PER_CHAIN) {
    const links = await next;
    if (links.length === 0) break;
    after = links[links.length - 1]!.seq;
    next = after < scope.last ? page(after, scope.last, pageSize) : Promise.resolve([]);
    for (const link of links) {
      if (link.seq !== expectSeq) {
        breaks.push({ ...at(expectSeq), kind: 'missing', ref: null, key: 'fiscal.break.linksMissing', params: { chain: scope.chain, terminal: scope.terminalCode, from: expectSeq, to: link.seq - 1 } });
      } else if (prev !== null && link.prevHash !== prev) {
        breaks.push({ ...at(link.seq), kind: 'relinked', ref: null, key: 'fiscal.break.relinked', params: { chain: scope.chain, terminal: scope.terminalCode, seq: link.seq } });
      } else if (expectSeq === 1 && link.prevHash !== GENESIS) {
        breaks.push({ ...at(link.seq), kind: 'relinked', ref: null, key: 'fiscal.break.relinked', params: { chain: scope.chain, terminal: scope.terminalCode, seq: link.seq } });
      }
      if (link.recordOk === undefined ? sealOf(link.prevHash, link.record) !== link.hash : !link.recordOk) {
        breaks.push({ ...at(link.seq), kind: 'sealAltered', ref: null, key: 'fiscal.break.sealAltered', params: { chain: scope.chain, terminal: scope.terminalCode, seq: link.seq } });
      }
      const found = check(link);
      if (found) breaks.push({ ...at(link.seq), ...found });
      expectSeq = link.seq + 1;
      prev = link.hash;
    }
  }
  // Drain a page asked for ahead, so no query is left running on a connection given back.
  await next.catch(() => undefined);
  return breaks.slice(0, MAX_BREAKS_PER_CHAIN);
}

/**
 * The chain's own head (fiscal_heads) and the heads known outside the database against its last
 * link: a head past the last link means links were taken off its end.
 */
export async function checkHeads(db: Knex, chain: string, opts: VerifyOptions): Promise<Break[]> {
  const { rows } = await db.raw<{ rows: { terminal_id: number; code: string; head_seq: number; head_hash: string; last_seq: number | null; hash_at_head: string | null }[] }>(
    `SELECT h.terminal_id, t.code, h.seq AS head_seq, h.hash AS head_hash,
            (SELECT max(f.seq) FROM fiscal_seals f WHERE f.chain = h.chain AND f.terminal_id = h.terminal_id) AS last_seq,
            (SELECT f.hash FROM fiscal_seals f WHERE f.chain = h.chain AND f.terminal_id = h.terminal_id AND f.seq = h.seq) AS hash_at_head
       FROM fiscal_heads h JOIN terminals t ON t.id = h.terminal_id
      WHERE h.chain = :chain AND (:terminal::text IS NULL OR t.code = :terminal)`,
    { chain, terminal: opts.terminal ?? null },
  );
  const breaks: Break[] = [];
  const inDb = new Map(rows.map((r) => [r.terminal_id, r]));
  for (const r of rows) {
    const last = r.last_seq === null ? 0 : Number(r.last_seq);
    if (last < r.head_seq) {
      breaks.push({ chain, terminal: r.code, seq: last + 1, kind: 'truncated', ref: null, key: 'fiscal.break.truncated', params: { chain, terminal: r.code, from: last + 1, to: Number(r.head_seq) } });
    } else if (last > r.head_seq || (r.head_seq > 0 && r.hash_at_head !== r.head_hash)) {
      breaks.push({ chain, terminal: r.code, seq: Number(r.head_seq), kind: 'headMismatch', ref: null, key: 'fiscal.break.headMismatch', params: { chain, terminal: r.code, seq: Number(r.head_seq) } });
    }
  }
  for (const e of opts.expectedHeads ?? []) {
    if (e.chain !== chain || (opts.terminal && e.terminalCode !== opts.terminal)) continue;
    const { rows: at } = await db.raw<{ rows: { hash: string }[] }>('SELECT hash FROM fiscal_seals WHERE chain = ? AND terminal_id = ? AND seq = ?', [chain, e.terminalId, e.seq]);
    const last = inDb.get(e.terminalId)?.last_seq ?? null;
    if (e.seq > 0 && at.length === 0) {
      const from = last === null ? 1 : Number(last) + 1;
      breaks.push({ chain, terminal: e.terminalCode, seq: from, kind: 'truncated', ref: null, key: 'fiscal.break.truncatedFile', params: { chain, terminal: e.terminalCode, from, to: e.seq } });
    } else if (e.seq > 0 && at[0]!.hash !== e.hash) {
      breaks.push({ chain, terminal: e.terminalCode, seq: e.seq, kind: 'headMismatch', ref: null, key: 'fiscal.break.headMismatchFile', params: { chain, terminal: e.terminalCode, seq: e.seq } });
    }
  }
  return breaks;
}

/** Each till's current head of each chain, read in the caller's transaction (a closing writes it out). */
export async function chainHeads(db: Knex | Knex.Transaction, chain?: string): Promise<ChainHead[]> {
  const { rows } = await db.raw<{ rows: { chain: string; terminal_id: number; code: string; seq: number; hash: string; ticket_no: number | null }[] }>(
    `SELECT h.chain, h.terminal_id, t.code, h.seq, h.hash,
            (SELECT s.ticket_no FROM fiscal_seals f JOIN sales s ON s.id = f.ref_id
              WHERE h.chain = 'ticket' AND f.chain = h.chain AND f.terminal_id = h.terminal_id AND f.seq = h.seq) AS ticket_no
       FROM fiscal_heads h JOIN terminals t ON t.id = h.terminal_id
      WHERE (:chain::text IS NULL OR h.chain = :chain)
      ORDER BY h.chain, t.code`,
    { chain: chain ?? null },
  );
  return rows.map((r) => ({ chain: r.chain, terminalId: r.terminal_id, terminalCode: r.code, seq: Number(r.seq), hash: r.hash, ticketNo: r.ticket_no }));
}
