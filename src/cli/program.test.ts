import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { withDatabase } from '../data/db';
import { admin } from '../testing/db';
import { asTestTill } from '../testing/tillUser';
import { migrationSource } from '../data/migrations';
import { runCli, useCli } from './testCli';

describe('pos, whatever the command', () => {
  const { root, pos } = useCli();

  it('answers a usage mistake with one line and exit 2, in the configured language, commander\'s own messages included', async () => {
    const cases: [string[], string, string][] = [
      [['sale', 'create', '--line', 'X'], 'Option obligatoire manquante : --operator <code>', "error: required option '--operator <code>' not specified"],
      [['sale', 'create', '--operator', '1', '--line', 'X', '--tendr', 'cash:1'], 'Option inconnue : --tendr (vouliez-vous dire --tender ?)', "error: unknown option '--tendr' (Did you mean --tender?)"],
      [['sale', 'show'], 'Argument obligatoire manquant : number', "error: missing required argument 'number'"],
      [['sale', 'show', '--limit'], 'Option inconnue : --limit', "error: unknown option '--limit'"],
      [['sale', 'create', '--operator'], 'Valeur manquante pour l’option --operator <code>', "error: option '--operator <code>' argument missing"],
      [['item', 'list', 'extra'], 'Trop d’arguments pour « list » : 0 attendu(s), 1 donné(s)', "error: too many arguments for 'list': 0 expected, 1 given"],
      [['nope'], 'Commande inconnue : nope', "error: unknown command 'nope'"],
    ];
    // Usage errors change nothing: asked all at once.
    const answers = await Promise.all(cases.map(async ([args]) => [await pos(...args), await pos('--lang', 'en', ...args)]));
    cases.forEach(([args, fr, en], i) => {
      expect({ args, ...answers[i]![0] }).toEqual({ args, code: 2, stdout: '', stderr: fr + '\n' });
      expect({ args, ...answers[i]![1] }).toEqual({ args, code: 2, stdout: '', stderr: en + '\n' });
    });
    // The configured language is --lang, else POS_LANG or the configuration's; a --lang that is
    // not one is said in that language.
    expect(await runCli(root(), { POS_LANG: 'en' }, ['nope'])).toEqual({ code: 2, stdout: '', stderr: "error: unknown command 'nope'\n" });
    expect(await runCli(root(), { POS_LANG: 'en' }, ['--lang', 'fr', 'nope'])).toEqual({ code: 2, stdout: '', stderr: 'Commande inconnue : nope\n' });
    expect(await pos('--lang', 'de', 'item', 'list')).toEqual({ code: 2, stdout: '', stderr: 'Valeur invalide pour --lang <lang> : « de » (valeurs possibles : fr, en)\n' });
    expect(await runCli(root(), { POS_LANG: 'en' }, ['--lang', 'de', 'item', 'list'])).toEqual({
      code: 2, stdout: '', stderr: "error: option '--lang <lang>' argument 'de' is invalid. Allowed choices are fr, en.\n",
    });
  });

  it('shows help on stdout with exit 0, in the configured language', async () => {
    const r = await pos('sale', 'create', '--help');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^Utilisation : pos sale create \[options\]\n\nenregistre une vente entière, comme la caisse le ferait\n/);
    expect(r.stdout).toMatch(/--operator <code> +code de l’opérateur \(PIN : POS_PIN ou tapé ; aucun/);
    expect(r.stdout).toContain('\nOptions :\n');
    expect(r.stdout).toContain('\nOptions globales :\n');
    expect(r.stdout).toContain('--tender <kind:amount>');
    expect(r.stdout).toMatch(/-h, --help +affiche l’aide de la commande\n/);
    const top = await pos('--help');
    expect(top.stdout).toContain('\nCommandes :\n');
    // Help is wrapped to the terminal's width: where a line breaks depends on the longest command.
    expect(top.stdout.replace(/\s+/g, ' ')).toContain('(valeurs possibles : "fr", "en")');
    expect(top.stdout).not.toMatch(/Usage:|Options:|Commands:|display help/);

    const en = await pos('--lang', 'en', 'sale', 'create', '--help');
    expect(en.stdout).toMatch(/^Usage: pos sale create \[options\]\n/);
    expect(en.stdout).toContain('\nGlobal Options:\n');
    expect(en.stdout).toMatch(/-h, --help +display help for command\n/);
  });

  it('reports an invalid configuration in one line with exit 2', async () => {
    const r = await runCli(root(), { POS_RECEIPT_COLUMNS: '40' }, ['item', 'list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^configuration invalide : receipt\.columns \[POS_RECEIPT_COLUMNS\] : .+\n$/);
  });

  it('logs an unexpected error and reports it in one line, without a stack trace', async () => {
    // A database whose catalog table went missing: not the user's mistake, a fault.
    const name = `pos_cli_broken_${process.pid}`;
    await admin(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
    try {
      const broken = new pg.Client({ connectionString: withDatabase(inject('pgServerUrl'), name) });
      await broken.connect();
      await broken.query('ALTER TABLE items RENAME TO items_gone');
      await broken.end();
      // As a till connects: a user of the till role.
      const r = await runCli(root(), { DATABASE_URL: asTestTill(withDatabase(inject('pgServerUrl'), name)) }, ['item', 'list', '--json']);
      const log = join(root(), '.pos', 'logs', 'current.log');
      expect(r).toEqual({ code: 3, stdout: '', stderr: `Erreur inattendue (relation "items" does not exist) : détails dans ${log}\n` });
      const entry = JSON.parse((await readFile(log, 'utf8')).trim().split('\n').pop()!);
      expect(entry).toMatchObject({ command: 'pos item list', err: { code: '42P01', stack: expect.stringContaining('does not exist') } });

      // A relative data folder is taken from POS_HOME (the project folder), not from where pos is run.
      const elsewhere = await mkdtemp(join(tmpdir(), 'pos-cwd-'));
      const moved = await runCli(root(), { DATABASE_URL: asTestTill(withDatabase(inject('pgServerUrl'), name)), POS_DATA_DIR: 'var/till' }, ['item', 'list'], elsewhere);
      const movedLog = join(root(), 'var', 'till', 'logs', 'current.log');
      expect(moved).toEqual({ code: 3, stdout: '', stderr: `Erreur inattendue (relation "items" does not exist) : détails dans ${movedLog}\n` });
      expect(JSON.parse(await readFile(movedLog, 'utf8'))).toMatchObject({ command: 'pos item list', err: { code: '42P01' } });
      await rm(elsewhere, { recursive: true });
    } finally {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });

  it('refuses a database that does not exist in one line with exit 1', async () => {
    const url = withDatabase(inject('pgServerUrl'), 'pos_cli_no_such_database');
    const r = await runCli(root(), { DATABASE_URL: url }, ['item', 'list', '--json']);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toMatch(/^Base de données injoignable \(postgres:\/\/[^@ ]+@127\.0\.0\.1:\d+\/pos_cli_no_such_database\) : database "pos_cli_no_such_database" does not exist\n$/);
  });

  it('refuses an unreachable database in one line with exit 1', async () => {
    const r = await runCli(root(), { DATABASE_URL: 'postgres://pos:secret@127.0.0.1:1/pos' }, ['sale', 'list']);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toMatch(/^Base de données injoignable \(postgres:\/\/pos:\*\*\*@127\.0\.0\.1:1\/pos\) : .*ECONNREFUSED.*\n$/);
  });
});

describe('pos migrate and pos seed on a new database', () => {
  const { root } = useCli();
  const name = `pos_cli_fresh_${process.pid}`;
  const env = () => ({ DATABASE_URL: withDatabase(inject('pgServerUrl'), name) });
  afterAll(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  it('applies the migrations once, reporting their names, then loads the demo shop only with --demo', async () => {
    await admin(`CREATE DATABASE ${name}`);
    const first = await runCli(root(), env(), ['migrate', '--json']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(first.stdout)).toEqual({ applied: await migrationSource.getMigrations([]) });
    expect(await runCli(root(), env(), ['migrate'])).toEqual({ code: 0, stderr: '', stdout: 'Base à jour : aucune migration à appliquer\n' });

    expect(await runCli(root(), env(), ['seed'])).toEqual({ code: 1, stdout: '', stderr: 'Seule la boutique de démonstration peut être chargée : ajoutez --demo\n' });
    expect(await runCli(root(), env(), ['seed', '--demo'])).toEqual({ code: 0, stderr: '', stdout: 'Boutique de démonstration chargée (205 articles)\n' });
    // The till then runs as a user of the till role the migrations granted.
    const items = await runCli(root(), { DATABASE_URL: asTestTill(env().DATABASE_URL) }, ['item', 'list', '--json', '--limit', '1']);
    expect(JSON.parse(items.stdout).total).toBe(205);
  });
});
