// The back office lists more screens than there are digits: the first nine are chosen by 1–9,
// the rest by letters from A, so every screen has one key and no key waits for a second one.

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The key shown before the menu's entry `index` (from 0), or '' past the last letter. */
export function menuKey(index: number): string {
  return index < 9 ? String(index + 1) : (LETTERS[index - 9] ?? '');
}

/** The entry a typed key chooses (from 0), or -1; letters in either case. */
export function menuIndex(text: string): number {
  if (/^[1-9]$/.test(text)) return Number(text) - 1;
  const letter = LETTERS.indexOf(text.toUpperCase());
  return text.length === 1 && letter >= 0 ? 9 + letter : -1;
}
