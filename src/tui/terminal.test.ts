// The real till in a real terminal: the bundled bin/pos under tmux, at 80×24 and at the
// smallest size it supports (60×20), keys sent as a cashier (and a keyboard-wedge scanner)
// would, the screen read back with capture-pane.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing/db';
import { needs } from '../testing/tools';

const run = promisify(execFile);
const project = resolve(import.meta.dirname, '../..');
const sessions = [`pos-e2e-${process.pid}`, `pos-e2e-small-${process.pid}`];
let session = sessions[0]!;

async function tmux(...args: string[]): Promise<string> {
  // A server of this file's own (see src/testing/tmux.ts).
  return (await run('tmux', ['-L', `pos-e2e-${process.pid}`, ...args])).stdout;
}

async function screen(): Promise<string> {
  return tmux('capture-pane', '-p', '-t', session);
}

async function waitForScreen(check: (s: string) => boolean, timeoutMs = 10_000): Promise<string> {
  const start = Date.now();
  for (;;) {
    const s = await screen();
    if (check(s)) return s;
    if (Date.now() - start > timeoutMs) throw new Error(`the screen never matched:\n${s}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const keys = (...k: string[]) => tmux('send-keys', '-t', session, ...k);

/** Every row of the pane within its width (tmux would wrap a longer one onto the next). */
function fitsPane(text: string, columns: number) {
  for (const row of text.split('\n')) expect([...row].length, row).toBeLessThanOrEqual(columns);
}

describe.skipIf(!needs('tmux', 'the till in a real terminal'))('bin/pos in a terminal', () => {
  const testDb = useTestDatabase();
  let dataDir = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pos-tty-'));
    chmodSync(dataDir, 0o755);
  });
  afterAll(async () => {
    for (const s of sessions) await tmux('kill-session', '-t', s).catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('sells a demo item: sign in, scan, pay cash, ticket saved, quit', async () => {
    session = sessions[0]!; // its own tmux session, whichever test ran before
    const { db, url } = testDb();
    const env = `env -u CI TERM=xterm-256color DATABASE_URL='${url}' POS_DATA_DIR='${dataDir}' POS_RECEIPT_FILE='${join(dataDir, 'receipts.txt')}'`;
    await tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', `${env} node ${join(project, 'bin/pos')}; sleep 5`);

    const login = await waitForScreen((s) => s.includes('Ouverture de session') && s.includes('base OK'));
    expect(login.split('\n')[0]).toContain('Épicerie du Centre · T01');
    await keys('1', 'Enter', '1234', 'Enter');
    await waitForScreen((s) => s.includes('Camille') && s.includes('TOTAL'));

    // The scanner types the code and Enter as fast as tmux can send them.
    await keys('3760000000017', 'Enter');
    await keys('2*3760000000062', 'Enter');
    const basket = await waitForScreen((s) => s.includes('Croissant'));
    expect(basket).toMatch(/Baguette tradition\s+1\s+1,30 €\s+1,30 €/);
    expect(basket).toMatch(/Croissant\s+2\s+1,20 €\s+2,40 €/);
    expect(basket).toMatch(/TOTAL\s+3,70 €/);
    // 80×24: the status bar stays on the first line, the keys on the last.
    const rows = basket.split('\n');
    expect(rows[0]).toContain('Camille · base OK');
    expect(basket).toMatch(/F12 Encaisser/);

    await keys('F12');
    await waitForScreen((s) => s.includes('Encaissement'));
    await keys('10', 'Enter');
    await waitForScreen((s) => /RENDU MONNAIE\s+6,30 €/.test(s));
    await keys('Enter');
    const done = await waitForScreen((s) => s.includes('enregistré'));
    expect(done).toMatch(/Ticket T01-\d{6} enregistré · RENDU 6,30 €/);

    const [sale] = await db('sales').orderBy('id', 'desc').limit(1);
    expect(sale).toMatchObject({ total_cents: 370, change_cents: 630 });

    await keys('C-q');
    await waitForScreen((s) => !s.includes('Encaisser'));
  });

  it('fits 60×20: the status bar stays on top of the payment screen, the help keeps every key', async () => {
    session = sessions[1]!;
    const { url } = testDb();
    const env = `env -u CI TERM=xterm-256color DATABASE_URL='${url}' POS_DATA_DIR='${dataDir}' POS_RECEIPT_OUTPUT=none`;
    await tmux('new-session', '-d', '-s', session, '-x', '60', '-y', '20', `${env} node ${join(project, 'bin/pos')}; sleep 5`);
    await waitForScreen((s) => s.includes('Ouverture de session') && s.includes('base OK'));
    await keys('1', 'Enter', '1234', 'Enter');
    await waitForScreen((s) => s.includes('Camille') && s.includes('TOTAL'));
    await keys('FID-000001', 'Enter');
    await keys('3760000000765', 'Enter');
    const sale = await waitForScreen((s) => s.includes('Bordeaux rouge') && s.includes('Lambert Sophie'));
    fitsPane(sale, 60);
    expect(sale.split('\n')[0]).toContain('Camille · base OK');
    expect(sale).toContain('F11 Gestion');

    await keys('F1');
    const help = await waitForScreen((s) => s.includes('Aide : touches'));
    fitsPane(help, 60);
    expect(help.split('\n')[0]).toContain('Camille · base OK');
    expect(help).toMatch(/F5\s+Prix/);
    expect(help).toMatch(/F4, Suppr\s+Annuler ligne/);
    await keys('Escape');
    // F12 only once the help is gone: an Esc and an F12 arriving together read as Alt+F12.
    await waitForScreen((s) => s.includes('TOTAL') && !s.includes('Aide : touches'));

    await keys('F12');
    const pay = await waitForScreen((s) => s.includes('Reste à payer'));
    fitsPane(pay, 60);
    expect(pay.split('\n')[0]).toContain('Camille · base OK');
    expect(pay).toMatch(/Reste à payer\s+8,99 €/);
    expect(pay).toContain('F6 Compte client');
    await keys('Escape');
    await waitForScreen((s) => s.includes('TOTAL') && !s.includes('Reste à payer'));

    // Narrower than the till supports: one line asks for a larger window.
    await tmux('resize-window', '-t', session, '-x', '50', '-y', '20');
    await waitForScreen((s) => s.split('\n')[0]!.startsWith('Agrandissez la fenêtre à 60×20 (ici 50×20)'));
    await tmux('resize-window', '-t', session, '-x', '60', '-y', '20');
    await waitForScreen((s) => s.includes('Bordeaux rouge') && s.split('\n')[0]!.includes('base OK'));
    await keys('F8');
    await keys('Enter');
    await waitForScreen((s) => s.includes('Ticket annulé') || !s.includes('Bordeaux rouge'));
    await keys('C-q');
    await waitForScreen((s) => !s.includes('Encaisser'));
  });
});
