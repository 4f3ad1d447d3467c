import { readSourceJson, readSourceLine, type ReadSource } from '../app/readDb';
import type { Ctx } from './context';

/** One JSON document with --json, readable lines otherwise (built only when they are shown). */
export function emit(ctx: Ctx, doc: unknown, text: () => string[]): void {
  ctx.io.stdout.write(ctx.json ? JSON.stringify(doc, null, 2) + '\n' : text().map((l) => l + '\n').join(''));
}

/** The same for what was read where withReadDatabase reads: where, and the lag, said first (none without db.readUrls). */
export function emitRead(ctx: Ctx, source: ReadSource | null, doc: object, text: () => string[]): void {
  emit(ctx, { ...doc, ...readSourceJson(source) }, () => [...readSourceLine(source, ctx.config.lang), ...text()]);
}

export type Align = 'left' | 'right';

/** Columns padded to their widest cell; amounts are aligned right. */
export function table(rows: readonly (readonly string[])[], align: readonly Align[]): string[] {
  const widths = align.map((_, c) => Math.max(0, ...rows.map((r) => [...(r[c] ?? '')].length)));
  return rows.map((r) =>
    align
      .map((a, c) => {
        const cell = r[c] ?? '';
        const pad = ' '.repeat(widths[c]! - [...cell].length);
        return a === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd(),
  );
}
