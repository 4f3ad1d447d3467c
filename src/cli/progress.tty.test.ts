// Long commands show a bar on standard error when it is a terminal, and only then: piped, with
// --json or --quiet, their output is byte for byte what it was before the bar existed (the
// expected texts below were recorded from the till without it).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTill, openTill } from '../app/till';
import { loadConfig } from '../config/load';
import { withDatabase } from '../data/db';
import { sellGiftCard } from '../testing/giftCards';
import { migrationSource } from '../data/migrations';
import { admin } from '../testing/db';
import { runInTerminal } from '../testing/terminalRun';
import { needs } from '../testing/tools';
import { demoPins, useCli } from './testCli';

/** A drawn bar: the label, some of the bar's blocks, the percent. */
const BAR = /[█░]{4,}.*\d+ ?%/;

describe.skipIf(!needs('tmux', 'commands in a real terminal'))('progress of long commands', () => {
  const { db, root, pos } = useCli();
  /** bin/pos in a terminal, as useCli's pos runs it piped: same folder, database and PINs. */
  const inTerminal = (env: NodeJS.ProcessEnv, ...args: string[]) =>
    runInTerminal(root(), { POS_HOME: root(), DATABASE_URL: db().url, ...demoPins(args, {}), ...env }, args);
  const file = async (name: string, text: string) => {
    const path = join(root(), name);
    await writeFile(path, text);
    return path;
  };

  it('piped and with --json, the commands print what they printed before, and nothing on stderr', async () => {
    expect(await pos('coupon', 'define', '--operator', '2', '--symbol', 'BIG', '--name', 'Gros lot', '--percent', '10')).toEqual({ code: 0, stderr: '', stdout: 'Bon de réduction BIG enregistré : Gros lot\n' });
    expect(await pos('coupon', 'codes', 'generate', '--operator', '2', 'BIG', '--count', '1500')).toEqual({ code: 0, stderr: '', stdout: '1500 code(s) créé(s) pour le bon BIG\n' });
    expect(await pos('coupon', 'codes', 'generate', '--operator', '2', 'BIG', '--count', '3')).toEqual({ code: 0, stderr: '', stdout: '3 code(s) créé(s) pour le bon BIG\nBIG1500\nBIG1501\nBIG1502\n' });
    expect(await pos('--json', 'coupon', 'codes', 'generate', '--operator', '2', 'BIG', '--count', '3')).toEqual({
      code: 0, stderr: '', stdout: '{\n  "symbol": "BIG",\n  "created": 3,\n  "codes": [\n    "BIG1503",\n    "BIG1504",\n    "BIG1505"\n  ]\n}\n',
    });
    const codes = await file('codes.csv', 'code;status\nVRAC-1;active\nVRAC-2;\nBAD CODE;\nVRAC-3;inactif\n');
    expect(await pos('coupon', 'codes', 'import', '--operator', '2', 'BIG', codes)).toEqual({
      code: 0, stderr: '', stdout: '3 code(s) importé(s), 1 ligne(s) rejetée(s)\n  ligne 4 (BAD CODE) : code « BAD CODE » invalide\n',
    });
    await writeFile(codes, 'code\nVRAC-4\nVRAC-1\n');
    expect(await pos('--json', 'coupon', 'codes', 'import', '--operator', '2', 'BIG', codes)).toEqual({
      code: 0, stderr: '',
      stdout: '{\n  "imported": 1,\n  "rejected": [\n    {\n      "line": 3,\n      "code": "VRAC-1",\n      "reason": "le code VRAC-1 existe déjà",\n      "key": "coupon.import.codeTaken"\n    }\n  ]\n}\n',
    });
    const items = await file('items.csv', 'sku;name;price;vat\nPRG-1;Un;1,00;20\nPRG-2;Deux;2,00;20\nPRG-3;;3;20\n');
    expect(await pos('import', 'items', '--operator', '2', items)).toEqual({
      code: 0, stderr: '', stdout: '2 article(s) importé(s), 1 ligne(s) rejetée(s)\n  ligne 4 (PRG-3) : désignation (name) manquante\n',
    });
    expect(await pos('--json', 'import', 'items', '--operator', '2', items)).toEqual({
      code: 0, stderr: '',
      stdout: '{\n  "imported": 2,\n  "rejected": [\n    {\n      "line": 4,\n      "sku": "PRG-3",\n      "reason": "désignation (name) manquante",\n      "code": "import.nameMissing"\n    }\n  ]\n}\n',
    });
    // Two vouchers past their day: expired together, listed by code, as the one statement did.
    const issued: string[] = [];
    for (const amount of ['12,50', '3']) {
      const r = await pos('voucher', 'issue', '--amount', amount, '--manager', '2', '--origin', 'trade_in', '--expires', '31/12/2030', '--json');
      issued.push(JSON.parse(r.stdout).voucher.code);
    }
    await db().owner.raw("UPDATE vouchers SET created_at = now() - interval '2 years', expires_on = current_date - 400, expires_at = now() - interval '400 days' WHERE code = ANY(?)", [issued]);
    const amounts = new Map([[issued[0]!, 1250], [issued[1]!, 300]]);
    const listed = [...issued].sort().map((c) => `    {\n      "code": "${c}",\n      "amount_cents": ${amounts.get(c)}\n    }`).join(',\n');
    expect(await pos('--json', 'voucher', 'expire', '--operator', '1')).toEqual({
      code: 0, stderr: '', stdout: `{\n  "expired": 2,\n  "total_cents": 1550,\n  "vouchers": [\n${listed}\n  ]\n}\n`,
    });
    expect(await pos('voucher', 'expire', '--operator', '1')).toEqual({ code: 0, stderr: '', stdout: '0 bon(s) marqué(s) expiré(s) : 0,00 € de solde passé en perte\n' });
    expect(await pos('loyalty', 'expire', '--operator', '1')).toEqual({ code: 0, stderr: '', stdout: '0 point(s) expiré(s) chez 0 client(s)\n' });
    expect(await pos('--json', 'loyalty', 'expire', '--operator', '1')).toEqual({ code: 0, stderr: '', stdout: '{\n  "customers": 0,\n  "points": 0\n}\n' });
  });

  it('in a terminal, making codes draws a bar that ends at 100 %; stdout is the same as piped', async () => {
    await pos('coupon', 'define', '--operator', '2', '--symbol', 'LOT', '--name', 'Lot', '--percent', '5');
    const r = await inTerminal({}, 'coupon', 'codes', 'generate', '--operator', '2', 'LOT', '--count', '100000');
    expect(r).toMatchObject({ code: 0, stdout: '100000 code(s) créé(s) pour le bon LOT\n' });
    expect(r.screen).toMatch(/Codes █{24} 100 % · 100\D000 \/ 100\D000 · [\d\s\u202f]+\/s · reste 0s/);
    // Piped, the same command says the same and draws nothing.
    expect(await pos('coupon', 'codes', 'generate', '--operator', '2', 'LOT', '--count', '100000')).toEqual({ code: 0, stderr: '', stdout: '100000 code(s) créé(s) pour le bon LOT\n' });
  });

  it('in a terminal, --json and --quiet draw no bar', async () => {
    await pos('coupon', 'define', '--operator', '2', '--symbol', 'CALME', '--name', 'Calme', '--percent', '5');
    const json = await inTerminal({}, '--json', 'coupon', 'codes', 'generate', '--operator', '2', 'CALME', '--count', '30000');
    expect(json).toMatchObject({ code: 0, stdout: '{\n  "symbol": "CALME",\n  "created": 30000,\n  "codes": []\n}\n' });
    expect(json.screen.trim()).toBe('');
    const quiet = await inTerminal({}, '--quiet', 'coupon', 'codes', 'generate', '--operator', '2', 'CALME', '--count', '30000');
    expect(quiet).toMatchObject({ code: 0, stdout: '30000 code(s) créé(s) pour le bon CALME\n' });
    expect(quiet.screen.trim()).toBe('');
  });

  it('in a terminal, importing items, codes and expiring vouchers and gift cards draw their bars to 100 %, in the language asked', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `BAR-${i};Article ${i};1,${String(i % 100).padStart(2, '0')};20`);
    const items = await file('many.csv', ['sku;name;price;vat', ...rows].join('\n'));
    const imported = await inTerminal({}, '--lang', 'en', 'import', 'items', '--operator', '2', items);
    expect(imported).toMatchObject({ code: 0, stdout: '5000 item(s) imported, 0 line(s) rejected\n' });
    expect(imported.screen).toMatch(/Items █{24} 100% · 5,000 \/ 5,000 · [\d,]+\/s · 0s left/);

    await pos('coupon', 'define', '--operator', '2', '--symbol', 'VRAC2', '--name', 'Vrac', '--percent', '5');
    const codes = await file('many-codes.csv', ['code', ...Array.from({ length: 25000 }, (_, i) => `VR2-${i}`)].join('\n'));
    const codesRun = await inTerminal({}, 'coupon', 'codes', 'import', '--operator', '2', 'VRAC2', codes);
    expect(codesRun).toMatchObject({ code: 0, stdout: '25000 code(s) importé(s), 0 ligne(s) rejetée(s)\n' });
    expect(codesRun.screen).toMatch(/Codes █{24} 100 % · 25\D000 \/ 25\D000/);

    const r = await pos('voucher', 'issue', '--amount', '5', '--manager', '2', '--origin', 'trade_in', '--expires', '31/12/2030', '--json');
    const code = JSON.parse(r.stdout).voucher.code as string;
    await db().owner.raw("UPDATE vouchers SET created_at = now() - interval '2 years', expires_on = current_date - 400, expires_at = now() - interval '400 days' WHERE code = ?", [code]);
    const expired = await inTerminal({}, 'voucher', 'expire', '--operator', '1');
    expect(expired).toMatchObject({ code: 0, stdout: '1 bon(s) marqué(s) expiré(s) : 5,00 € de solde passé en perte\n' });
    expect(expired.screen).toMatch(/Bons d’achat █{24} 100 % · 1 \/ 1/);
    // Nothing to do: no bar at all.
    const again = await inTerminal({}, 'voucher', 'expire', '--operator', '1');
    expect(again.screen).not.toMatch(BAR);

    const till = await openTill(loadConfig({ root: '/nonexistent', env: { DATABASE_URL: db().url } }));
    const card = await sellGiftCard(till, 7_00).finally(() => closeTill(till));
    await db().owner.raw("UPDATE gift_cards SET created_at = now() - interval '2 years', expires_on = current_date - 400, expires_at = now() - interval '400 days' WHERE code = ?", [card]);
    const cards = await inTerminal({}, 'giftcard', 'expire', '--operator', '1');
    expect(cards).toMatchObject({ code: 0, stdout: expect.stringMatching(/^1 carte expirée : 7,00 € /) });
    expect(cards.screen).toMatch(/Cartes cadeaux █{24} 100 % · 1 \/ 1/);
  });

  it('in a terminal, pos check counts its families of checks up to 100 %; stdout is the same as piped', async () => {
    const piped = await pos('check');
    const shown = await inTerminal({}, 'check');
    expect(shown).toMatchObject({ code: 0, stdout: piped.stdout });
    expect(shown.screen).toMatch(/Vérifications █{24} 100 % · (\d+) \/ \1 /);
  });

  describe('pos migrate', () => {
    const name = `pos_test_progress_${process.pid}`;
    let url = '';
    beforeAll(async () => {
      await admin(`CREATE DATABASE ${name}`);
      url = withDatabase(inject('pgServerUrl'), name);
    });
    afterAll(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

    it('in a terminal, counts the migrations applied to a new database up to 100 %', async () => {
      const all = await migrationSource.getMigrations([]);
      const r = await inTerminal({ DATABASE_URL: url }, 'migrate');
      expect(r).toMatchObject({ code: 0, stdout: `Migrations appliquées : ${all.join(', ')}\n` });
      expect(r.screen).toMatch(new RegExp(`Migrations █{24} 100 % · ${all.length} / ${all.length}`));
      // Up to date: nothing applied, no bar.
      const again = await inTerminal({ DATABASE_URL: url }, 'migrate');
      expect(again).toMatchObject({ code: 0, stdout: 'Base à jour : aucune migration à appliquer\n' });
      expect(again.screen).not.toMatch(BAR);
    });
  });
});
