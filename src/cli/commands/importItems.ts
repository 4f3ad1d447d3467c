import type { Command } from 'commander';
import { importItems, parseItemsCsv, readCatalogFile } from '../../app/importItems';
import { t } from '../../i18n/messages';
import type { Runner } from '../context';
import { withDatabase } from '../connection';
import { EXIT } from '../io';
import { emit } from '../output';

export function registerImport(program: Command, run: Runner): void {
  program
    .command('import')
    .description('import data from a file')
    .command('items')
    .description('insert or update items from a CSV file (sku,barcode,name,price,vat,group[,price_rule]; separator , or ;)')
    .argument('<file>', 'CSV file')
    .action((file: string, _opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { lang } = ctx.config;
        // Read and parsed first: a wrong file or header costs no database start.
        const parsed = parseItemsCsv(await readCatalogFile(file), { limits: ctx.config.limits, lang });
        const report = await withDatabase(ctx.config, (db) => importItems(db, parsed, lang));
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
