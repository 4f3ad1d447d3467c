import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ean13 } from '../domain/ean';
import { useTestDatabase } from '../testing/db';
import { Refusal } from './errors';
import { importItems, parseItemsCsv } from './importItems';

// Catalog files near the right shape, imported into real PostgreSQL: what the parser keeps the
// database takes (no constraint of the table refuses a row the parser passed), what it refuses
// writes nothing, and the items written are the rows as read.

const SCALE = Number(process.env.FC_SCALE ?? 1);

describe('importing fuzzed catalog files', () => {
  const testDb = useTestDatabase();

  const sku = fc.oneof({ weight: 8, arbitrary: fc.stringMatching(/^[0-9A-Za-z][0-9A-Za-z._\-/]{0,45}$/) }, fc.string({ maxLength: 12 }), fc.constantFrom('BOUL-001', 'boul-001', ''));
  const barcode = fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 4, arbitrary: fc.integer({ min: 0, max: 999_999_999 }).map((n) => ean13(`376${String(n).padStart(9, '0')}`)) }, fc.stringMatching(/^\d{0,15}$/), fc.constantFrom('3760000000017', '3,76E+12'));
  const name = fc.oneof({ weight: 6, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 90 }) }, fc.string({ unit: 'binary', maxLength: 20 }));
  const price = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: -10, max: 2_000_000_000 }).map((c) => `${Math.floor(c / 100)},${String(Math.abs(c) % 100).padStart(2, '0')}`) }, fc.string({ maxLength: 12 }), fc.constantFrom('0', '0,00', '99999999,99', '1e3', '-1'));
  const vat = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('20', '10', '5,5', '2,1') }, fc.constantFrom('0', '19,6', '100', ''), fc.string({ maxLength: 6 }));
  const group = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('', 'BOUL', 'boul') }, fc.constantFrom('NOPE'), fc.string({ maxLength: 10 }));
  const rule = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('', 'free', 'fixed', 'capped:5', 'imposé', 'libre') }, fc.constantFrom('plafonné:0', 'capped:100'), fc.string({ maxLength: 10 }));
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const file = fc.array(fc.tuple(sku, barcode, name, price, vat, group, rule), { maxLength: 8 }).map((rows) =>
    ['sku;barcode;name;price;vat;group;price_rule', ...rows.map((r) => r.map(quote).join(';'))].join('\r\n'));

  it('the database takes every row the parser keeps, writes nothing of a file refused, and stores the rows as read', async () => {
    const { db } = testDb();
    await fc.assert(fc.asyncProperty(file, async (csv) => {
      const before = Number((await db('items').count({ n: '*' }).first())!.n);
      let parsed;
      try {
        parsed = parseItemsCsv(csv);
      } catch (error) {
        expect(error).toBeInstanceOf(Refusal);
        expect(Number((await db('items').count({ n: '*' }).first())!.n)).toBe(before);
        return;
      }
      const report = await importItems(db, parsed, 'fr');
      expect(report.imported + report.rejected.length).toBe(parsed.rows.length + parsed.rejected.length);
      const after = Number((await db('items').count({ n: '*' }).first())!.n);
      expect(after - before).toBeLessThanOrEqual(report.imported);
      if (report.imported === 0) expect(after).toBe(before);
      const rejectedLines = new Set(report.rejected.map((r) => r.line));
      for (const { line, item } of parsed.rows) {
        if (rejectedLines.has(line)) continue;
        const stored = await db('items').where('sku', item.sku).first();
        expect({ name: stored.name, price: Number(stored.price_cents), vat: stored.vat_rate_bp, barcode: stored.barcode }).toEqual({ name: item.name, price: item.priceCents, vat: item.vatRateBp, barcode: item.barcode });
      }
    }), { numRuns: 60 * SCALE });
  }, 120_000);
});
