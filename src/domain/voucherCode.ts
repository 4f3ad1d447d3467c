// Store-credit voucher codes: printed on a slip, typed back or scanned at a till or on the
// e-shop. They must not be guessable (13 random symbols of 31: 64 bits) nor mistypable: the
// alphabet leaves out the characters read as others (0 O, 1 I L), and a check symbol catches
// every single wrong character and every swap of two, before the database is asked.
// Gift cards made by the till use the same alphabet and check with a longer body
// (giftCardCode.ts): `generateCode` and `readCode` take the body's length.

/** 31 symbols: a prime count, so the weighted check sum catches swaps as well as substitutions. */
export const VOUCHER_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const BASE = VOUCHER_ALPHABET.length;
const BODY_LENGTH = 13;
export const VOUCHER_CODE_LENGTH = BODY_LENGTH + 1;

export type VoucherCodeError = 'voucher.codeMalformed' | 'voucher.codeMistyped';

function valueOf(ch: string): number {
  return VOUCHER_ALPHABET.indexOf(ch);
}

/** Σ (position + 1) × value, modulo 31. */
function weightedSum(symbols: string): number {
  let sum = 0;
  for (let i = 0; i < symbols.length; i++) sum = (sum + (i + 1) * valueOf(symbols[i]!)) % BASE;
  return sum;
}

/** The inverse of a weight modulo 31 (every weight up to 30 has one: 31 is prime). */
function inverse(weight: number): number {
  for (let x = 1; x < BASE; x++) if ((weight * x) % BASE === 1) return x;
  throw new Error(`no inverse of ${weight} modulo ${BASE}`);
}

/** The symbol that makes the weighted sum of the whole code (body, then it) a multiple of 31. */
export function checkSymbol(body: string): string {
  const value = (((BASE - weightedSum(body)) % BASE) * inverse(body.length + 1)) % BASE;
  return VOUCHER_ALPHABET[value]!;
}

/**
 * A new code of `bodyLength` random symbols and its check symbol, from a source of random bytes
 * (crypto.randomBytes in use, a fixed one in tests). Bytes of 248 or more are dropped so that
 * each symbol is equally likely (248 = 8 × 31). Past 30 symbols the weights would repeat and a
 * swap could go unseen.
 */
export function generateCode(randomBytes: (n: number) => Uint8Array, bodyLength: number): string {
  if (bodyLength < 1 || bodyLength > BASE - 2) throw new Error(`a code body of ${bodyLength} symbols`);
  let body = '';
  while (body.length < bodyLength) {
    for (const b of randomBytes(2 * bodyLength)) {
      if (b < 248 && body.length < bodyLength) body += VOUCHER_ALPHABET[b % BASE];
    }
  }
  return body + checkSymbol(body);
}

/** Upper case, without the spaces and dashes a code is printed or typed with. */
export function canonicalCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '');
}

/**
 * A code of `length` symbols (check included) as typed or scanned: case, spaces and dashes
 * aside. Wrong length or a character the alphabet does not have: malformed; the right shape
 * with a wrong check symbol: mistyped.
 */
export function readCode(text: string, length: number): { code: string } | { error: 'malformed' | 'mistyped' } {
  const code = canonicalCode(text);
  if (code.length !== length || [...code].some((c) => valueOf(c) < 0)) return { error: 'malformed' };
  if (weightedSum(code) !== 0) return { error: 'mistyped' };
  return { code };
}

/** A new voucher code (13 random symbols and the check). */
export function generateVoucherCode(randomBytes: (n: number) => Uint8Array): string {
  return generateCode(randomBytes, BODY_LENGTH);
}

export function parseVoucherCode(text: string): { code: string } | { error: VoucherCodeError } {
  const r = readCode(text, VOUCHER_CODE_LENGTH);
  if ('code' in r) return r;
  return { error: r.error === 'malformed' ? 'voucher.codeMalformed' : 'voucher.codeMistyped' };
}

/** "K7QM-4HXT-9CWR-PN": groups of four, easier to read out and to type back. */
export function formatVoucherCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}
