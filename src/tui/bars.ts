// Bars of block characters, for a chart a shopkeeper takes in at a glance: a full block per
// character and the last one cut to the eighth (▏▎▍▌▋▊▉), so two close figures still look apart.

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar for `value` out of `max`, `width` characters at most; nothing for zero or less. */
export function bar(value: number, max: number, width: number): string {
  if (!(value > 0) || !(max > 0) || width <= 0) return '';
  const eighths = Math.round((Math.min(value, max) / max) * width * 8);
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8]!;
}

export interface ChartRow {
  label: string;
  value: number;
  /** What is written after the bar (the amount). */
  text: string;
}

/** One line per row: its label, its bar, its figure at the right edge; `width` columns at most. */
export function barChart(rows: readonly ChartRow[], width: number): string[] {
  const labelWidth = Math.max(0, ...rows.map((r) => [...r.label].length));
  const textWidth = Math.max(0, ...rows.map((r) => [...r.text].length));
  const room = Math.max(1, width - labelWidth - textWidth - 2);
  const max = Math.max(0, ...rows.map((r) => r.value));
  return rows.map((r) => `${r.label.padEnd(labelWidth)} ${bar(r.value, max, room).padEnd(room)} ${r.text.padStart(textWidth)}`);
}
