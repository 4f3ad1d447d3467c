// Item keys (pavé de vente), without I/O: the characters printed on keys, a page's layout on a
// screen of a given size, and what a page of the configuration may say.

/** The characters keys are named by, in their order on a page: the digits, then the letters. */
export const KEY_LABELS = '123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const MAX_PAGES = 9;
export const PAGE_NAME_MAX = 30;
export const CAPTION_MAX = 20;

export type KeyPagesError = 'keys.label.bad' | 'keys.page.name' | 'keys.page.tooMany' | 'keys.page.unknown' | 'keys.caption.tooLong';

/** A key's character as typed ("a", " 7 "): the label, or null when no key can bear it. */
export function parseLabel(text: string): string | null {
  const t = text.trim().toUpperCase();
  return t.length === 1 && KEY_LABELS.includes(t) ? t : null;
}

/** A page typed by its number ("2") or its name (any case); its index, or null. */
export function findPage(pages: readonly { name: string }[], text: string): number | null {
  const t = text.trim();
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    return n >= 1 && n <= pages.length ? n - 1 : null;
  }
  const i = pages.findIndex((p) => p.name.toLocaleLowerCase('fr') === t.toLocaleLowerCase('fr'));
  return i >= 0 ? i : null;
}

/** The rows a key takes: its name line, then four for the big figure (or the name and the price). */
export const KEY_ROWS = 5;
const KEY_MIN_WIDTH = 14;
const GAP = 1;

export interface GridLayout {
  columns: number;
  rows: number;
  keyWidth: number;
}

/** How many keys fit, and how wide each, in `width` × `height` (a title row above them). */
export function gridLayout(width: number, height: number): GridLayout {
  const columns = Math.max(1, Math.floor((width + GAP) / (KEY_MIN_WIDTH + GAP)));
  const rows = Math.max(0, Math.floor((height - 1) / KEY_ROWS));
  const keyWidth = Math.floor((width + GAP) / columns) - GAP;
  return { columns, rows, keyWidth };
}

/** A page as the configuration file gives it: its name, and per key character an item's SKU or barcode. */
export interface ConfigPage {
  name: string;
  keys: Record<string, string>;
}

/** Checks the shape of configured pages (the items are checked against the catalogue later); the first fault. */
export function checkPages(pages: readonly ConfigPage[]): { error: KeyPagesError; params: Record<string, string> } | null {
  if (pages.length > MAX_PAGES) return { error: 'keys.page.tooMany', params: { max: String(MAX_PAGES) } };
  for (const p of pages) {
    const name = p.name.trim();
    if (name.length < 1 || name.length > PAGE_NAME_MAX) return { error: 'keys.page.name', params: { name } };
    for (const label of Object.keys(p.keys)) {
      if (parseLabel(label) !== label.toUpperCase() || label.length !== 1) return { error: 'keys.label.bad', params: { label, page: name } };
    }
  }
  return null;
}
