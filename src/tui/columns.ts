// Text laid out in a terminal's columns: cut at a word with an ellipsis (never inside a number or
// a code, where a cut would show another value), wrapped, or set in a table column that always
// keeps a space before the next one.

/**
 * Where a cut at `at` would fall inside a word, a run of digits or a code ("FID-000…", "12,5…"),
 * or between a number and its unit ("−10" of "−10 %").
 */
function insideToken(text: string, at: number): boolean {
  const before = text[at - 1] ?? '';
  if (/\d/.test(before) && /^\s[%€]/.test(text.slice(at))) return true;
  return /\S/.test(before) && /\S/.test(text[at] ?? '');
}

/** The start of the word (letters, digits, signs: everything up to a space) that holds `at`. */
function wordStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && /\S/.test(text[i - 1]!)) i--;
  return i;
}

/** A cut line ends on a word, not on the space or the separator that followed it. */
const trimTail = (text: string) => text.replace(/[\s·:;,]+$/, '');

/**
 * Text cut to `width` with an ellipsis, so a long name never wraps a screen line. The cut is at
 * a word when the word cut holds a digit (an amount, a code, a quantity: a part of one would
 * be read as another) or when that keeps most of the room; only a text of one word too long
 * for its room is cut inside it.
 */
export function clip(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  if (width === 1) return '…';
  const cut = width - 1;
  if (insideToken(text, cut)) {
    const start = wordStart(text, cut);
    let end = cut;
    while (end < text.length && /\S/.test(text[end]!)) end++;
    const word = text.slice(start, end);
    if (start > 0 && (/\d/.test(word) || start >= cut / 2)) return `${trimTail(text.slice(0, start))}…`;
  }
  return `${trimTail(text.slice(0, cut))}…`;
}

/**
 * One left-aligned column of a table, `width` wide with its gap: the text gets `width - 1` at
 * most, so it never runs into the next column ("Vins −10 %oui").
 */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  return clip(text, width - 1).padEnd(width);
}

/**
 * One right-aligned column (an amount, a count), `width` wide with a space before it at least.
 * An amount is never cut: one wider than its column pushes the rest of the row.
 */
export function right(text: string, width: number): string {
  return text.length < width ? text.padStart(width) : ` ${text}`;
}

/**
 * Text wrapped at spaces onto lines of `width` at most; a word longer than a line is split.
 * Nothing is lost: every character of the text is on one of the lines.
 */
export function wrap(text: string, width: number): string[] {
  if (width <= 0) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    let w = word;
    const sep = line ? ' ' : '';
    if (line.length + sep.length + w.length <= width) {
      line += sep + w;
      continue;
    }
    if (line) lines.push(line);
    while (w.length > width) {
      lines.push(w.slice(0, width));
      w = w.slice(width);
    }
    line = w;
  }
  lines.push(line);
  return lines;
}

/**
 * Parts of a line ("name · points · visits · reward") on as few lines of `width` as they take,
 * `maxLines` at most; a part is never split between two lines. Parts that find no room on the
 * last line are left out for "…".
 */
export function wrapParts(parts: readonly string[], width: number, maxLines: number, sep = ' · '): string[] {
  const lines: string[][] = [[]];
  const length = (line: string[]) => line.join(sep).length;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const line = lines[lines.length - 1]!;
    if (line.length === 0 || length([...line, part]) <= width) {
      line.push(part);
      continue;
    }
    if (lines.length < maxLines) {
      lines.push([part]);
      continue;
    }
    // No line left: what fits stays, with room for the ellipsis.
    while (line.length > 1 && length(line) + 2 > width) line.pop();
    line.push('…');
    break;
  }
  return lines.map((line) => clip(line.join(sep).replace(`${sep}…`, ' …'), width));
}

/** A column of a table: its width with the gap after it, and how it gives way on a narrow screen. */
export interface Column {
  width: number;
  right?: boolean;
  /** Takes what the line has left (its `width` is then its least). */
  flex?: boolean;
  /** Left out when the line is too short, the lowest first; a column without it always stays. */
  drop?: number;
}

/**
 * A table's rows for a line of `width`: columns given up by their `drop` order until the rest
 * fit, the flexible one widened to the line, every cell set in its column with its gap.
 */
export function table(columns: readonly Column[], width: number): (cells: readonly string[]) => string {
  const kept = columns.map(() => true);
  const used = () => columns.reduce((sum, c, i) => sum + (kept[i] ? c.width : 0), 0);
  const droppable = columns.map((c, i) => ({ c, i })).filter(({ c }) => c.drop !== undefined).sort((a, b) => a.c.drop! - b.c.drop!);
  while (used() > width && droppable.length > 0) kept[droppable.shift()!.i] = false;
  const flexAt = columns.findIndex((c, i) => c.flex && kept[i]);
  const widths = columns.map((c, i) => (i === flexAt ? c.width + Math.max(0, width - used()) : c.width));
  // A right-aligned cell has its gap before it; one followed by a left-aligned cell, after it too.
  const next = (i: number) => columns.find((_, j) => j > i && kept[j]);
  const gapAfter = columns.map((c, i) => Boolean(c.right) && next(i) !== undefined && !next(i)!.right);
  return (cells) =>
    columns
      .map((c, i) => {
        if (!kept[i]) return '';
        if (!c.right) return fit(cells[i] ?? '', widths[i]!);
        return gapAfter[i] ? `${right(cells[i] ?? '', widths[i]! - 1)} ` : right(cells[i] ?? '', widths[i]!);
      })
      .join('')
      .trimEnd();
}

/**
 * A line of a list that may not fit: what fits on the first row (cut between two columns, or
 * at a space: an amount or a reference is never split), the rest wrapped under it after
 * `indent` spaces.
 */
export function hang(text: string, width: number, indent = 4): string[] {
  if (text.length <= width) return [text];
  // Between two columns (two spaces or more) rather than inside one, where it can.
  const gaps = [...text.slice(0, width + 1).matchAll(/\S( {2,})/g)].map((m) => m.index + 1);
  let cut = gaps.at(-1) ?? text.lastIndexOf(' ', width);
  if (cut <= indent) cut = width;
  const rest = text.slice(cut).trim();
  return [text.slice(0, cut).trimEnd(), ...wrap(rest, width - indent).map((l) => `${' '.repeat(indent)}${l}`)];
}
