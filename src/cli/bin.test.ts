// The real thing: the bundled `bin/pos` in a process of its own, against the test database.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing/db';
import { demoPins } from './testCli';

const run = promisify(execFile);
const project = resolve(import.meta.dirname, '../..');

describe('bin/pos, built and spawned', () => {
  const testDb = useTestDatabase();
  let dataDir = '';

  // dist/pos.mjs is built once for the whole run, by the global setup.
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pos-bin-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  async function posWith(extra: NodeJS.ProcessEnv, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const outer = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('POS_')));
    const env = { ...outer, DATABASE_URL: testDb().url, POS_DATA_DIR: dataDir, POS_RECEIPT_FILE: join(dataDir, 'receipts.txt'), ...demoPins(args, extra) };
    try {
      const { stdout, stderr } = await run(process.execPath, [join(project, 'bin/pos'), ...args], { cwd: dataDir, env });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }
  const pos = (...args: string[]) => posWith({}, args);

  it('sale create --json, then sale show --json finds the same ticket', async () => {
    const made = await pos('sale', 'create', '--operator', '1', '--line', '3760000000017:2', '--tender', 'card:1', '--tender', 'cash:5', '--json');
    expect(made).toMatchObject({ code: 0, stderr: '' });
    const { created, sale } = JSON.parse(made.stdout);
    expect(created).toBe(true);
    expect(sale).toMatchObject({ total_cents: 260, change_cents: 340, tenders: [{ kind: 'card', amount_cents: 100 }, { kind: 'cash', amount_cents: 500 }] });

    const shown = await pos('--json', 'sale', 'show', sale.ticket);
    expect(shown).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(shown.stdout)).toEqual(sale);
    expect(await readFile(join(dataDir, 'receipts.txt'), 'utf8')).toContain(sale.ticket);
  });

  it('ends a refusal with exit 1 and a usage error with exit 2, one line each', async () => {
    expect(await pos('sale', 'create', '--operator', '1', '--line', 'CAVE-001', '--tender', 'cash:12.345')).toEqual({
      code: 1, stdout: '', stderr: 'Montant invalide : « 12.345 » (exemple : 12,50)\n',
    });
    expect(await pos('sale', 'create', '--line', 'CAVE-001')).toEqual({ code: 2, stdout: '', stderr: 'Option obligatoire manquante : --operator <code>\n' });
  });

  it('keeps stdout clean when the database cannot be reached: no driver chatter, no stack', async () => {
    const r = await posWith({ DATABASE_URL: 'postgres://pos:secret@127.0.0.1:1/pos' }, ['--json', 'item', 'list']);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toMatch(/^Base de données injoignable \(postgres:\/\/pos:\*\*\*@127\.0\.0\.1:1\/pos\) : [^\n]*\n$/);
  });
});
