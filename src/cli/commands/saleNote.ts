import type { Command } from 'commander';
import { createNote } from '../../app/fiscal/note';
import { SOFTWARE } from '../../app/software';
import { noteBlocks, noteLabel } from '../../domain/noteDoc';
import { renderText } from '../../domain/receipt';
import { collect, parseLineArg } from '../args';
import { withTill } from '../connection';
import type { Runner } from '../context';
import { emit } from '../output';
import { orderPin } from '../pins';

/**
 * `pos sale note`: a note (pro forma) of a basket, not paid, recorded and sealed in this till's
 * chain of notes, its text on stdout. Nothing is sold; the sale, when paid, is a ticket of its own.
 */
export function registerSaleNote(sale: Command, run: Runner): void {
  sale
    .command('note')
    .description('record and print a note (pro forma) of a basket, not paid: sealed, never a ticket')
    .requiredOption('--operator <code>', 'operator code (PIN: POS_PIN or typed; none for the configured service operator)')
    .requiredOption('--line <code[:qty]>', 'barcode or SKU and quantity (default 1); repeatable', collect)
    .action((opts: { operator: string; line: string[] }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const lines = opts.line.map(parseLineArg);
        const pin = await orderPin(ctx, opts.operator);
        const note = await withTill(ctx.config, (till) => createNote(till, { operatorCode: opts.operator, operatorPin: pin, lines }));
        const { lang, timeZone, receipt } = ctx.config;
        emit(
          ctx,
          { note: noteLabel(note.terminalCode, note.noteNo), id: note.id, seal: note.seal, total_cents: note.totalCents, created_at: note.createdAt.toISOString() },
          () => renderText(noteBlocks(note, { lang, timeZone, software: SOFTWARE }), receipt.columns).replace(/\n$/, '').split('\n'),
        );
      }),
    );
}
