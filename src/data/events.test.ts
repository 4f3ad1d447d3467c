// The events every till follows, read by transaction rather than by id: two writers whose
// transactions commit in the other order than they took their ids, a reader in between, and
// nothing read twice or stepped over. A reader keeping "the last id seen" is shown to lose one.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing/db';
import { until } from '../testing/until';
import { cursorNow, publishEvents, readEvents, type EventCursor, type LiveEvent } from './events';

describe('reading the events table', () => {
  const testDb = useTestDatabase();

  async function writer(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: testDb().url, application_name: 'pos-test-writer' });
    await c.connect();
    return c;
  }
  const write = async (c: pg.Client, subject: string) =>
    Number((await c.query<{ id: string }>("INSERT INTO events (kind, subject) VALUES ('keys', $1) RETURNING id", [subject])).rows[0]!.id);

  /** Reads as a till does, from its cursor; what it got, in order. */
  function reader(start: EventCursor) {
    let cursor = start;
    const got: LiveEvent[] = [];
    return {
      got,
      async read() {
        for (;;) {
          const r = await readEvents(testDb().db, cursor, { storeId: 1, limit: 2 });
          cursor = r.cursor;
          got.push(...r.events);
          if (r.events.length < 2) return;
        }
      },
    };
  }

  it('never steps over an event whose transaction commits after a later one', async () => {
    const { db } = testDb();
    const r = reader(await cursorNow(db));
    const [a, b] = [await writer(), await writer()];
    try {
      // A takes the lower id but commits last; B commits in between, and the reader reads then.
      await a.query('BEGIN');
      await b.query('BEGIN');
      const idA = await write(a, 'A');
      const idB = await write(b, 'B');
      expect(idA).toBeLessThan(idB);
      await b.query('COMMIT');
      await r.read();
      expect(r.got.map((e) => e.subject)).toEqual(['B']);
      // What a reader of "ids above the last one read" would ask for from now on.
      const lastSeen = Math.max(...r.got.map((e) => e.id));
      await a.query('COMMIT');
      await r.read();
      expect(r.got.map((e) => e.subject)).toEqual(['B', 'A']);
      await r.read();
      expect(r.got.map((e) => e.id).sort()).toEqual([idA, idB].sort());
      const byLastId = (await db('events').where('id', '>', lastSeen).pluck('subject')) as string[];
      expect(byLastId, 'a reader by last id seen never gets A').not.toContain('A');

      // The other way round: the transaction holding the older xid takes the higher id and commits first.
      await b.query('BEGIN');
      await b.query('SELECT pg_current_xact_id()');
      await a.query('BEGIN');
      await a.query('SELECT pg_current_xact_id()');
      const idA2 = await write(a, 'A2');
      const idB2 = await write(b, 'B2');
      expect(idA2).toBeLessThan(idB2);
      await b.query('COMMIT');
      await r.read();
      await a.query('COMMIT');
      await r.read();
      await r.read();
      expect(r.got.map((e) => e.subject)).toEqual(['B', 'A', 'B2', 'A2']);
    } finally {
      await a.end();
      await b.end();
    }
  });

  it('starts at "now": what committed before is never read, what commits after always is, once', async () => {
    const { db } = testDb();
    const w = await writer();
    try {
      await w.query('BEGIN');
      await write(w, 'running at the start');
      await publishEvents(db, [{ kind: 'keys', subject: 'before' }]);
      const r = reader(await cursorNow(db));
      await w.query('COMMIT');
      await publishEvents(db, [{ kind: 'keys', subject: 'after 1' }, { kind: 'keys', subject: 'after 2' }, { kind: 'keys', subject: 'after 3' }]);
      await r.read();
      await r.read();
      expect(r.got.map((e) => e.subject)).toEqual(['running at the start', 'after 1', 'after 2', 'after 3']);
    } finally {
      await w.end();
    }
  });

  it("leaves out another store's events, not those for every store", async () => {
    const { db } = testDb();
    const [{ id: other }] = await testDb().owner('stores').insert({ code: 'M99', name: 'Autre' }).returning('id');
    const r = reader(await cursorNow(db));
    await publishEvents(db, [{ kind: 'keys', subject: 'theirs', storeId: other }, { kind: 'keys', subject: 'ours', storeId: 1 }, { kind: 'keys', subject: 'everyone' }]);
    await r.read();
    expect(r.got.map((e) => e.subject)).toEqual(['ours', 'everyone']);
  });

  it('wakes a listening connection once per transaction, however many events it wrote, and not for quiet ones', async () => {
    const { db } = testDb();
    const listener = await writer();
    try {
      const heard: string[] = [];
      listener.on('notification', (n) => heard.push(n.channel));
      await listener.query('LISTEN pos_events; LISTEN pos_test_marker');
      await db.transaction(async (trx) => {
        await publishEvents(trx, [{ kind: 'keys', subject: '1' }, { kind: 'keys', subject: '2' }]);
        await publishEvents(trx, [{ kind: 'keys', subject: '3' }]);
      });
      // Events that change nothing on a screen are read at the next wake-up: no NOTIFY of their own.
      await publishEvents(db, [{ kind: 'keys', subject: 'quiet', wake: false }]);
      // Notifications come in commit order: once the marker is heard, the transactions' are in.
      await db.raw('NOTIFY pos_test_marker');
      await until(() => heard.includes('pos_test_marker'));
      expect(heard).toEqual(['pos_events', 'pos_test_marker']);
    } finally {
      await listener.end();
    }
  });
});
