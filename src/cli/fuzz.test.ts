import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { useCli } from './testCli';

// A handful of fuzzed command lines through the bundled bin/pos, as a script or a typo sends
// them: amounts, quantities, codes, options and a catalog file of any content. A refusal is one
// line on stderr with a non-zero exit, never a trace, and writes nothing.

const SCALE = Number(process.env.FC_SCALE ?? 1);
const TABLES = ['sales', 'sale_lines', 'sale_tenders', 'account_movements', 'vouchers', 'voucher_movements', 'gift_card_movements', 'items', 'stock_movements', 'audit_log', 'events'];

async function counts(db: Knex): Promise<Record<string, number>> {
  const { rows } = await db.raw(`SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t})::int AS ${t}`).join(', ')}`);
  return rows[0];
}

describe('bin/pos under fuzzed command lines', () => {
  const { db, root, pos } = useCli();

  // What a shell passes: no NUL byte (it cannot be in an argument).
  const x = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.string({ unit: fc.constantFrom(...'0123456789,.-+:*%€ABCXYZ-\n\t\u001b'), maxLength: 14 }),
    fc.constantFrom('', '-', '--', '-1', '1e9', '99999999999', 'NaN', '--help', '--json', '__proto__', 'BOUL-001', '3760000000017'),
  ).map((s) => s.replace(/\u0000/g, ''));
  const argv = fc.oneof(
    fc.tuple(x, x).map(([a, b]) => ['sale', 'create', '--operator', '1', '--line', a, '--tender', `cash:${b}`]),
    fc.tuple(x, x).map(([a, b]) => ['sale', 'create', '--operator', '1', '--line', `BOUL-001:${a}`, '--tender', b]),
    fc.tuple(x, x, x).map(([c, a, o]) => ['voucher', 'redeem', c, '--amount', a, '--channel', 'web', '--order', o]),
    fc.tuple(x, x).map(([c, a]) => ['giftcard', 'redeem', c, '--amount', a, '--channel', 'web', '--order', 'CMD-1']),
    fc.tuple(x, x, x).map(([i, q, p]) => ['stock', 'adjust', i, q, '--reason', 'casse', '--manager', '2', '--pin', p]),
    fc.tuple(x, x).map(([c, a]) => ['account', 'pay', c, a]),
    fc.tuple(x, x).map(([a, b]) => ['--lang', a, 'voucher', 'show', b]),
    fc.array(x, { minLength: 1, maxLength: 4 }),
  );

  it('refuses each bad command line on one line with a non-zero exit, writing nothing', async () => {
    await fc.assert(fc.asyncProperty(argv, async (args) => {
      const before = await counts(db().db);
      const r = await pos(...args);
      expect(r.code, `pos ${JSON.stringify(args)} was killed`).not.toBeUndefined();
      expect(r.stderr).not.toMatch(/\n\s+at |node:internal|\.mjs:\d+|TypeError|RangeError|ReferenceError/);
      if (r.code === 0) return;
      expect(r.stderr.trim(), `pos ${JSON.stringify(args)}`).not.toMatch(/\n/);
      expect(await counts(db().db)).toEqual(before);
    }), { numRuns: 12 * SCALE });
  }, 120_000);

  it('refuses a catalog file of any bytes on one line, or imports its good rows: never a trace', async () => {
    const file = fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
      fc.array(fc.string({ unit: fc.constantFrom(...'ab1;,"\r\n\t é€'), maxLength: 20 }), { maxLength: 4 }).map((rows) => Buffer.from(['sku;name;price;vat', ...rows].join('\n'))),
    );
    await fc.assert(fc.asyncProperty(file, async (bytes) => {
      const path = join(root(), 'catalog.csv');
      await writeFile(path, bytes);
      const before = await counts(db().db);
      const r = await pos('import', 'items', '--operator', '2', path);
      expect(r.code).not.toBeUndefined();
      expect(r.stderr).not.toMatch(/\n\s+at |node:internal|\.mjs:\d+|TypeError|RangeError/);
      // A file refused whole: one line, then (when its rows were read) one line per refused row;
      // nothing written. One read in part reports its rows on stdout.
      if (r.code !== 0 && r.stdout.trim() === '') {
        const [, ...rows] = r.stderr.trimEnd().split('\n');
        for (const row of rows) expect(row).toMatch(/^ +ligne \d+/);
        expect(await counts(db().db)).toEqual(before);
      }
    }), { numRuns: 4 * SCALE });
  }, 120_000);
});
