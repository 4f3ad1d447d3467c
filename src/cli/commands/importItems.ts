import type { Command } from 'commander';
import { importItems, parseItemsCsv, readCatalogFile } from '../../app/importItems';
import { t } from '../../i18n/messages';
import type { Runner } from '../context';
import { EXIT } from '../io';
import { emit } from '../output';
import { withProgress } from '../progress';
import { cliChange, OPERATOR_HELP, withGate } from '../change';
import { basename } from 'node:path';

export function registerImport(program: Command, run: Runner): void {
  program
    .command('import')
    .description('import data from a file')
    .command('items')
    .description('insert or update items from a CSV file (sku,barcode,name,price,vat,group[,price_rule]; separator , or ;)')
    .argument('<file>', 'CSV file')
    .option('--operator <code>', OPERATOR_HELP.manager)
    .action((file: string, opts: { operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { lang } = ctx.config;
        // Read and parsed first: a wrong file or header costs no database start.
        const parsed = parseItemsCsv(await readCatalogFile(file), { limits: ctx.config.limits, lang });
        // Prices and VAT are rules of the till: a manager's. The rows imported are audited with
        // the count of those refused; a file of which none is imported is a refusal and writes nothing.
        const report = await withProgress(ctx, 'progress.items', (onProgress) => withGate(ctx, (gate) =>
          cliChange(ctx, gate, { operator: opts.operator, command: 'import.items', action: 'items_import', needs: 'manager' }, (db) => importItems(db, parsed, lang, onProgress),
            (r) => (r.imported === 0 ? null : { file: basename(file), imported: r.imported, rejected: r.rejected.length }))));
        const rejected = report.rejected.map((r) => ({ line: r.line, sku: r.sku, reason: t(lang, r.reason, r.params), code: r.reason }));
        const reasons = rejected.map((r) => '  ' + t(lang, 'cli.rejectedLine', { line: r.line, sku: r.sku || '—', reason: r.reason }));
        // Nothing imported from a file of data rows: a refusal, each row's reason on stderr.
        if (report.imported === 0 && rejected.length > 0) {
          if (ctx.json) emit(ctx, { imported: 0, rejected }, () => []);
          else ctx.io.stderr.write([t(lang, 'import.noneImported', { rejected: rejected.length }), ...reasons].map((l) => l + '\n').join(''));
          return EXIT.refused;
        }
        emit(ctx, { imported: report.imported, rejected }, () => [t(lang, 'cli.imported', { imported: report.imported, rejected: rejected.length }), ...reasons]);
      }),
    );
}
