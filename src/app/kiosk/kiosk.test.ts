// `pos kiosk install`: the till on tty1 at boot, started again whenever it ends, no login prompt
// on any console; the units pass `systemd-analyze verify` with nothing to say.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/testCli';
import { needs } from '../../testing/tools';
import { tillUnit } from './units';

const run = promisify(execFile);
const SLOW = 60_000;
// No database is needed: the command writes files only.
const NO_DB = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };

async function verify(files: string[]): Promise<{ code: number; said: string }> {
  try {
    const { stdout, stderr } = await run('systemd-analyze', ['verify', '--man=no', ...files]);
    return { code: 0, said: stdout + stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, said: x.stdout + x.stderr };
  }
}

describe('pos kiosk install', () => {
  it('stages the till’s unit, the console settings and the daily backup timer', async () => {
    const home = await mkdtemp(join(tmpdir(), 'pos-kiosk-'));
    const stage = join(home, 'stage');
    const r = await runCli(home, { ...NO_DB, POS_BACKUP_DAILY: 'true', POS_TERMINAL: 'T02' }, ['--json', 'kiosk', 'install', '--root', stage]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const units = join(stage, 'etc', 'systemd', 'system');
    expect(JSON.parse(r.stdout)).toEqual({
      files: [join(units, 'pos-till.service'), join(stage, 'etc', 'systemd', 'logind.conf.d', 'pos-kiosk.conf'), join(units, 'pos-backup.service'), join(units, 'pos-backup.timer')],
      enabled: false,
    });
    const till = await readFile(join(units, 'pos-till.service'), 'utf8');
    for (const line of ['Description=Caisse pos T02 (tty1)', 'Conflicts=getty@tty1.service', 'User=pos', `Environment=POS_HOME=${home}`, 'StandardInput=tty-force', 'TTYPath=/dev/tty1', 'Restart=always', 'StartLimitIntervalSec=0', 'WantedBy=multi-user.target']) {
      expect(till).toContain(`${line}\n`);
    }
    expect(till).toMatch(/^ExecStart=\S+node \S+\/bin\/pos\n/m);
    expect(await readFile(join(stage, 'etc', 'systemd', 'logind.conf.d', 'pos-kiosk.conf'), 'utf8')).toContain('NAutoVTs=0\n');
    expect(await readFile(join(units, 'pos-backup.service'), 'utf8')).toMatch(/^ExecStart=\S+ \S+\/bin\/pos backup --daily$/m);

    expect(await runCli(home, NO_DB, ['kiosk', 'install', '--root', stage, '--user', 'root'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/^La caisse ne tourne pas en root/) });
  }, SLOW);

  it.skipIf(!needs('systemd-analyze', 'the kiosk units verified'))('writes units systemd-analyze verify finds nothing to say about', async () => {
    const home = await mkdtemp(join(tmpdir(), 'pos-kiosk-'));
    const stage = join(home, 'stage');
    expect(await runCli(home, { ...NO_DB, POS_BACKUP_DAILY: 'true' }, ['kiosk', 'install', '--root', stage])).toMatchObject({ code: 0 });
    const units = join(stage, 'etc', 'systemd', 'system');
    expect(await verify(['pos-till.service', 'pos-backup.service', 'pos-backup.timer'].map((n) => join(units, n)))).toEqual({ code: 0, said: '' });

    // The check is real: a unit whose program is missing is refused.
    const broken = join(home, 'broken.service');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(broken, tillUnit({ terminal: 'T01', node: '/nonexistent/node', pos: '/nonexistent/pos', home, user: 'pos', tty: 1, dailyBackup: false }));
    expect((await verify([broken])).code).not.toBe(0);
  }, SLOW);
});
