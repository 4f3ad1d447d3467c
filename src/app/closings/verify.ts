import { allClosings, ticketTotals, ticketsTotalBefore, type Closing, type Scope } from '../../data/closings';
import type { Db } from '../../data/db';
import { childKind } from '../../domain/closings/period';
import { canonicalClosing, closingHash, GENESIS } from '../../domain/closings/record';
import { sumTotals, totalsDiff } from '../../domain/closings/totals';
import { chainOf, readHeads } from './heads';
import { signatureValid } from './keys';

// The closings verifier: every closing's hash and signature recomputed, each chain followed
// link by link, each closing's figures recomputed from the tickets (and a month's from its days,
// a year's from its months), each perpetual grand total from the one before, and the chain
// heads kept outside the database compared with the database's. `pos verify` runs it with the
// sealed chains (fiscal/verify/closings.ts); `pos close verify` runs it alone.

export type BreakKind =
  | 'changed' // the closing's content no longer gives its hash
  | 'signature' // the signature does not check with the store's key
  | 'missing' // a closing of the chain is gone (a gap in its numbers, or a link to nothing)
  | 'reordered' // the chain's periods or links are out of order
  | 'totals' // its figures differ from the tickets, or from the closings it is built on
  | 'perpetual' // its perpetual grand total is not the previous one plus the period's
  | 'truncated' // the heads file names a newer closing than the database has
  | 'heads'; // the heads file itself is forged or changed

export interface Break {
  kind: BreakKind;
  chain: string;
  /** The closing where the chain breaks (its seq; its id when in the database). */
  seq: number | null;
  id: number | null;
  period: string | null;
  /** What differs: field names, or a short explanation. */
  fields: string[];
}

export interface VerifyOptions {
  /** Public keys (SPKI PEM) by key id, from outside the database; the database's own otherwise. */
  publicKeys?: Record<string, string>;
  /** A heads file to compare with the database (the till's data folder's). */
  headsFile?: string;
  /** Skip recomputing figures from the tickets (a quicker pass over the chains only). */
  chainsOnly?: boolean;
  /** Only closings whose period meets [from, to] (days, YYYY-MM-DD); the chains are still followed whole. */
  from?: string;
  to?: string;
  /** Only closings whose period meets [since, until) (instants: `pos verify --from --to`). */
  since?: Date;
  until?: Date;
  /** Only this till's chains (and its store's). */
  terminalId?: number;
}

const scopeOf = (c: Closing): Scope => (c.terminalId === null ? { scope: 'store', storeId: c.storeId, terminalId: null } : { scope: 'terminal', storeId: c.storeId, terminalId: c.terminalId });

/** Every break found, chain by chain, in order; the first of each chain is its first broken link. */
export async function verifyClosings(db: Db, options: VerifyOptions = {}): Promise<Break[]> {
  const closings = await allClosings(db);
  const keys = options.publicKeys ?? Object.fromEntries((await db('store_keys').select('key_id', 'public_key')).map((k: { key_id: string; public_key: string }) => [k.key_id, k.public_key]));
  const chains = new Map<string, Closing[]>();
  for (const c of closings) chains.set(chainOf(c), [...(chains.get(chainOf(c)) ?? []), c]);
  const out: Break[] = [];

  const inRange = (c: Closing) => (!options.from || c.lastDay >= options.from) && (!options.to || c.firstDay <= options.to)
    && (!options.since || c.periodEnd > options.since) && (!options.until || c.periodStart < options.until);
  for (const [chain, list] of chains) {
    list.sort((a, b) => a.seq - b.seq);
    if (options.terminalId !== undefined && list[0]!.terminalId !== null && list[0]!.terminalId !== options.terminalId) continue;
    const at = (c: Closing, kind: BreakKind, fields: string[]) => {
      if (inRange(c)) out.push({ kind, chain, seq: c.seq, id: c.id, period: `${c.firstDay}..${c.lastDay}`, fields });
    };
    let prev: Closing | null = null;
    for (const c of list) {
      const expectedSeq = (prev?.seq ?? 0) + 1;
      if (c.seq !== expectedSeq) at(c, 'missing', [`seq ${expectedSeq}${c.seq - 1 > expectedSeq ? `..${c.seq - 1}` : ''}`]);
      else if (c.prevHash !== (prev?.hash ?? GENESIS)) at(c, list.some((o) => o.hash === c.prevHash) ? 'reordered' : 'missing', ['prev_hash']);
      if (prev && c.firstDay <= prev.lastDay) at(c, 'reordered', ['first_day']);
      if (closingHash(c) !== c.hash) at(c, 'changed', await changedFields(db, c, list, options));
      const key = keys[c.keyId];
      if (!key || !signatureValid(key, canonicalClosing(c), c.signature)) at(c, 'signature', [key ? 'signature' : `key ${c.keyId}`]);
      const expectPerpetual = prev && c.seq === expectedSeq ? prev.perpetualCents + c.totals.totalCents : null;
      if (expectPerpetual !== null && c.perpetualCents !== expectPerpetual) at(c, 'perpetual', ['perpetual_cents']);
      if (!options.chainsOnly && inRange(c)) {
        const fields = await figuresDiff(db, c, closings);
        if (fields.length) at(c, fields.includes('perpetual_cents') && fields.length === 1 ? 'perpetual' : 'totals', fields);
      }
      prev = c;
    }
  }

  if (options.headsFile) out.push(...(await headsBreaks(db, options.headsFile, chains)));
  return out;
}

/** Where a closing's figures differ from its tickets and from the closings it is built on. */
async function figuresDiff(db: Db, c: Closing, all: readonly Closing[]): Promise<string[]> {
  const fields = new Set(totalsDiff(c.totals, await ticketTotals(db, scopeOf(c), c.periodStart, c.periodEnd)));
  const child = childKind(c.kind);
  if (child) {
    const parts = all.filter((o) => chainOf(o) === chainOf({ ...c, kind: child }) && o.firstDay >= c.firstDay && o.lastDay <= c.lastDay);
    // Ticket numbers of a month come from its days: a sum of them says nothing more than that.
    for (const f of totalsDiff(c.totals, sumTotals(parts.map((p) => p.totals)))) fields.add(f);
  }
  if (c.perpetualCents !== (await ticketsTotalBefore(db, scopeOf(c), c.periodEnd))) fields.add('perpetual_cents');
  return [...fields];
}

/** A changed closing: which of its fields, where the tickets or its neighbours can tell. */
async function changedFields(db: Db, c: Closing, list: readonly Closing[], options: VerifyOptions): Promise<string[]> {
  const fields = options.chainsOnly ? [] : await figuresDiff(db, c, []);
  const next = list.find((o) => o.seq === c.seq + 1);
  if (next && next.prevHash !== c.hash && fields.length === 0) fields.push('content');
  return fields.length ? fields : ['content'];
}

async function headsBreaks(db: Db, path: string, chains: Map<string, Closing[]>): Promise<Break[]> {
  const read = await readHeads(db, path);
  if (!read) return [];
  const out: Break[] = [];
  if (!read.valid) out.push({ kind: 'heads', chain: path, seq: null, id: null, period: null, fields: ['signature'] });
  for (const h of read.doc.closings) {
    const list = chains.get(h.chain) ?? [];
    const found = list.find((c) => c.seq === h.seq);
    const lastSeq = list.length ? Math.max(...list.map((c) => c.seq)) : 0;
    if (lastSeq < h.seq) out.push({ kind: 'truncated', chain: h.chain, seq: h.seq, id: null, period: h.lastDay, fields: [`last in database: ${lastSeq}`] });
    else if (!found || found.hash !== h.hash) out.push({ kind: 'changed', chain: h.chain, seq: h.seq, id: found?.id ?? null, period: h.lastDay, fields: ['hash'] });
  }
  return out;
}
