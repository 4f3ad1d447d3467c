import type { Knex } from 'knex';
import { connect, disconnect, type ConnectOptions } from '../app/connect';
import { readSide, withReadDb, type ReadSource } from '../app/readDb';
import { closeTill, openTill, type Till } from '../app/till';
import type { Config } from '../config/schema';

/** As the till itself starts: migrations applied, the demo shop in a brand-new embedded database. */
const LIKE_THE_TILL: ConnectOptions = { migrate: true, demoOnFirstStart: true };

/** Runs with this terminal's till open; closing it stops an embedded server nobody else uses. */
export async function withTill<T>(config: Config, work: (till: Till) => Promise<T>): Promise<T> {
  const till = await openTill(config, LIKE_THE_TILL);
  try {
    return await work(till);
  } finally {
    await closeTill(till);
  }
}

/** For commands that need no terminal (catalog, migrations, seeding): a store server may have none yet. */
export async function withDatabase<T>(config: Config, work: (db: Knex) => Promise<T>, opts: ConnectOptions = LIKE_THE_TILL): Promise<T> {
  const conn = await connect(config, opts);
  try {
    return await work(conn.db);
  } finally {
    await disconnect(conn);
  }
}

/**
 * For what need not be fresh (reports, `pos check`): on a standby of db.readUrls when some are
 * configured (`source` says which and its lag), else as withDatabase (`source` null).
 */
export async function withReadDatabase<T>(config: Config, work: (db: Knex, source: ReadSource | null) => Promise<T>): Promise<T> {
  if (config.db.readUrls.length === 0) return withDatabase(config, (db) => work(db, null));
  return withReadDb(config, work);
}

/**
 * With this terminal's till open (its store's time zone, its store), a list that need not be
 * fresh read on the till's standbys' pool when db.readUrls names some (`source` says the lag),
 * else on the till's own (`source` null).
 */
export async function withTillRead<T>(config: Config, work: (till: Till, db: Knex, source: ReadSource | null) => Promise<T>): Promise<T> {
  return withTill(config, async (till) => {
    const { db, source } = await readSide(till);
    return work(till, db, source);
  });
}
