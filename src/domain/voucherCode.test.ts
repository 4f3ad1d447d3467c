import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkSymbol, formatVoucherCode, generateVoucherCode, parseVoucherCode, VOUCHER_ALPHABET, VOUCHER_CODE_LENGTH } from './voucherCode';

/** A byte source that replays the given bytes, for codes known in advance. */
function bytes(...values: number[]) {
  let i = 0;
  return (n: number) => Uint8Array.from({ length: n }, () => values[i++ % values.length]!);
}

describe('voucher codes', () => {
  it('have at least 60 bits of randomness, in an alphabet without look-alikes', () => {
    expect(VOUCHER_ALPHABET).toHaveLength(31);
    expect(VOUCHER_ALPHABET).not.toMatch(/[01IOL]/);
    expect((VOUCHER_CODE_LENGTH - 1) * Math.log2(VOUCHER_ALPHABET.length)).toBeGreaterThanOrEqual(60);
    const code = generateVoucherCode(randomBytes);
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{14}$/);
    expect(parseVoucherCode(code)).toEqual({ code });
  });

  it('take every symbol with the same chance: bytes of 248 and above are dropped', () => {
    // 248..255 would favour the first eight symbols; they are skipped, 0 → "2", 30 → "Z".
    const code = generateVoucherCode(bytes(250, 0, 255, 30));
    expect(code.slice(0, 13)).toBe('2Z2Z2Z2Z2Z2Z2');
    expect(code.slice(0, 13)).not.toContain('9');
  });

  it('refuse every single wrong symbol and every swap of two, before any lookup', () => {
    const code = generateVoucherCode(randomBytes);
    for (let i = 0; i < code.length; i++) {
      for (const c of VOUCHER_ALPHABET) {
        if (c === code[i]) continue;
        expect(parseVoucherCode(code.slice(0, i) + c + code.slice(i + 1))).toEqual({ error: 'voucher.codeMistyped' });
      }
      for (let j = i + 1; j < code.length; j++) {
        if (code[i] === code[j]) continue;
        const swapped = [...code];
        [swapped[i], swapped[j]] = [swapped[j]!, swapped[i]!];
        expect(parseVoucherCode(swapped.join(''))).toEqual({ error: 'voucher.codeMistyped' });
      }
    }
  });

  it('read what is typed: case, spaces and dashes aside; look-alikes and wrong lengths are malformed', () => {
    const body = 'K7QM4HXT9CWRP';
    const code = body + checkSymbol(body);
    expect(formatVoucherCode(code)).toBe(`K7QM-4HXT-9CWR-P${code[13]}`);
    expect(parseVoucherCode(` ${formatVoucherCode(code).toLowerCase()} `)).toEqual({ code });
    expect(parseVoucherCode(code.slice(0, 13))).toEqual({ error: 'voucher.codeMalformed' });
    expect(parseVoucherCode(`${code}2`)).toEqual({ error: 'voucher.codeMalformed' });
    expect(parseVoucherCode(`O${code.slice(1)}`)).toEqual({ error: 'voucher.codeMalformed' });
    expect(parseVoucherCode('3760000000017')).toEqual({ error: 'voucher.codeMalformed' });
  });
});
