import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../data/db';
import { outcomes, race } from './barrier';
import { useTestDatabase } from './db';

// The barrier's own promise: a read-then-write without a lock loses an update every time it
// is raced, the same with the row locked never does, and a race whose racers never meet at
// the database is refused instead of passing for one.

describe('the race barrier', () => {
  const testDb = useTestDatabase();
  beforeAll(async () => {
    await testDb().owner.raw('CREATE TABLE barrier_counter (id int PRIMARY KEY, n int NOT NULL); INSERT INTO barrier_counter VALUES (1, 0); GRANT SELECT, UPDATE ON barrier_counter TO pos_till');
  });

  const counter = async () => (await testDb().db('barrier_counter').where('id', 1).first('n')).n as number;

  /** Adds one the careless way: read, then write what was read plus one. */
  const addOne = (lock: boolean) => (pass: (trx: Db) => Promise<void>) =>
    testDb().db.transaction(async (trx) => {
      const { rows } = await trx.raw(`SELECT n FROM barrier_counter WHERE id = 1 ${lock ? 'FOR UPDATE' : ''}`);
      await pass(trx);
      await trx('barrier_counter').where('id', 1).update({ n: rows[0].n + 1 });
    });

  it('makes an unlocked read-then-write lose an update, every time', async () => {
    for (let round = 0; round < 3; round++) {
      const before = await counter();
      const { won } = outcomes(await race(testDb(), null, [addOne(false), addOne(false)]));
      expect(won).toHaveLength(2);
      expect(await counter()).toBe(before + 1);
    }
  });

  it('lets the same with its row locked count both, one waiting on the lock instead of the barrier', async () => {
    const before = await counter();
    await race(testDb(), null, [addOne(true), addOne(true), addOne(true)]);
    expect(await counter()).toBe(before + 3);
  });

  it('holds racers at a trigger on the table they write, after their reads', async () => {
    const before = await counter();
    const plain = () => addOne(false)(async () => undefined);
    await race(testDb(), { before: 'UPDATE', table: 'barrier_counter' }, [plain, plain]);
    expect(await counter()).toBe(before + 1);
    // The trigger went with the race.
    expect(await testDb().db('pg_trigger').where('tgname', 'like', 'pos_test_barrier%')).toEqual([]);
  });

  it('refuses a race whose racers do not all wait at the database', async () => {
    const readOnly = () => testDb().db('barrier_counter').select('n');
    await expect(race(testDb(), { before: 'UPDATE', table: 'barrier_counter' }, [readOnly, readOnly])).rejects.toThrow(/not a race: racer [0-9, ]+ finished before the others were all held/);
  });
});
