// Store-credit voucher codes: printed on a slip, typed back or scanned at a till or on the
// e-shop. They must not be guessable (13 random symbols of 31: 64 bits) nor mistypable: the
// alphabet leaves out the characters read as others (0 O, 1 I L), and a check symbol catches
// every single wrong character and every swap of two, before the database is asked.

/** 31 symbols: a prime count, so the weighted check sum catches swaps as well as substitutions. */
export const VOUCHER_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const BASE = VOUCHER_ALPHABET.length;
const BODY_LENGTH = 13;
export const VOUCHER_CODE_LENGTH = BODY_LENGTH + 1;
/** The inverse of the check symbol's weight (14) modulo 31: 14 × 20 = 280 = 9 × 31 + 1. */
const CHECK_WEIGHT_INVERSE = 20;

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

/** The symbol that makes the weighted sum of the whole code a multiple of 31. */
export function checkSymbol(body: string): string {
  const value = (((BASE - weightedSum(body)) % BASE) * CHECK_WEIGHT_INVERSE) % BASE;
  return VOUCHER_ALPHABET[value]!;
}

/**
 * A new code from a source of random bytes (crypto.randomBytes in use, a fixed one in tests).
 * Bytes of 248 or more are dropped so that each symbol is equally likely (248 = 8 × 31).
 */
export function generateVoucherCode(randomBytes: (n: number) => Uint8Array): string {
  let body = '';
  while (body.length < BODY_LENGTH) {
    for (const b of randomBytes(2 * BODY_LENGTH)) {
      if (b < 248 && body.length < BODY_LENGTH) body += VOUCHER_ALPHABET[b % BASE];
    }
  }
  return body + checkSymbol(body);
}

/**
 * A code as typed or scanned: case, spaces and dashes aside. Wrong length or a character the
 * alphabet does not have: malformed; the right shape with a wrong check symbol: mistyped.
 */
export function parseVoucherCode(text: string): { code: string } | { error: VoucherCodeError } {
  const code = text.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== VOUCHER_CODE_LENGTH || [...code].some((c) => valueOf(c) < 0)) return { error: 'voucher.codeMalformed' };
  if (weightedSum(code) !== 0) return { error: 'voucher.codeMistyped' };
  return { code };
}

/** "K7QM-4HXT-9CWR-PN": groups of four, easier to read out and to type back. */
export function formatVoucherCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}
