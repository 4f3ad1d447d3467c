import type { Command } from 'commander';
import { saveCatalog } from '../../app/offline/catalog';
import { archivedJournals, offlineFolder, pendingOf, readBlock, readJournal } from '../../app/offline/journal';
import { keptOperators } from '../../app/offline/operators';
import { listRejected } from '../../app/offline/rejected';
import { readAuth } from '../../app/offline/signIn';
import { ensureBlock, replayJournal } from '../../app/offline/replay';
import { formatEuros } from '../../domain/money';
import { formatDateTime } from '../../domain/receipt';
import { spoolFolder } from '../../app/spool';
import { t } from '../../i18n/messages';
import type { Runner } from '../context';
import { withTill } from '../connection';
import { EXIT } from '../io';
import { emit } from '../output';

/** `pos offline`: what this till sold with the server away, and sending it. */
export function registerOffline(program: Command, run: Runner): void {
  const offline = program.command('offline').description("sales made with the server away: this till's journal and its reserved ticket numbers");

  offline
    .command('replay')
    .description('send the journal to the database now, each sale once under its key; then reserve the next block of numbers')
    .action((_opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const dir = offlineFolder(ctx.config.dataDir, ctx.config.terminal);
        const done = await withTill(ctx.config, async (till) => {
          const replay = await replayJournal(till.db, dir, spoolFolder(ctx.config.dataDir, till.terminal.code));
          if (ctx.config.offline.enabled && replay.waiting === 0) {
            await ensureBlock(till.db, dir, till.terminal, ctx.config.offline.blockSize);
            await saveCatalog(till.db, dir);
          }
          return replay;
        });
        const { lang } = ctx.config;
        const rejected = done.rejected.map((r) => ({ key: r.key, error: r.error instanceof Error ? r.error.message : String(r.error) }));
        emit(ctx, { committed: done.committed, waiting: done.waiting, rejected, voided: done.voided, renumbered: done.renumbered, audited: done.audited, ...(done.auditError && { audit_error: done.auditError }) }, () => [
          t(lang, 'offline.cli.replayed', { n: done.committed, waiting: done.waiting, voided: done.voided }),
          ...rejected.map((r) => t(lang, 'offline.cli.rejected', { key: r.key, error: r.error })),
          ...done.renumbered.map((r) => t(lang, 'offline.cli.renumbered', { key: r.key, printed: r.printed, committed: r.committed })),
          ...(done.audited > 0 ? [t(lang, 'offline.cli.audited', { n: done.audited })] : []),
          ...(done.auditError ? [t(lang, 'offline.cli.auditError', { reason: done.auditError })] : []),
        ]);
        return rejected.length > 0 || done.waiting > 0 || done.auditError ? EXIT.refused : EXIT.ok;
      }),
    );

  offline
    .command('rejected')
    .description('the offline sales the database refused at replay, each with its reason (exit 1 while any waits for a manager; no database needed)')
    .action((_opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { lang, timeZone } = ctx.config;
        const rejected = await listRejected(offlineFolder(ctx.config.dataDir, ctx.config.terminal), ctx.config.terminal);
        emit(
          ctx,
          { rejected: rejected.map((r) => ({ key: r.key, ticket: r.ticket, ticket_no: r.ticketNo, sold_at: r.soldAt, total_cents: r.totalCents, reason: r.reason, rejected_at: r.rejectedAt })) },
          () => [
            t(lang, 'offline.cli.rejectedCount', { n: rejected.length }),
            ...rejected.map((r) => t(lang, 'offline.cli.rejectedLine', {
              ticket: r.ticket, at: r.soldAt ? formatDateTime(new Date(r.soldAt), lang, timeZone) : '—', total: formatEuros(r.totalCents, lang), key: r.key, reason: r.reason,
            })),
          ],
        );
        return rejected.length > 0 ? EXIT.refused : EXIT.ok;
      }),
    );

  offline
    .command('status')
    .description('what waits in the journal, the reserved numbers, the journals sent, the operators kept and the offline sign-ins to send (no database needed)')
    .action((_opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const dir = offlineFolder(ctx.config.dataDir, ctx.config.terminal);
        const state = await readJournal(dir);
        const local = await readBlock(dir);
        const archived = await archivedJournals(dir);
        const pending = pendingOf(state).length;
        const operators = (await keptOperators(dir)).length;
        const signIns = (await readAuth(dir)).length;
        const { lang } = ctx.config;
        emit(
          ctx,
          { enabled: ctx.config.offline.enabled, pending, rejected: state.rejected.size, block: local ? { ...local.block, closing: local.closing ?? false } : null, archived: archived.length, operators_kept: operators, sign_ins: signIns },
          () => [
            t(lang, 'offline.cli.status', { pending, rejected: state.rejected.size, archived: archived.length }),
            local ? t(lang, 'offline.cli.block', { first: local.block.firstNo, last: local.block.lastNo }) : t(lang, 'offline.noBlock'),
            t(lang, 'offline.cli.kept', { operators, signIns }),
          ],
        );
      }),
    );
}
