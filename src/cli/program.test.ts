import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { withDatabase } from '../data/db';
import { admin } from '../testing/db';
import { migrationSource } from '../data/migrations';
import { runCli, useCli } from './testCli';

describe('pos, whatever the command', () => {
  const { root, pos } = useCli();

  it('answers a usage mistake with one line and exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['sale', 'create', '--line', 'X'], /^error: required option '--operator <code>' not specified\n$/],
      [['sale', 'create', '--operator', '1', '--line', 'X', '--tendr', 'cash:1'], /^error: unknown option '--tendr' \(Did you mean --tender\?\)\n$/],
      [['sale', 'show'], /^error: missing required argument 'number'\n$/],
      [['--lang', 'de', 'item', 'list'], /^error: option '--lang <lang>' argument 'de' is invalid\. Allowed choices are fr, en\.\n$/],
      [['nope'], /^error: unknown command 'nope'\n$/],
    ];
    for (const [args, stderr] of cases) {
      const r = await pos(...args);
      expect({ args, code: r.code, stdout: r.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(r.stderr).toMatch(stderr);
    }
  });

  it('shows help on stdout with exit 0', async () => {
    const r = await pos('sale', 'create', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--tender <kind:amount>');
    expect(r.stdout).toContain('--json');
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
      const r = await runCli(root(), { DATABASE_URL: withDatabase(inject('pgServerUrl'), name) }, ['item', 'list', '--json']);
      const log = join(root(), '.pos', 'pos.log');
      expect(r).toEqual({ code: 3, stdout: '', stderr: `Erreur inattendue (relation "items" does not exist) : détails dans ${log}\n` });
      const entry = JSON.parse((await readFile(log, 'utf8')).trim().split('\n').pop()!);
      expect(entry).toMatchObject({ command: 'pos item list', err: { code: '42P01', stack: expect.stringContaining('does not exist') } });
    } finally {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });

  it('refuses a database that does not exist in one line with exit 1', async () => {
    const url = withDatabase(inject('pgServerUrl'), 'pos_cli_no_such_database');
    const r = await runCli(root(), { DATABASE_URL: url }, ['item', 'list', '--json']);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toMatch(/^Base de données injoignable \(postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/pos_cli_no_such_database\) : database "pos_cli_no_such_database" does not exist\n$/);
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
    const items = await runCli(root(), env(), ['item', 'list', '--json', '--limit', '1']);
    expect(JSON.parse(items.stdout).total).toBe(205);
  });
});
