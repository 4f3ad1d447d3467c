import type { Command } from 'commander';
import { listItems } from '../../data/items';
import { t } from '../../i18n/messages';
import { parseCountArg } from '../args';
import type { Runner } from '../context';
import { withReadDatabase } from '../connection';
import { itemJson } from '../json';
import { emitRead } from '../output';
import { itemsText } from '../text';

interface ListOptions {
  search?: string;
  limit: string;
  offset: string;
}

export function registerItem(program: Command, run: Runner): void {
  program
    .command('item')
    .description('the catalog')
    .command('list')
    .description('list active items by SKU')
    .option('--search <text>', 'only items whose name has every word (case and accents aside)')
    .option('--limit <n>', 'how many (1–1000)', '50')
    .option('--offset <n>', 'how many to skip', '0')
    .action((opts: ListOptions, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { lang } = ctx.config;
        const limit = parseCountArg('--limit', opts.limit, 1, 1000);
        const offset = parseCountArg('--offset', opts.offset, 0, 1_000_000_000);
        const { items, total, source } = await withReadDatabase(ctx.config, async (db, source) => ({ ...(await listItems(db, { limit, offset, search: opts.search })), source }));
        emitRead(ctx, source, { total, offset, limit, items: items.map(itemJson) }, () =>
          items.length === 0
            ? [t(lang, 'cli.noItems')]
            : [...itemsText(items, lang), t(lang, 'cli.itemsRange', { from: offset + 1, to: offset + items.length, total })],
        );
      }),
    );
}
