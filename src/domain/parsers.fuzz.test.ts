import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeviceUriError, parseDeviceUri } from '../../drivers/uri';
import { Refusal } from '../app/errors';
import { readGiftCardCode } from '../app/giftcards/codes';
import { parseItemsCsv, parsePriceRule, decodeCsv } from '../app/importItems';
import { readVoucherCode } from '../app/vouchers/codes';
import { isMessageKey, t } from '../i18n/messages';
import { parseSchedule } from './coupon/schedule';
import { parseMonth } from './customer/account';
import { readDay } from './day';
import { parseDiscount } from './discountInput';
import { isValidGtin } from './ean';
import { parseEntry } from './entry';
import { parseGiftCardCode } from './giftCardCode';
import { parseCertificateInput } from './giftcert';
import { parseLabel } from './itemKeys';
import { MAX_CENTS, parseEuros } from './money';
import { MAX_QTY, parseQty } from './quantity';
import { readPeriod } from './report/period';
import { parseTicketLabel } from './saleReturn';
import { parseScaleBarcode } from './scaleBarcode';
import { checkScan } from './scan';
import { parseStockQty, parseThreshold } from './stock';
import { parseRate } from './vat';
import { parseVoucherCode } from './voucherCode';

// Whatever is typed or scanned, each parser answers: a value of the right shape, or its refusal
// (null, an error key, a Refusal with a one-line message); never a crash. Inputs: any text
// (controls, NUL, lone surrogates, right-to-left marks), text near the right shape, and bytes.

const SCALE = Number(process.env.FC_SCALE ?? 1);
const RUNS = { numRuns: 250 * SCALE };

/** Strings of every kind, weighted towards what is near a valid input. */
const NEAR = '0123456789,.-+ *%€#/:ABCDEFGHJKMNPQRSTUVWXYZabcz\t\r\n\u00a0\u202f\u0000\u200fé';
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: fc.constantFrom(...NEAR), maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('', ' ', '-0', '+0', '0,001', '1e3', 'NaN', 'Infinity', '9'.repeat(400), '٣', '１２', '12,5.0', '--1', '0x10', '__proto__', 'constructor'),
);

/** A refusal a person reads: a known key, its message on one line, no trace. */
function expectOneLineRefusal(error: unknown) {
  expect(error).toBeInstanceOf(Refusal);
  const r = error as Refusal;
  expect(isMessageKey(r.key)).toBe(true);
  for (const lang of ['fr', 'en'] as const) {
    const message = t(lang, r.key, r.params as never);
    expect(message).not.toMatch(/[\r\n]|\bat .+:\d+:\d+/);
    // Every placeholder filled: judged with the texts a person typed put aside (a column named
    // "{0}" is echoed as typed, and rightly).
    const neutral = Object.fromEntries(Object.entries(r.params ?? {}).map(([k, v]) => [k, typeof v === 'number' ? v : 'x']));
    expect(t(lang, r.key, neutral as never)).not.toMatch(/\{\w+\}/);
  }
}

describe('every parser of typed or scanned input answers, never crashes', () => {
  it('amounts, quantities, rates, discounts: null or an error key, else a value in bounds', () => {
    fc.assert(fc.property(text, (s) => {
      const euros = parseEuros(s);
      if (euros !== null) expect(Number.isSafeInteger(euros) && Math.abs(euros) <= MAX_CENTS).toBe(true);
      const q = parseQty(s);
      if ('qty' in q) expect(Number.isInteger(q.qty) && q.qty !== 0 && Math.abs(q.qty) <= MAX_QTY).toBe(true);
      const rate = parseRate(s);
      if (rate !== null) expect(Number.isInteger(rate) && rate >= 0 && rate < 10_000).toBe(true);
      const d = parseDiscount(s);
      if (d?.kind === 'percent') expect(d.bp > 0 && d.bp <= 10_000).toBe(true);
      if (d?.kind === 'amount') expect(d.cents > 0 && d.cents <= MAX_CENTS).toBe(true);
      for (const use of ['receive', 'count', 'adjust'] as const) {
        const sq = parseStockQty(s, use);
        if ('qty' in sq) expect(Number.isSafeInteger(sq.qty)).toBe(true);
      }
      const th = parseThreshold(s);
      if ('threshold' in th && th.threshold !== null) expect(Number.isSafeInteger(th.threshold) && th.threshold >= 0).toBe(true);
    }), RUNS);
  });

  it('the entry line, barcodes, ticket labels, days and periods', () => {
    fc.assert(fc.property(text, (s) => {
      const e = parseEntry(s);
      expect(['empty', 'qty', 'lookup', 'error']).toContain(e.kind);
      if (e.kind === 'lookup') expect(e.text).toBe(e.text.trim());
      expect(typeof isValidGtin(s)).toBe('boolean');
      const scale = parseScaleBarcode(s);
      if (scale?.kind === 'price') expect(Number.isSafeInteger(scale.cents) && scale.cents >= 0).toBe(true);
      if (scale?.kind === 'weight') expect(Number.isSafeInteger(scale.grams) && scale.grams >= 0).toBe(true);
      expect([null, 'scan.unreadable']).toContain(checkScan(s));
      const label = parseTicketLabel(s);
      if (label) expect(Number.isSafeInteger(label.ticketNo) && label.ticketNo > 0).toBe(true);
      const day = readDay(s);
      if ('day' in day) expect(day.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const period = readPeriod({ from: s, to: null }, '2026-12-07');
      expect('period' in period || isMessageKey(period.error)).toBe(true);
      const month = parseMonth(s);
      if (month) expect(month.month >= 1 && month.month <= 12).toBe(true);
      parseLabel(s);
      parseSchedule(s);
      expect(['code', 'use', 'invalid']).toContain(parseCertificateInput(s).kind);
    }), RUNS);
  });

  it('voucher and gift card codes: the canonical code, or a one-line refusal', () => {
    fc.assert(fc.property(text, (s) => {
      const v = parseVoucherCode(s);
      if ('code' in v) expect(v.code).toMatch(/^[0-9A-Z]{14}$/);
      const g = parseGiftCardCode(s);
      if ('code' in g) expect(g.code).toMatch(/^[0-9A-Z]+$/);
      for (const read of [readVoucherCode, (x: string) => readGiftCardCode(x).code]) {
        try {
          expect(read(s)).toMatch(/^[0-9A-Z]+$/);
        } catch (error) {
          expectOneLineRefusal(error);
        }
      }
    }), RUNS);
  });

  it('device addresses from the config: a device, or a DeviceUriError on one line', () => {
    const uri = fc.oneof(text, fc.constantFrom('tcp://', 'usb:', 'hid:', 'serial:', 'serial:/dev/ttyS0?baud=', '/dev/')).chain((p) => fc.tuple(fc.constant(p), text)).map(([a, b]) => a + b);
    fc.assert(fc.property(uri, (s) => {
      try {
        expect(['tcp', 'usb', 'hid', 'serial', 'path']).toContain(parseDeviceUri(s).kind);
      } catch (error) {
        expect(error).toBeInstanceOf(DeviceUriError);
        expect((error as Error).message).not.toMatch(/\n/);
      }
    }), RUNS);
  });

  it('a catalog file of any bytes: rows and rejections, or the file refused on one line', () => {
    const header = fc.constantFrom('', 'sku;barcode;name;price;vat;group\n', 'sku,barcode,name,price,vat,group,price_rule\n', 'SKU,Name,Price,VAT\r\n', '\ufeffsku;name;price;vat\r\n');
    const cell = fc.oneof(text, fc.constantFrom('"', '""', '"a;b"', '1,50', '20', '5,5', 'capped:5', 'plafonné:101', '3760000000017', '3,76E+12'));
    const row = fc.array(cell, { maxLength: 8 }).chain((cells) => fc.constantFrom(';', ',').map((sep) => cells.join(sep)));
    const file = fc.oneof(
      fc.tuple(header, fc.array(row, { maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r')).map(([h, rows, eol]) => h + rows.join(eol)),
      fc.uint8Array({ maxLength: 300 }).map((b) => decodeCsv(b)),
    );
    fc.assert(fc.property(file, (csv) => {
      try {
        const parsed = parseItemsCsv(csv);
        for (const { item } of parsed.rows) {
          expect(item.sku).toMatch(/^[0-9A-Z][0-9A-Z._\-/]{0,39}$/);
          expect(item.name).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
          expect(Number.isSafeInteger(item.priceCents) && item.priceCents >= 0 && item.priceCents <= MAX_CENTS).toBe(true);
        }
        for (const r of parsed.rejected) expect(isMessageKey(r.reason)).toBe(true);
      } catch (error) {
        expectOneLineRefusal(error);
      }
      const rule = parsePriceRule(csv.slice(0, 20));
      if (rule?.kind === 'capped') expect(rule.maxDiscountBp > 0 && rule.maxDiscountBp < 10_000).toBe(true);
    }), { numRuns: 400 * SCALE });
  });
});
