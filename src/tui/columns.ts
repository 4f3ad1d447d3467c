/** Text cut to `width` with an ellipsis, so a long name never wraps a screen line. */
export function clip(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

/** Text cut or padded to exactly `width`: one column of a table. */
export function fit(text: string, width: number): string {
  return clip(text, width).padEnd(Math.max(0, width));
}
