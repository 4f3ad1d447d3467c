import type { Command } from 'commander';
import { importItems, parseItemsCsv, readCatalogFile } from '../../app/importItems';
import { t } from '../../i18n/messages';
import type { Runner } from '../context';
import { withDatabase } from '../connection';
import { emit } from '../output';

export function registerImport(program: Command, run: Runner): void {
  program
    .command('import')
    .description('import data from a file')
    .command('items')
    .description('insert or update items from a CSV file (sku,barcode,name,price,vat,group; separator , or ;)')
    .argument('<file>', 'CSV file')
    .action((file: string, _opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { lang } = ctx.config;
        // Read and parsed first: a wrong file or header costs no database start.
        const parsed = parseItemsCsv(await readCatalogFile(file));
        const report = await withDatabase(ctx.config, (db) => importItems(db, parsed, lang));
        const rejected = report.rejected.map((r) => ({ line: r.line, sku: r.sku, reason: t(lang, r.reason, r.params), code: r.reason }));
        emit(ctx, { imported: report.imported, rejected }, () => [
          t(lang, 'cli.imported', { imported: report.imported, rejected: rejected.length }),
          ...rejected.map((r) => '  ' + t(lang, 'cli.rejectedLine', { line: r.line, sku: r.sku || '—', reason: r.reason })),
        ]);
      }),
    );
}
