// The first start on a new machine makes the embedded database (initdb, migrations, the demo
// shop): some seconds that say what they are, in the till's first frame and on a command's
// terminal, instead of a blank screen.
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runInTerminal } from '../testing/terminalRun';
import { startTill, type TmuxTill } from '../testing/tmux';
import { needs } from '../testing/tools';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

describe.skipIf(!needs('tmux', 'the first start in a real terminal'))('the first start on a new machine', () => {
  const homes: string[] = [];
  const tills: TmuxTill[] = [];
  const newHome = async () => {
    const home = await mkdtemp(join(tmpdir(), 'pos-first-'));
    await chmod(home, 0o755); // the embedded server runs as the postgres user when tests run as root
    homes.push(home);
    return home;
  };
  afterEach(async () => {
    for (const t of tills.splice(0)) await t.kill();
    for (const home of homes.splice(0)) {
      // Its server stops by itself (no linger): waited for, then the folder goes.
      const pidOf = async () => Number((await readFile(join(home, '.pos', 'db', 'pgdata', 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]);
      for (let pid = await pidOf(); pid > 0 && alive(pid); pid = await pidOf()) await new Promise((r) => setTimeout(r, 50));
      await rm(home, { recursive: true, force: true });
    }
  });
  const embedded = (home: string, port: string) => ({ POS_HOME: home, POS_DB_EMBEDDED_PORT: port, POS_DB_EMBEDDED_LINGER_SECONDS: '0' });

  // Piped, the first command says nothing on stderr: src/cli/embedded.test.ts checks it.
  it('a command says on its terminal, once, that it prepares the demo database', async () => {
    const home = await newHome();
    const first = await runInTerminal(home, embedded(home, '54397'), ['--lang', 'en', 'item', 'list', '--limit', '1'], { timeoutMs: 120_000 });
    expect(first.code).toBe(0);
    expect(first.screen.trim()).toBe('Preparing the demo database…');
    const again = await runInTerminal(home, embedded(home, '54397'), ['--lang', 'en', 'item', 'list', '--limit', '1']);
    expect(again).toMatchObject({ code: 0, stdout: first.stdout });
    expect(again.screen.trim()).toBe('');
  });

  it('the till’s first frame says it prepares the demo database, until the database is there', async () => {
    const home = await newHome();
    const till = await startTill({ DATABASE_URL: '', ...embedded(home, '54398') });
    tills.push(till);
    await till.waitFor((s) => s.includes('Préparation de la base de démonstration…'), 30_000);
    const ready = await till.waitFor((s) => s.includes('base OK'), 120_000);
    expect(ready).not.toContain('Préparation de la base de démonstration…');
  });
});
