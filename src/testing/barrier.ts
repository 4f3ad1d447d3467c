// Races that happen for certain. Racers started "at once" from Node usually run one after the
// other at the database, and a test that hopes for overlap passes with the lock it claims to
// test removed. Here the test's own session holds an advisory lock; a trigger placed on the
// racers' write (or a call to `pass` inside their own transaction) waits for that lock; the
// racers are let go only once every one of them waits at the database, each at the barrier or
// on a row lock held by a racer that is. So every racer has made its reads before any of them
// writes or commits: a read-then-write without its lock loses the race every time.
//
// It is for a test file's own database only (useTestDatabase): the trigger is made for the
// race and dropped after it, and advisory locks belong to their database. Gift cards and stock
// use it the same way: the table their debit writes, and the racers.
import pg from 'pg';
import type { Knex } from 'knex';
import type { Db } from '../data/db';
import type { TestDatabase } from './db';

/** Any number; no product code takes advisory locks, and each test file has its own database. */
export const BARRIER_KEY = 7_102_010;

/** Where the racers wait: before their first row written to this table, with the rows read so far. */
export interface BarrierPlace {
  before: 'INSERT' | 'UPDATE' | 'DELETE';
  table: string;
}

/**
 * A racer: what one till (or the e-shop) does, on connections of its own. `pass` waits at the
 * barrier inside the racer's transaction, for a race of data functions where no write of the
 * right table comes between the read and the rest (with a place given it is seldom needed).
 */
export type Racer<T> = (pass: (trx: Db) => Promise<void>) => Promise<T>;

export interface RaceOptions {
  /** How long the racers may take to reach the barrier; beyond it the race was never forced. */
  timeoutMs?: number;
}

const pass = async (trx: Db): Promise<void> => {
  await trx.raw('SELECT pg_advisory_xact_lock_shared(?)', [BARRIER_KEY]);
};

/** What the backends of this database are waiting on (the racers, once at the barrier). */
const WAITING = `
  SELECT count(*) FILTER (WHERE wait_event_type = 'Lock')::int AS blocked,
         count(*) FILTER (WHERE wait_event_type = 'Lock' AND wait_event = 'advisory')::int AS at_barrier,
         string_agg(coalesce(wait_event_type || ':' || wait_event, state) || ' ' || left(query, 60), ' | ') AS what
    FROM pg_stat_activity
   WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`;

/**
 * Runs the racers so that they overlap at the database for certain (see above), then lets them
 * go together; what each came to, in order. Fails (after letting them go) when a racer ends
 * before the others are all held, or when they are not all held within the time: the race
 * would not have been a race.
 */
export async function race<T>(t: TestDatabase, place: BarrierPlace | null, racers: Racer<T>[], opts: RaceOptions = {}): Promise<PromiseSettledResult<T>[]> {
  // As the owner: a till may not make triggers.
  const holder = new pg.Client({ connectionString: t.ownerUrl, application_name: 'pos-test-barrier' });
  await holder.connect();
  const trigger = place ? `pos_test_barrier_${place.before.toLowerCase()}` : null;
  try {
    if (place) {
      await holder.query(`
        CREATE OR REPLACE FUNCTION pos_test_barrier() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_advisory_xact_lock_shared(${BARRIER_KEY});
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END $$`);
      await holder.query(`CREATE TRIGGER ${trigger} BEFORE ${place.before} ON ${pg.escapeIdentifier(place.table)} FOR EACH ROW EXECUTE FUNCTION pos_test_barrier()`);
    }
    await holder.query('SELECT pg_advisory_lock($1)', [BARRIER_KEY]);
    let released = false;
    const early: number[] = [];
    const running = racers.map((r, i) =>
      Promise.resolve()
        .then(() => r(pass))
        .finally(() => {
          if (!released) early.push(i);
        }),
    );
    let problem: string | null = null;
    try {
      const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
      for (;;) {
        const { rows } = await holder.query<{ blocked: number; at_barrier: number; what: string | null }>(WAITING);
        const w = rows[0]!;
        if (early.length > 0) {
          problem = `racer ${early.join(', ')} finished before the others were all held at the database (${w.blocked} waiting): the barrier is not on its way`;
          break;
        }
        if (w.blocked >= racers.length) {
          if (w.at_barrier === 0) problem = 'the racers wait on each other but none at the barrier';
          break;
        }
        if (Date.now() > deadline) {
          problem = `${w.blocked} of ${racers.length} racers held at the database after ${opts.timeoutMs ?? 10_000} ms: ${w.what ?? 'no backend'}`;
          break;
        }
      }
    } finally {
      released = true;
      await holder.query('SELECT pg_advisory_unlock($1)', [BARRIER_KEY]);
    }
    const results = await Promise.allSettled(running);
    if (problem) {
      const outcomes = results.map((r, i) => `${i}: ${r.status === 'fulfilled' ? 'done' : String(r.reason)}`).join('; ');
      throw new Error(`not a race: ${problem} (${outcomes})`);
    }
    return results;
  } finally {
    if (trigger && place) await holder.query(`DROP TRIGGER IF EXISTS ${trigger} ON ${pg.escapeIdentifier(place.table)}`);
    await holder.end();
  }
}

/** The results of a race, fulfilled ones first as values, then the reasons of the others. */
export function outcomes<T>(results: PromiseSettledResult<T>[]): { won: T[]; lost: unknown[] } {
  return {
    won: results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
    lost: results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : [])),
  };
}

/**
 * Runs `work` with every transaction held (on the barrier) at its second row inserted into
 * `ledger`, its first one written and that row's balance locked: two sales debiting the same two
 * balances in opposite orders then each hold what the other needs next, unless the code locks
 * them all in one order first.
 */
export async function heldAtSecondLedgerRow<T>(owner: Knex, ledger: string, work: () => Promise<T>): Promise<T> {
  await owner.raw(`
    CREATE FUNCTION pos_test_second_move() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF current_setting('pos_test.moved', true) = 'yes' THEN PERFORM pg_advisory_xact_lock_shared(${BARRIER_KEY});
      ELSE PERFORM set_config('pos_test.moved', 'yes', true);
      END IF;
      RETURN NEW;
    END $$`);
  await owner.raw(`CREATE TRIGGER pos_test_second_move BEFORE INSERT ON ${ledger} FOR EACH ROW EXECUTE FUNCTION pos_test_second_move()`);
  try {
    return await work();
  } finally {
    await owner.raw(`DROP TRIGGER pos_test_second_move ON ${ledger}`);
    await owner.raw('DROP FUNCTION pos_test_second_move()');
  }
}
