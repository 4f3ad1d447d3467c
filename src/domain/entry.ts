import { parseQty, type QtyError } from './quantity';

/**
 * What the cashier typed (or a scanner sent) on the sale screen's entry line:
 *   ""             nothing
 *   "3*"           a quantity for the next scan
 *   "3*376…" / "-1*SKU"  a quantity and a code at once
 *   "376…" / "SKU-12" / "baguette"  a code or a name to look up
 */
export type Entry =
  | { kind: 'empty' }
  | { kind: 'qty'; qty: number }
  | { kind: 'lookup'; text: string; qty: number | null }
  | { kind: 'error'; error: QtyError };

export function parseEntry(raw: string): Entry {
  const text = raw.trim();
  if (text === '') return { kind: 'empty' };
  const star = /^([^*]*)\*(.*)$/.exec(text);
  if (!star) return { kind: 'lookup', text, qty: null };
  const parsed = parseQty(star[1]!);
  if ('error' in parsed) return { kind: 'error', error: parsed.error };
  const rest = star[2]!.trim();
  return rest === '' ? { kind: 'qty', qty: parsed.qty } : { kind: 'lookup', text: rest, qty: parsed.qty };
}

/** A code is what a scanner sends or a SKU: no spaces. Anything with a space or only letters is a name. */
export function looksLikeCode(text: string): boolean {
  return /^[0-9A-Za-z][0-9A-Za-z._\-/]*$/.test(text) && /\d/.test(text);
}
