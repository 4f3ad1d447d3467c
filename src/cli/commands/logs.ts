import { Option, type Command } from 'commander';
import { formatLogLine, LEVEL_NAMES, recentLogs } from '../../app/logRead';
import { logDir } from '../../app/log';
import { t } from '../../i18n/messages';
import { parseCountArg } from '../args';
import type { Runner } from '../context';
import { emit } from '../output';

export function registerLogs(program: Command, run: Runner): void {
  program
    .command('logs')
    .description('the last lines of this till’s log, readable (time, level, till, operator, sale, message)')
    .option('--lines <n>', 'how many (default 50)')
    .addOption(new Option('--level <level>', 'this level and above').choices(Object.keys(LEVEL_NAMES)))
    .action((o: { lines?: string; level?: keyof typeof LEVEL_NAMES }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const count = o.lines === undefined ? 50 : parseCountArg('--lines', o.lines, 1, 10_000);
        const lines = await recentLogs(ctx.config.dataDir, count, o.level ? LEVEL_NAMES[o.level] : 0);
        emit(ctx, { dir: logDir(ctx.config.dataDir), lines: lines.map((l) => ({ time: new Date(l.time).toISOString(), level: l.level, till: l.till, operator: l.operator, sale: l.sale, msg: l.msg, ...l.extra })) }, () =>
          lines.length === 0 ? [t(ctx.config.lang, 'logs.none', { dir: logDir(ctx.config.dataDir) })] : lines.map((l) => formatLogLine(l, ctx.config.timeZone)),
        );
      }),
    );
}
