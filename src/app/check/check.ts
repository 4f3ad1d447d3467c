// `pos check`: every invariant of the books, verified from the database alone. Each family of
// checks is one statement per table it reads (aggregates over the ledger joined to the
// balances), so the families run side by side on the pool's connections and each sees one
// snapshot of what it compares.
import type { Knex } from 'knex';
import type { Db } from '../../data/db';
import type { OnProgress } from '../progress';
import { formatEuros, type Lang } from '../../domain/money';
import { t } from '../../i18n/messages';
import { checkCoupons } from './coupons';
import { LEDGER_FAMILIES } from './ledgers';
import { checkPrintJobs } from './printJobs';
import { checkReturns } from './returns';
import { checkTickets } from './tickets';
import type { Break, Family, FamilyResult } from './types';

export type { Break } from './types';

/** Balances against their ledgers (and limits against their logs); the tills' numbering; print jobs. */
export const FAMILIES = {
  ledgers: [...LEDGER_FAMILIES, checkCoupons, checkReturns],
  tickets: [checkTickets],
  print: [checkPrintJobs],
} satisfies Record<string, Family[]>;

export type FamilyName = keyof typeof FAMILIES;

export interface CheckResult {
  ok: boolean;
  /** How many of each thing were read: vouchers, tickets, print jobs… */
  counts: Record<string, number>;
  breaks: Break[];
}

/** `onProgress` is told as each family of checks ends (of how many). */
export async function checkDatabase(db: Db, only: readonly FamilyName[] = Object.keys(FAMILIES) as FamilyName[], onProgress?: OnProgress): Promise<CheckResult> {
  const families = only.flatMap((f) => FAMILIES[f]);
  let ended = 0;
  const told = families.map((family): Family => async (q) => {
    const r = await family(q);
    onProgress?.(++ended, families.length);
    return r;
  });
  // A transaction is one connection: its statements go one after the other.
  const results = db.isTransaction ? await inTurn(told, db) : await side(told, db);
  const counts: Record<string, number> = {};
  const breaks: Break[] = [];
  for (const r of results) {
    Object.assign(counts, r.counts);
    breaks.push(...r.breaks);
  }
  return { ok: breaks.length === 0, counts, breaks };
}

/**
 * The families on as many connections as the pool has, each taking the next when it is done:
 * more at once would wait for a connection, and a long wait fails as a full pool.
 */
async function side(families: Family[], db: Db): Promise<FamilyResult[]> {
  const width = Math.max(1, Math.min(families.length, poolSize(db)));
  const out: FamilyResult[] = new Array(families.length);
  let next = 0;
  const worker = async () => {
    while (next < families.length) {
      const i = next++;
      out[i] = await alone(db as Knex, families[i]!);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return out;
}

/**
 * One family in a read-only transaction of its own: one snapshot for its statements, sorts in
 * memory rather than on disk, and no JIT (the planner's guesses over CTEs are large enough to
 * make it compile for longer than the statement runs).
 */
function alone(db: Knex, family: Family): Promise<FamilyResult> {
  return db.transaction(
    async (trx) => {
      await trx.raw("SET LOCAL jit = off; SET LOCAL work_mem = '64MB'");
      return family(trx);
    },
    { isolationLevel: 'repeatable read', readOnly: true },
  );
}

function poolSize(db: Db): number {
  const max = (db as { client?: { config?: { pool?: { max?: unknown } } } }).client?.config?.pool?.max;
  return typeof max === 'number' ? max : 1;
}

async function inTurn(families: Family[], db: Db): Promise<FamilyResult[]> {
  const out: FamilyResult[] = [];
  for (const family of families) out.push(await family(db));
  return out;
}

/** One line naming the break, in `lang`. */
export function breakText(b: Break, lang: Lang): string {
  const params = { ...b.params };
  for (const [name, cents] of Object.entries(b.money ?? {})) params[name] = formatEuros(cents, lang);
  return t(lang, b.key, params);
}
