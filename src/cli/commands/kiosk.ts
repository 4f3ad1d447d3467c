import { resolve } from 'node:path';
import type { Command } from 'commander';
import { installKiosk } from '../../app/kiosk/install';
import { parseCountArg } from '../args';
import { t } from '../../i18n/messages';
import type { Runner } from '../context';
import { emit } from '../output';

export function registerKiosk(program: Command, run: Runner): void {
  const kiosk = program.command('kiosk').description('a thin client as a till: started full screen at boot, restarted if it ends, never a shell');
  kiosk
    .command('install')
    .description('write the systemd unit that runs this till on a console in place of its login prompt (and the daily backup timer with backup.daily), then enable it')
    .option('--user <name>', 'the system user the till runs as (not root)', 'pos')
    .option('--tty <n>', 'the console it takes (1–12)', '1')
    .option('--home <dir>', 'the till’s folder, POS_HOME (default: this one)')
    .option('--root <dir>', 'write under this folder instead of the machine’s / (an image being prepared); systemd is then not told', '/')
    .action((o: { user: string; tty: string; home?: string; root: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const pos = resolve(process.argv[1] ?? 'bin/pos');
        const home = resolve(o.home ?? process.env.POS_HOME ?? resolve(pos, '..', '..'));
        const r = await installKiosk(
          { terminal: ctx.config.terminal, node: process.execPath, pos, home, user: o.user, tty: parseCountArg('--tty', o.tty, 1, 12), dailyBackup: ctx.config.backup.daily },
          resolve(o.root),
        );
        const { lang } = ctx.config;
        emit(ctx, r, () => [...r.files.map((f) => t(lang, 'kiosk.written', { file: f })), t(lang, r.enabled ? 'kiosk.enabled' : 'kiosk.staged')]);
      }),
    );
}
