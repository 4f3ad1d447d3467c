import type { ReturnableLine } from '../../app/returns/ticket';
import type { MessageKey } from '../../i18n/messages';

/** How many of each line (by line number) the cashier picked to come back. */
export type Picks = Readonly<Record<number, number>>;

/** The lines picked, in the ticket's order. */
export function picksOf(picks: Picks): [number, number][] {
  return Object.entries(picks)
    .map(([line, qty]) => [Number(line), qty] as [number, number])
    .filter(([, qty]) => qty > 0)
    .sort((a, b) => a[0] - b[0]);
}

export type PickResult = { picks: Picks } | { refused: MessageKey; params: Record<string, string | number> } | null;

/**
 * A key on a line of the ticket: a digit is how many come back, + and − one more or less.
 * More than what is left of the line (sold less already back) is refused, as is a gift card
 * sold; any other key is not the list's (null).
 */
export function nextPick(picks: Picks, line: ReturnableLine, key: string, ticket: string): PickResult {
  const now = picks[line.lineNo] ?? 0;
  const want = /^\d$/.test(key) ? Number(key) : key === '+' ? now + 1 : key === '-' ? now - 1 : null;
  if (want === null) return null;
  if (line.giftCard) return { refused: 'return.giftCardLine', params: { line: line.lineNo } };
  const left = line.soldQty - line.returnedQty;
  if (want > left) return left === 0 ? { refused: 'return.nothingLeft', params: {} } : { refused: 'return.tooManyLeft', params: { ticket, line: line.lineNo, left } };
  return { picks: { ...picks, [line.lineNo]: Math.max(0, want) } };
}
