// Making many codes in the back office shows how far it is, and Esc can stop it: a stopped run
// keeps nothing (one transaction), so every count is as it was before it started.
import type { Knex } from 'knex';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../testing/db';
import { useTillScreens } from '../../../testing/tillScreen';
import { testConfig } from '../../../testing/tui';

const F2 = '\x1bOQ';
const F11 = '\x1b[23~';
const F12 = '\x1b[24~';
const ESC = '\x1b';
/** Any number: this test file's database is its own, and no product code takes advisory locks. */
const HOLD = 7_117_017;

/** What a stopped run must leave as it was. */
const counts = async (db: Knex) => ({
  codes: Number((await db('coupon_codes').count<{ count: string }[]>('* as count'))[0]!.count),
  numbers: await db('coupon_definitions').orderBy('id').pluck('next_code_no'),
  audits: Number((await db('audit_log').count<{ count: string }[]>('* as count'))[0]!.count),
});

describe('making coupon codes in the back office', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();

  it('shows the progress of a long run at 60×20, asks on Esc, and a stop keeps none of the codes', async () => {
    const { db, owner, ownerUrl, url } = testDb();
    const def = await db('coupon_definitions').where({ symbol: 'BONJOUR' }).first('id');
    const before = await counts(db);
    // The run's second batch waits at the database while the test holds a lock: the stop is
    // asked while the run is surely under way, whatever the speed of the machine.
    const holder = new pg.Client({ connectionString: ownerUrl });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock($1)', [HOLD]);
    await owner.raw(`
      CREATE FUNCTION hold_second_batch() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (SELECT count(*) FROM coupon_codes WHERE definition_id = ${def.id}) > ${before.codes} THEN
          PERFORM pg_advisory_xact_lock_shared(${HOLD});
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER hold_second_batch BEFORE INSERT ON coupon_codes FOR EACH STATEMENT EXECUTE FUNCTION hold_second_batch();`);
    try {
      // The smallest screen the till fits: the progress line, its bar and the hint fit it too.
      const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }), {}, { columns: 60, rows: 20 });
      await s.signIn('2', '9999');
      await s.type(F11);
      const menu = await s.frame((f) => f.includes('Gestion') && f.includes('Bons de réduction'));
      await s.type(/(\d)\. Bons de réduction/.exec(menu)![1]!);
      await s.frame((f) => f.includes('BONJOUR') && !f.includes('Un instant'));
      await s.type('\r');
      await s.frame((f) => f.includes('Codes du bon BONJOUR'));
      await s.type(F2);
      await s.frame((f) => f.includes('Créer des codes pour le bon BONJOUR'));
      await s.type('\x7f');
      await s.type('50000');
      await s.type(F12);
      // The first batch of 20 000 is written: the line says so, with its bar.
      const shown = await s.frame((f) => /Création des codes : 20\D000 \/ 50\D000 \(40 %\) ▕█+░+▏/.test(f) && f.includes('Échap arrêter la création'));
      expect(shown).not.toContain('Un instant');
      await s.type(ESC);
      await s.frame((f) => f.includes('Arrêter la création ? Rien n’est enregistré.'));
      await s.type('\r');
      await s.frame((f) => f.includes('Arrêt en cours…'));
      await holder.query('SELECT pg_advisory_unlock($1)', [HOLD]);
      await s.frame((f) => f.includes('Création arrêtée : aucun code créé') && f.includes('Codes du bon BONJOUR'));
      expect(await counts(db)).toEqual(before);
    } finally {
      await holder.end();
      await owner.raw('DROP TRIGGER hold_second_batch ON coupon_codes; DROP FUNCTION hold_second_batch()');
    }
  });
});
