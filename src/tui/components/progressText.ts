// The text of a progress line for the back office's long work, the bar drawn by text so it fits
// any width and reads the same in a test: "Making codes: 40,000 / 100,000 (40%) ▕████░░░░░░▏".

/** Whole percent done, never 100 before the end. */
export function percentOf(done: number, total: number): number {
  if (total <= 0) return 0;
  return done >= total ? 100 : Math.floor((done * 100) / total);
}

/** Counts as the shop reads them (1 000 000 in French). */
export function countText(n: number, lang: 'fr' | 'en'): string {
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB').format(n);
}

/** `text`, then a bar of what is done in the room left of `width` (none when too narrow). */
export function progressLine(text: string, done: number, total: number, width: number): string {
  const room = width - [...text].length - 3;
  if (room < 5) return text;
  const size = Math.min(30, room);
  const full = total <= 0 ? 0 : Math.min(size, Math.floor((done * size) / total));
  return `${text} ▕${'█'.repeat(full)}${'░'.repeat(size - full)}▏`;
}
