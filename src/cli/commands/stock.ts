import type { Command } from 'commander';
import { adjustStock } from '../../app/stock/adjust';
import { countStock, receiveStock, type Booked, type StockPlace } from '../../app/stock/book';
import { storeByCode } from '../../app/stock/item';
import { LinesRefused, parseLineArgs, parseLinesCsv, type StockLineInput } from '../../app/stock/lines';
import { allStock, lowStockOf, showStock } from '../../app/stock/show';
import { setStocked, setThreshold } from '../../app/stock/threshold';
import { transferStock } from '../../app/stock/transfer';
import { refuse } from '../../app/errors';
import { readCatalogFile } from '../../app/importItems';
import type { Till } from '../../app/till';
import { t } from '../../i18n/messages';
import { collect } from '../args';
import type { Ctx, Runner } from '../context';
import { withTill, withTillRead } from '../connection';
import { EXIT } from '../io';
import { emit, emitRead } from '../output';
import { signedQty } from '../../domain/stock';
import { bookedJson, bookedText, levelJson, levelsText, levelText, lowCsv, movementJson } from './stockText';
import { cliManager, cliOperator } from '../pins';
import { cliChange, OPERATOR_HELP } from '../change';

interface LinesOptions { line?: string[]; file?: string; operator: string; ref?: string }

/** The lines of a delivery or a count: --line (repeatable) and/or a file; read before any database work. */
async function readLines(opts: LinesOptions): Promise<StockLineInput[]> {
  const typed = parseLineArgs(opts.line ?? []);
  const filed = opts.file === undefined ? [] : parseLinesCsv(await readCatalogFile(opts.file));
  if (typed.length > 0 && filed.length > 0) refuse('stock.lines.both');
  return typed.length > 0 ? typed : filed;
}

/** Lines refused: a line on stderr for each (its line and reason), nothing booked, exit 1. */
function reportRefused(ctx: Ctx, e: LinesRefused): number {
  const { lang } = ctx.config;
  const rows = e.lines.map((l) => ({ line: l.line, code: l.code, reason: t(lang, l.reason, l.params), error: l.reason }));
  if (ctx.json) emit(ctx, { booked: [], refused: rows }, () => []);
  else ctx.io.stderr.write([t(lang, e.key, e.params), ...rows.map((r) => '  ' + t(lang, 'cli.rejectedLine', { line: r.line, sku: r.code, reason: r.reason }))].map((l) => l + '\n').join(''));
  return EXIT.refused;
}

async function place(ctx: Ctx, till: Till, operatorCode: string, action: string): Promise<StockPlace> {
  const operator = await cliOperator(ctx, till, operatorCode, action);
  return { storeId: till.terminal.storeId, terminalId: till.terminal.id, operatorId: operator.id };
}

function bookCommand(stock: Command, run: Runner, name: 'receive' | 'count', description: string, book: typeof receiveStock): void {
  stock
    .command(name)
    .description(description)
    .option('--line <sku:qty>', name === 'receive' ? 'an item (SKU or barcode) and the quantity received; repeatable' : 'an item (SKU or barcode) and the quantity counted; repeatable', collect)
    .option('--file <csv>', 'a CSV file of sku,qty lines (separator , or ;)')
    .requiredOption('--operator <code>', 'operator code')
    .option('--ref <text>', name === 'receive' ? 'the delivery note' : 'the stock-take (a name, a date)')
    .action((opts: LinesOptions, cmd: Command) =>
      run(cmd, async (ctx) => {
        const inputs = await readLines(opts);
        let done: Booked[];
        try {
          done = await withTill(ctx.config, async (till) => book(till.db, await place(ctx, till, opts.operator, `stock.${name}`), inputs, opts.ref));
        } catch (e) {
          if (e instanceof LinesRefused) return reportRefused(ctx, e);
          throw e;
        }
        const { lang } = ctx.config;
        emit(ctx, { booked: done.map(bookedJson), refused: [] }, () => [t(lang, name === 'receive' ? 'stock.cli.received' : 'stock.cli.counted', { n: done.length }), ...bookedText(done, lang)]);
      }),
    );
}

export function registerStock(program: Command, run: Runner): void {
  const stock = program.command('stock').description('stock per store: figures, deliveries, counts, adjustments, thresholds');

  stock
    .command('show')
    .description("an item's figure, thresholds, last sale and latest movements (who, where, when); --all: every stocked item")
    .argument('[item]', 'SKU or barcode')
    .option('--all', 'every stocked item of the store')
    .option('--store <code>', "the store (default: this till's)")
    .action((item: string | undefined, opts: { all?: boolean; store?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { lang, timeZone } = ctx.config;
        if ((item === undefined) === !opts.all) refuse('stock.cli.itemOrAll');
        await withTill(ctx.config, async (till) => {
          const store = await storeByCode(till.db, opts.store, till.terminal.storeId);
          const storeCode = store.code ?? till.terminal.storeCode;
          if (item === undefined) {
            const { rows } = await allStock(till.db, store.id, { limit: 1_000_000, offset: 0 });
            return emit(ctx, { store: storeCode, items: rows.map((r) => levelJson(r, storeCode)) }, () => levelsText(rows, lang, timeZone));
          }
          const { level, movements } = await showStock(till.db, store.id, item);
          emit(ctx, { ...levelJson(level, storeCode), movements: movements.map(movementJson) }, () => levelText(level, movements, storeCode, lang, timeZone));
        });
      }),
    );

  bookCommand(stock, run, 'receive', 'book goods received: each line adds to its figure; one bad line refuses them all, nothing booked', receiveStock);
  bookCommand(stock, run, 'count', 'book a stock-take: each figure becomes what was counted, the difference a movement; one bad line refuses them all', countStock);

  stock
    .command('adjust')
    .description('change a figure by hand (breakage, theft, a mistake), with its reason, approved by a manager')
    .argument('<item>', 'SKU or barcode')
    .argument('<qty>', 'the change: +3, -2')
    .requiredOption('--reason <text>', 'why (200 characters at most)')
    .requiredOption('--manager <code>', 'the manager approving it (PIN: POS_MANAGER_PIN or typed)')
    .action((item: string, qty: string, opts: { reason: string; manager: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const done = await withTill(ctx.config, async (till) => {
          const manager = await cliManager(ctx, till, opts.manager, 'stock.adjust');
          return adjustStock(till.db, { storeId: till.terminal.storeId, terminalId: till.terminal.id }, { code: item, qty, reason: opts.reason, manager });
        });
        emit(ctx, { booked: [bookedJson(done)] }, () => [t(ctx.config.lang, 'stock.cli.adjusted', { sku: done.sku, name: done.name, qty: signedQty(done.qty), after: done.qtyAfter })]);
      }),
    );

  stock
    .command('transfer')
    .description('send goods to another store: out of this one, into that one, together')
    .argument('<item>', 'SKU or barcode')
    .argument('<qty>', 'how many')
    .requiredOption('--to <store>', 'the store receiving them')
    .requiredOption('--operator <code>', 'operator code')
    .option('--ref <text>', 'the transfer note')
    .action((item: string, qty: string, opts: { to: string; operator: string; ref?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const done = await withTill(ctx.config, async (till) => transferStock(till.db, await place(ctx, till, opts.operator, 'stock.transfer'), { code: item, qty, toStore: opts.to, reference: opts.ref }));
        emit(ctx, { sku: done.sku, name: done.name, qty: done.qty, to: done.toStore, qty_after: done.fromAfter, to_qty_after: done.toAfter }, () => [
          t(ctx.config.lang, 'stock.cli.transferred', { sku: done.sku, name: done.name, qty: done.qty, store: done.toStore, after: done.fromAfter, toAfter: done.toAfter }),
        ]);
      }),
    );

  stock
    .command('low')
    .description('items at or under their threshold: quantity, threshold, last sale (to reorder)')
    .option('--csv', 'CSV on stdout (sku,name,qty,threshold,last_sale)')
    .option('--store <code>', "the store (default: this till's)")
    .action((opts: { csv?: boolean; store?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { lang, timeZone } = ctx.config;
        const { rows, store, source } = await withTillRead(ctx.config, async (till, db, source) => {
          const store = await storeByCode(db, opts.store, till.terminal.storeId);
          return { rows: await lowStockOf(db, store.id), store: store.code ?? till.terminal.storeCode, source };
        });
        if (opts.csv && !ctx.json) return void ctx.io.stdout.write(lowCsv(rows, timeZone).map((l) => l + '\r\n').join(''));
        emitRead(ctx, source, { store, items: rows.map((r) => levelJson(r, store)) }, () => (rows.length === 0 ? [t(lang, 'stock.cli.noneLow')] : levelsText(rows, lang, timeZone, true)));
      }),
    );

  stock
    .command('threshold')
    .description("set an item's minimum threshold (every store), or a store's own with --store; - takes it off")
    .argument('<item>', 'SKU or barcode')
    .argument('<n>', 'the threshold: 0 or more, or -')
    .option('--store <code>', "this store's own threshold, over the item's")
    .option('--operator <code>', OPERATOR_HELP.operator)
    .action((item: string, n: string, opts: { store?: string; operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        // A threshold only colours a key and fills the reorder list: any operator may set it.
        const done = await withTill(ctx.config, (till) =>
          cliChange(ctx, till, { operator: opts.operator, command: 'stock.threshold', action: 'stock_threshold', needs: 'operator' },
            (db) => setThreshold(db, { code: item, threshold: n, storeCode: opts.store, tillStoreId: till.terminal.storeId }),
            (d) => ({ sku: d.sku, threshold: d.threshold, store: d.store })));
        const { lang } = ctx.config;
        const value = done.threshold === null ? t(lang, 'stock.cli.noThreshold') : String(done.threshold);
        emit(ctx, { sku: done.sku, name: done.name, threshold: done.threshold, store: done.store, applies: done.applies }, () => [
          t(lang, done.store === null ? 'stock.cli.thresholdSet' : 'stock.cli.thresholdSetStore', { sku: done.sku, name: done.name, threshold: value, store: done.store ?? '' }),
        ]);
      }),
    );

  stock
    .command('stocked')
    .description('whether selling an item moves stock (no: a coffee served, a service, a gift card)')
    .argument('<item>', 'SKU or barcode')
    .argument('<yes|no>', 'yes or no')
    .option('--operator <code>', OPERATOR_HELP.manager)
    .action((item: string, answer: string, opts: { operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const yes = /^(yes|y|oui|o|true|on)$/i.test(answer.trim());
        if (!yes && !/^(no|n|non|false|off)$/i.test(answer.trim())) refuse('stock.cli.yesNo', { text: answer });
        // An item taken out of stock is sold without moving its figure: a manager's rule.
        const done = await withTill(ctx.config, (till) =>
          cliChange(ctx, till, { operator: opts.operator, command: 'stock.stocked', action: 'stock_stocked', needs: 'manager' }, (db) => setStocked(db, item, yes),
            (d) => ({ sku: d.sku, stocked: d.stocked })));
        emit(ctx, done, () => [t(ctx.config.lang, done.stocked ? 'stock.cli.nowStocked' : 'stock.cli.nowNotStocked', { sku: done.sku, name: done.name })]);
      }),
    );
}
