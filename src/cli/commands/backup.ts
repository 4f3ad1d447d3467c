import { resolve } from 'node:path';
import type { Command } from 'commander';
import { backup, dailyBackup, restore, type BackupProgress } from '../../app/backup/backup';
import { refuse } from '../../app/errors';
import { todayIn } from '../../domain/report/period';
import { t } from '../../i18n/messages';
import type { OnProgress } from '../../app/progress';
import type { Runner } from '../context';
import { withProgress } from '../progress';
import { emit } from '../output';

// `pos backup` and `pos restore`, with a bar of the tables dumped or restored (on a terminal).
const bar = (onProgress: OnProgress): BackupProgress => (p) => onProgress(p.done, p.total);

export function registerBackup(program: Command, run: Runner): void {
  program
    .command('backup')
    .description('back up the shop’s database with pg_dump (as its owner: DATABASE_OWNER_URL, or the embedded server); --daily: the day’s one in backup.dir, the oldest beyond backup.keep removed')
    .argument('[file]', 'the backup file to write (custom format of pg_dump)')
    .option('--daily', 'the day’s backup, once a day (for a timer), with the retention of backup.keep')
    .action((file: string | undefined, o: { daily?: boolean }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { lang } = ctx.config;
        if (o.daily) {
          const r = await withProgress(ctx, 'progress.backup', (on) => dailyBackup(ctx.config, todayIn(ctx.config.timeZone), bar(on)));
          emit(ctx, { file: r.made?.file ?? null, bytes: r.made?.bytes ?? null, removed: r.removed }, () => [
            r.made ? t(lang, 'backup.cli.written', { file: r.made.file, size: Math.ceil(r.made.bytes / 1024), tables: r.made.tables, version: r.made.serverVersion }) : t(lang, 'backup.cli.dailyHad', { file: ctx.config.backup.dir }),
            ...(r.removed.length ? [t(lang, 'backup.cli.removed', { files: r.removed.join(', ') })] : []),
          ]);
          return;
        }
        if (!file) refuse('backup.needFile');
        const r = await withProgress(ctx, 'progress.backup', (on) => backup(ctx.config, resolve(file), bar(on)));
        emit(ctx, { file: r.file, bytes: r.bytes, tables: r.tables, server_version: r.serverVersion }, () => [
          t(lang, 'backup.cli.written', { file: r.file, size: Math.ceil(r.bytes / 1024), tables: r.tables, version: r.serverVersion }),
        ]);
      }),
    );

  program
    .command('restore')
    .description('restore a backup of pos backup onto an empty database (as its owner), then check it with pos check')
    .argument('<file>', 'the backup file')
    .action((file: string, _o, cmd: Command) =>
      run(cmd, async (ctx) => {
        const r = await withProgress(ctx, 'progress.restore', (on) => restore(ctx.config, resolve(file), bar(on)));
        emit(ctx, { file: r.file, tables: r.tables, migrations: r.migrations }, () => [t(ctx.config.lang, 'backup.cli.restored', { file: r.file, tables: r.tables, migrations: r.migrations })]);
      }),
    );
}
