import type { Command } from 'commander';
import { refuse } from '../../app/errors';
import { applyPages } from '../../app/itemKeys/edit';
import { scopeKeyPages, tillKeyPages, type KeyScope } from '../../app/itemKeys/pages';
import type { Till } from '../../app/till';
import { findTerminal, listTerminalCodes } from '../../data/places';
import { formatEuros } from '../../domain/money';
import { t } from '../../i18n/messages';
import type { Runner } from '../context';
import { withTill } from '../connection';
import { emit } from '../output';
import { cliChange, OPERATOR_HELP } from '../change';

/** The store's pages, or with --till those of one till of it. */
async function scopeOf(till: Till, code: string | undefined): Promise<KeyScope> {
  if (code === undefined) return { storeId: till.terminal.storeId, terminalId: null };
  const terminal = await findTerminal(till.db, code.trim().toUpperCase());
  if (!terminal) refuse('terminal.unknown', { code: code.trim(), known: (await listTerminalCodes(till.db)).join(', ') });
  return { storeId: terminal.storeId, terminalId: terminal.id };
}

export function registerKeys(program: Command, run: Runner): void {
  const keys = program.command('keys').description('item keys of the sale screen (pages of quick keys for items sold without a barcode)');

  keys
    .command('apply')
    .description('makes the pages of the configuration file (itemKeys.pages) those of the store, or of one till; one unknown item refuses them all')
    .option('--till <code>', "that till's own pages (they replace the store's on it)")
    .option('--operator <code>', OPERATOR_HELP.manager)
    .action((opts: { till?: string; operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const done = await withTill(ctx.config, async (till) => {
          const scope = await scopeOf(till, opts.till);
          return cliChange(ctx, till, { operator: opts.operator, command: 'keys.apply', action: 'item_keys_apply', needs: 'manager' }, (db) => applyPages(db, scope, ctx.config.itemKeys.pages),
            (d) => ({ store_id: scope.storeId, till_id: scope.terminalId, pages: d.pages, keys: d.keys }));
        });
        emit(ctx, done, () => [t(ctx.config.lang, 'keys.cli.applied', done)]);
      }),
    );

  keys
    .command('show')
    .description('the pages a till shows (its own, or its store\'s), or with --till those of one till')
    .option('--till <code>', 'the pages of that till (its own, or its store\'s)')
    .action((opts: { till?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { lang } = ctx.config;
        const pages = await withTill(ctx.config, async (till) => {
          const scope = await scopeOf(till, opts.till);
          return scope.terminalId === null ? tillKeyPages(till.db, { storeId: till.terminal.storeId, terminalId: till.terminal.id }) : scopeKeyPages(till.db, scope).then(async (own) => (own.length > 0 ? own : scopeKeyPages(till.db, { ...scope, terminalId: null })));
        });
        emit(ctx, { pages: pages.map((p) => ({ position: p.position, name: p.name, till: p.terminalId !== null, keys: p.keys.map((k) => ({ key: k.label, sku: k.sku, name: k.name, caption: k.caption, price_cents: k.priceCents })) })) }, () =>
          pages.length === 0 ? [t(lang, 'keys.cli.none')] : pages.flatMap((p) => [`${p.position}. ${p.name}`, ...p.keys.map((k) => `  ${k.label}  ${k.sku.padEnd(10)} ${(k.caption ?? k.name).padEnd(28)} ${formatEuros(k.priceCents, lang).padStart(10)}`)]));
      }),
    );
}
