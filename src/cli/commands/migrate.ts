import type { Command } from 'commander';
import { migrateLatest } from '../../data/migrations';
import { t } from '../../i18n/messages';
import type { Runner } from '../context';
import { withDatabase } from '../connection';
import { emit } from '../output';

export function registerMigrate(program: Command, run: Runner): void {
  program
    .command('migrate')
    .description('apply the pending database migrations')
    .action((_opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        // As the owner (db.ownerUrl, else db.url), without the automatic migration, so the names
        // applied are the ones reported.
        const applied = await withDatabase(ctx.config, migrateLatest, { migrate: false, asOwner: true });
        const { lang } = ctx.config;
        emit(ctx, { applied }, () => [applied.length > 0 ? t(lang, 'cli.migrated', { names: applied.join(', ') }) : t(lang, 'cli.upToDate')]);
      }),
    );
}
