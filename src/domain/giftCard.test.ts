import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { basketReducer, basketTotals, openBasket, type Basket, type BasketAction } from './basket';
import { couponRule } from './coupon/rule';
import { customerDiscountRule } from './customer/discount';
import { mayRefundOnto, valueRefusal, type GiftCardSale } from './giftCard';
import { formatGiftCardCode, generateGiftCardCode, GIFT_CARD_CODE_LENGTH, isPreprinted, luhnDigit, parseGiftCardCode } from './giftCardCode';
import { giftCardSlipBlocks } from './giftCardSlip';
import type { CatalogItem } from './item';
import { NO_LIMITS } from './limits';
import { receiptBlocks, renderText } from './receipt';
import type { SaleRecord } from './sale';
import { VOUCHER_ALPHABET } from './voucherCode';
import { applyActions } from '../testing/basket';

const wine: CatalogItem = { id: 2, sku: 'CAVE-001', barcode: '3760000000765', name: 'Bordeaux rouge', priceCents: 899, vatRateBp: 2000 };
const sale: GiftCardSale = { code: '9250000000000016', expiresOn: '2027-12-06', expiresAt: '2027-12-06T23:00:00.000Z' };
const card = (valueCents: number, s: GiftCardSale = sale): CatalogItem => ({ id: 99, sku: 'CADEAU', barcode: null, name: 'Carte cadeau', priceCents: valueCents, vatRateBp: 0, giftCard: s });
const LIMITS = { ...NO_LIMITS, giftCardCents: 1_500_00 };

const apply = applyActions;

function refused(b: Basket, a: BasketAction): string {
  const r = basketReducer(b, a);
  return 'error' in r ? r.error : 'accepted';
}

describe('gift card codes', () => {
  it('are made with 74 random bits in the voucher alphabet, always with a letter, and read back', () => {
    expect((GIFT_CARD_CODE_LENGTH - 1) * Math.log2(VOUCHER_ALPHABET.length)).toBeGreaterThan(70);
    for (let i = 0; i < 50; i++) {
      const code = generateGiftCardCode(randomBytes);
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{16}$/);
      expect(code).toMatch(/\D/);
      expect(parseGiftCardCode(formatGiftCardCode(code).toLowerCase())).toEqual({ code, kind: 'generated' });
    }
    // Digits only would read as a pre-printed number: drawn again.
    let calls = 0;
    const digitsFirst = (n: number) => Uint8Array.from({ length: n }, () => (calls++ < 30 ? 0 : 10));
    expect(generateGiftCardCode(digitsFirst)).toMatch(/[A-Z]/);
  });

  it('catch every single wrong symbol and every swap of a code made by the till', () => {
    const code = generateGiftCardCode(randomBytes);
    for (let i = 0; i < code.length; i++) {
      for (const c of VOUCHER_ALPHABET) {
        if (c === code[i]) continue;
        const typo = code.slice(0, i) + c + code.slice(i + 1);
        if (/^\d+$/.test(typo)) continue;
        expect(parseGiftCardCode(typo)).toEqual({ error: 'giftCard.codeMistyped' });
      }
      for (let j = i + 1; j < code.length; j++) {
        if (code[i] === code[j]) continue;
        const swapped = [...code];
        [swapped[i], swapped[j]] = [swapped[j]!, swapped[i]!];
        expect(parseGiftCardCode(swapped.join(''))).toEqual({ error: 'giftCard.codeMistyped' });
      }
    }
  });

  it('read a pre-printed number by its Luhn digit, and tell the shop’s cards by prefix and length', () => {
    expect(luhnDigit('411111111111111')).toBe('1'); // a well-known test card number
    expect(luhnDigit('7992739871')).toBe('3');
    expect(luhnDigit('925000000000001')).toBe('6');
    expect(parseGiftCardCode('9250 0000 0000 0016')).toEqual({ code: '9250000000000016', kind: 'preprinted' });
    expect(parseGiftCardCode('9250 0000 0000 0017')).toEqual({ error: 'giftCard.codeMistyped' });
    expect(parseGiftCardCode('9250 0000 0000 0061')).toEqual({ error: 'giftCard.codeMistyped' }); // two digits swapped
    expect(parseGiftCardCode('1234567')).toEqual({ error: 'giftCard.codeMalformed' });
    expect(parseGiftCardCode('K7QM-4HXT')).toEqual({ error: 'giftCard.codeMalformed' });
    expect(parseGiftCardCode('CARTE-CADEAU-OK!')).toEqual({ error: 'giftCard.codeMalformed' });
    const shop = { prefix: '9250', length: 16 };
    expect(isPreprinted('9250000000000016', shop)).toBe(true);
    expect(isPreprinted('9251000000000016', shop)).toBe(false);
    expect(isPreprinted('925000000000016', shop)).toBe(false);
    expect(isPreprinted('9250000000000016', { prefix: '', length: 16 })).toBe(false);
    expect(formatGiftCardCode('9250000000000016')).toBe('9250 0000 0000 0016');
  });
});

describe('gift card rules', () => {
  it('sell a card for at least the minimum and at most the ceiling', () => {
    expect(valueRefusal(0, 500, LIMITS)).toEqual({ error: 'giftCard.valueInvalid' });
    expect(valueRefusal(-500, 500, LIMITS)).toEqual({ error: 'giftCard.valueInvalid' });
    expect(valueRefusal(499, 500, LIMITS)).toEqual({ error: 'giftCard.belowMin', money: { min: 500 } });
    expect(valueRefusal(500, 500, LIMITS)).toBeNull();
    expect(valueRefusal(1_500_00, 500, LIMITS)).toBeNull();
    expect(valueRefusal(1_500_01, 500, LIMITS)).toEqual({ error: 'limit.giftCard', money: { max: 1_500_00 } });
  });

  it('never refund onto a gift card what a gift card or a gift certificate paid', () => {
    expect(mayRefundOnto([{ kind: 'cash' }, { kind: 'card' }])).toBe(true);
    expect(mayRefundOnto([])).toBe(true);
    expect(mayRefundOnto([{ kind: 'cash' }, { kind: 'gift_card' }])).toBe(false);
    expect(mayRefundOnto([{ kind: 'giftcert' }])).toBe(false);
  });
});

describe('a gift card on the basket', () => {
  it('is outside VAT: in the total, not in the VAT breakdown', () => {
    const b = apply(openBasket('k', LIMITS), { type: 'add', item: wine, qty: 1 }, { type: 'add', item: card(5000), qty: 1 });
    const totals = basketTotals(b);
    expect(totals.totalCents).toBe(5899);
    expect(totals.outsideVatCents).toBe(5000);
    expect(totals.vat).toEqual([{ rateBp: 2000, grossCents: 899, vatCents: 150, netCents: 749 }]);
  });

  it('takes no discount of any kind, no price change, one card per line, never twice', () => {
    const b = apply(openBasket('k', LIMITS), { type: 'add', item: card(5000), qty: 1 });
    expect(refused(b, { type: 'discount', lineId: 1, discount: { kind: 'percent', bp: 1000 }, by: 2 })).toBe('discount.fixedItem');
    expect(refused(b, { type: 'overridePrice', lineId: 1, unitPriceCents: 4000, by: 2 })).toBe('price.fixedItem');
    expect(refused(b, { type: 'setQty', lineId: 1, qty: 2 })).toBe('giftCard.qtyOne');
    expect(refused(b, { type: 'add', item: card(2000), qty: 1 })).toBe('giftCard.twice');
    expect(refused(openBasket('k'), { type: 'add', item: card(5000), qty: -1 })).toBe('giftCard.qtyOne');
    expect(refused(openBasket('k'), { type: 'add', item: card(5000), qty: 2 })).toBe('giftCard.qtyOne');
    // Two cards of the same value are two lines, never merged.
    const other = { ...sale, code: '9250000000000024' };
    expect(apply(b, { type: 'add', item: card(5000, other), qty: 1 }).lines.map((l) => l.item.giftCard?.code)).toEqual([sale.code, other.code]);
    // Past the shop's ceiling on a basket, like any amount.
    expect(refused(openBasket('k', { ...LIMITS, unitPriceCents: 100_00 }), { type: 'add', item: card(15_000), qty: 1 })).toBe('limit.unitPrice');
  });

  it('counts for no coupon threshold: 3 € off from 15 € is not reached by a card', () => {
    const rule = couponRule('BONJOUR', {
      codeId: 1, definitionId: 1, name: 'Bonjour', customerRule: 'optional', holder: { customerId: null, groupCode: null }, exclusive: false,
      discount: { type: 'ticket', value: { kind: 'amount', cents: 300 }, target: { itemIds: [], groupCodes: [] }, threshold: { minQty: null, minCents: 15_00 }, bundle: [], maxBundles: null },
    });
    const b = apply(openBasket('k', LIMITS), { type: 'add', item: wine, qty: 1 }, { type: 'add', item: card(50_00), qty: 1 }, { type: 'addRule', rule });
    expect(b.adjustments).toEqual([]);
    expect(basketTotals(b).totalCents).toBe(899 + 50_00);
    // With goods enough, it goes on the goods alone.
    const more = apply(b, { type: 'add', item: wine, qty: 1 });
    expect(basketTotals(more).ticketShares.get(2) ?? 0).toBe(0);
    expect(basketTotals(more).totalCents).toBe(2 * 899 + 50_00 - 300);
  });

  it('is left out of ticket discounts: a customer discount goes on the goods alone', () => {
    const rule = customerDiscountRule({ id: 1, code: 'C-1' }, 1000, 'Remise client 10 %');
    const b = apply(openBasket('k', LIMITS), { type: 'customer', customer: { id: 1, code: 'C-1', name: 'Martin' } }, { type: 'addRule', rule }, { type: 'add', item: wine, qty: 1 }, { type: 'add', item: card(10_000), qty: 1 });
    const totals = basketTotals(b);
    expect(totals.ticketShares.get(2) ?? 0).toBe(0);
    expect(totals.discountCents).toBe(90);
    expect(totals.totalCents).toBe(899 - 90 + 10_000);
    expect(totals.vat).toEqual([{ rateBp: 2000, grossCents: 809, vatCents: 135, netCents: 674 }]);
  });
});

describe('the receipt and the slip of a gift card', () => {
  const record: SaleRecord = {
    id: 1, key: 'k', ticketNo: 7, terminalCode: 'T01', storeCode: 'M01', storeName: 'Épicerie du Centre', storeAddress: [],
    operatorCode: '1', operatorName: 'Camille', createdAt: new Date('2026-12-06T10:00:00Z'), totalCents: 5899, changeCents: 0, customerId: null, adjustments: [],
    lines: [
      { lineNo: 1, itemId: 2, sku: 'CAVE-001', barcode: null, name: 'Bordeaux rouge', qty: 1, listPriceCents: 899, unitPriceCents: 899, discountCents: 0, ticketDiscountCents: 0, totalCents: 899, vatRateBp: 2000, giftCardCode: null },
      { lineNo: 2, itemId: 99, sku: 'CADEAU', barcode: null, name: 'Carte cadeau 9250 0000 0000 0016', qty: 1, listPriceCents: 5000, unitPriceCents: 5000, discountCents: 0, ticketDiscountCents: 0, totalCents: 5000, vatRateBp: 0, giftCardCode: '9250000000000016' },
    ],
    tenders: [{ kind: 'card', amountCents: 5899 }],
    vat: [{ rateBp: 2000, grossCents: 899, vatCents: 150, netCents: 749 }],
  };

  it('shows the card apart from the VAT breakdown, as outside the scope of VAT', () => {
    const text = renderText(receiptBlocks(record, { lang: 'fr', timeZone: 'Europe/Paris' }), 42);
    const vatPart = text.slice(text.indexOf('Taux'));
    expect(vatPart).toMatch(/20 %\s+7,49 €\s+1,50 €\s+8,99 €/);
    expect(vatPart).not.toMatch(/^0 %/m);
    expect(vatPart).toMatch(/Hors champ TVA \(cartes cadeaux\)\s+50,00 €/);
    expect(text).toMatch(/Carte cadeau 9250 0000 0000 0016\s+50,00 €/);
    for (const row of text.split('\n')) expect(row.length).toBeLessThanOrEqual(42);
    expect(renderText(receiptBlocks(record, { lang: 'en', timeZone: 'Europe/Paris' }), 48)).toMatch(/Outside the scope of VAT \(gift cards\)\s+\S*50\.00/);
  });

  it('prints the value, the code as text, CODE128 and QR, and the last day, within 32 columns', () => {
    const blocks = giftCardSlipBlocks({ code: 'K7QM4HXT9CWRPN2A', initialCents: 5000, balanceCents: 5000, expiresOn: '2027-12-06', createdAt: new Date('2026-12-06T10:00:00Z') }, { lang: 'fr', timeZone: 'Europe/Paris' });
    expect(blocks).toContainEqual({ t: 'barcode', value: 'K7QM4HXT9CWRPN2A' });
    expect(blocks).toContainEqual({ t: 'qr', value: 'K7QM4HXT9CWRPN2A' });
    const text = renderText(blocks, 32);
    expect(text).toContain('CARTE CADEAU');
    expect(text).toMatch(/Valeur\s+50,00 €/);
    expect(text).toContain('K7QM-4HXT-9CWR-PN2A');
    expect(text).toMatch(/Valable jusqu’au\s+06\/12\/2027/);
    for (const row of text.split('\n')) expect(row.length).toBeLessThanOrEqual(32);
  });
});
