import fc from 'fast-check';
import type { Knex } from 'knex';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load';
import { openBasket } from '../domain/basket';
import { t } from '../i18n/messages';
import { useTestDatabase } from '../testing/db';
import { terminal } from '../testing/fixtures';
import { Refusal } from './errors';
import { showGiftCard } from './giftcards/browse';
import { lookupEntry, type EntryContext } from './lookup';
import { showVoucher } from './vouchers/browse';

// What a scanner or a cashier sends to the entry line (and to the voucher and gift card
// look-ups), fuzzed against real PostgreSQL: an item, a choice, an action, or a one-line
// refusal; never a database error (a NUL byte, a lone surrogate, 10,000 characters), and a
// look-up writes nothing.

const SCALE = Number(process.env.FC_SCALE ?? 1);
const TABLES = ['sales', 'audit_log', 'events', 'vouchers', 'voucher_movements', 'gift_card_movements', 'customers', 'coupon_uses', 'stock_movements'];

async function counts(db: Knex): Promise<Record<string, number>> {
  const { rows } = await db.raw(`SELECT ${TABLES.map((x) => `(SELECT count(*) FROM ${x})::int AS ${x}`).join(', ')}`);
  return rows[0];
}

describe('fuzzed codes at the entry line and the code look-ups', () => {
  const testDb = useTestDatabase();
  let ctx: EntryContext;
  beforeAll(async () => {
    const config = loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url } });
    ctx = { basket: openBasket('fuzz'), terminal: await terminal(testDb().db), operatorId: 1, lang: 'fr', timeZone: 'Europe/Paris', config };
  });

  const scanned = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHJKMNPQRSTVWXYZ-* %_\\\'"\u0000\r\n'), maxLength: 24 }),
    fc.stringMatching(/^(2\d{12}|376\d{10}|9250\d{12}|FID-\d{6}|[A-Z]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2})$/),
    fc.constantFrom('%', '_', "'; DROP TABLE items; --", '\\', 'A'.repeat(10_000), '\ud800', 'BOUL-001\u0000', '\u0000'),
  );

  it('refuses a code with a NUL byte or an escape as unreadable, not as a database fault (found by this fuzz)', async () => {
    const { db } = testDb();
    await expect(lookupEntry(db, '0\u0000', ctx)).rejects.toMatchObject({ key: 'scan.unreadable' });
    await expect(lookupEntry(db, 'BOUL-001\u001b[A', ctx)).rejects.toMatchObject({ key: 'scan.unreadable' });
    expect((await lookupEntry(db, ' BOUL-001 ', ctx)).kind).toBe('item');
  });

  it('answers every code with what it is or a one-line refusal, writing nothing', async () => {
    const { db } = testDb();
    await fc.assert(fc.asyncProperty(scanned, async (code) => {
      const before = await counts(db);
      for (const look of [() => lookupEntry(db, code, ctx), () => showVoucher(db, code), () => showGiftCard(db, code, ctx.config!.giftCards.preprinted)]) {
        try {
          await look();
        } catch (error) {
          expect(error, `${JSON.stringify(code)}: ${String(error)}`).toBeInstanceOf(Refusal);
          const r = error as Refusal;
          expect(t('fr', r.key, r.params as never)).not.toMatch(/[\r\n\u0000]/);
        }
      }
      expect(await counts(db)).toEqual(before);
    }), { numRuns: 120 * SCALE });
  }, 120_000);
});
