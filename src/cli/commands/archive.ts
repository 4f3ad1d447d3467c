import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { journalEvent } from '../../app/fiscal/journal';
import { makeArchive } from '../../app/fiscal/archive/make';
import { nowOf } from '../../domain/clock';
import { t } from '../../i18n/messages';
import type { Runner } from '../context';
import { withTill } from '../connection';
import { emit } from '../output';

// `pos archive --period 2026-11`: the month's sealed chains and closings of this till's store in
// one signed file (see src/app/fiscal/archive), journalled in the till's JET. `pos verify
// --archive FILE` checks it without the database.

export function registerArchive(program: Command, run: Runner): void {
  program
    .command('archive')
    .description('write a month’s sealed tickets, journal, notes and closings of this store, with their seals, signed by the store’s key, into one file')
    .requiredOption('--period <month>', 'the month, AAAA-MM')
    .option('--out <file>', 'the file to write (default: archives/archive-<store>-<month>.json in the data folder)')
    .action((opts: { period: string; out?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { lang } = ctx.config;
        const r = await withTill(ctx.config, async (till) => {
          const made = await makeArchive(till.db, { storeId: till.terminal.storeId, period: opts.period, timeZone: ctx.config.timeZone, now: nowOf(ctx.config) });
          const file = resolve(opts.out ?? join(ctx.config.dataDir, 'archives', `archive-${till.terminal.storeCode}-${made.body.period}.json`));
          await mkdir(dirname(file), { recursive: true });
          await writeFile(file, made.text);
          const links = made.body.chains.reduce((n, c) => n + c.links.length, 0);
          await journalEvent(till.db, { terminalId: till.terminal.id, kind: 'archive', details: { period: made.body.period, file, sha256: made.sha256, links, closings: made.body.closings.length } });
          return { file, links, closings: made.body.closings.length, sha256: made.sha256, period: made.body.period };
        });
        emit(ctx, { file: r.file, period: r.period, links: r.links, closings: r.closings, sha256: r.sha256 }, () => [t(lang, 'archive.cli.done', r)]);
      }),
    );
}
