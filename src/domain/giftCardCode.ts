import { canonicalCode, generateCode, readCode } from './voucherCode';

// Gift card codes. A card is either made by the till when it is sold (15 random symbols of the
// voucher alphabet and its check symbol: 74 bits, printed on the slip) or pre-printed: a card
// from a card printer, whose number is digits ending with a Luhn check digit, within the
// prefix and length the shop configured (`giftCards.preprinted`). Either way a typo is caught
// by the check before the database is asked.

export const GIFT_CARD_CODE_LENGTH = 16;

/** The shop's pre-printed cards: numbers of `length` digits starting with `prefix` (none when empty). */
export interface PreprintedCards {
  prefix: string;
  length: number;
}

export type GiftCardCodeError = 'giftCard.codeMalformed' | 'giftCard.codeMistyped';
export type GiftCardCodeKind = 'generated' | 'preprinted';

/**
 * A new code from a source of random bytes. One made of digits only (one chance in 10^9) is
 * drawn again: digits are a pre-printed card's number.
 */
export function generateGiftCardCode(randomBytes: (n: number) => Uint8Array): string {
  for (;;) {
    const code = generateCode(randomBytes, GIFT_CARD_CODE_LENGTH - 1);
    if (/\D/.test(code)) return code;
  }
}

/** The Luhn check digit of a number's body (what card printers put last). */
export function luhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/**
 * A card's code as typed or scanned: case, spaces and dashes aside. Digits are a pre-printed
 * card (8 to 19 of them, the last a Luhn check); anything else is a code made by the till.
 */
export function parseGiftCardCode(text: string): { code: string; kind: GiftCardCodeKind } | { error: GiftCardCodeError } {
  const code = canonicalCode(text);
  if (/^\d+$/.test(code)) {
    if (code.length < 8 || code.length > 19) return { error: 'giftCard.codeMalformed' };
    return luhnDigit(code.slice(0, -1)) === code.at(-1) ? { code, kind: 'preprinted' } : { error: 'giftCard.codeMistyped' };
  }
  const r = readCode(code, GIFT_CARD_CODE_LENGTH);
  if ('error' in r) return { error: r.error === 'malformed' ? 'giftCard.codeMalformed' : 'giftCard.codeMistyped' };
  return { code: r.code, kind: 'generated' };
}

/** Whether a number is one of the shop's pre-printed cards (by its prefix and length; the check aside). */
export function isPreprinted(code: string, cards: PreprintedCards): boolean {
  return cards.prefix !== '' && code.length === cards.length && code.startsWith(cards.prefix) && /^\d+$/.test(code);
}

/** "9250 0000 0000 0018" as a card's number is printed; "K7QM-4HXT-9CWR-PN2A" for one made by the till. */
export function formatGiftCardCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, /^\d+$/.test(code) ? '$1 ' : '$1-');
}
