import type { Command } from 'commander';
import { refuse } from '../../app/errors';
import { migrateLatest, minTillVersions } from '../../data/migrations';
import { schemaCompat } from '../../data/schemaVersions';
import { APP_VERSION } from '../../domain/version';
import { whoami } from '../../data/roles';
import { t } from '../../i18n/messages';
import type { Runner } from '../context';
import { withDatabase } from '../connection';
import { emit } from '../output';
import { withProgress } from '../progress';

export function registerMigrate(program: Command, run: Runner): void {
  program
    .command('migrate')
    .description('apply the pending database migrations')
    .action((_opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        // As the owner (db.ownerUrl, else db.url: straight to the primary, not through a pooler in
        // transaction mode, README "A chain of stores"), without the automatic migration, so the names
        // applied are the ones reported.
        const applied = await withDatabase(ctx.config, async (db) => {
          const who = await whoami(db);
          if (who.migrated && !who.owner && !who.superuser) refuse('db.migrateNeedsOwner', { user: who.user });
          // A newer program migrated this database: this one neither knows nor undoes its steps.
          if (who.migrated) {
            const compat = await schemaCompat(db, Object.keys(minTillVersions()));
            if (compat.unknown.length > 0) refuse('db.migrateByOlder', { mine: APP_VERSION, by: compat.migratedBy ?? '?' });
          }
          return withProgress(ctx, 'progress.migrations', (onProgress) => migrateLatest(db, onProgress));
        }, { migrate: false, asOwner: true });
        const { lang } = ctx.config;
        emit(ctx, { applied }, () => [applied.length > 0 ? t(lang, 'cli.migrated', { names: applied.join(', ') }) : t(lang, 'cli.upToDate')]);
      }),
    );
}
