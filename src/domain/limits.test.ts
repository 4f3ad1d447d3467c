import { describe, expect, it } from 'vitest';
import { basketReducer, basketTotals, openBasket } from './basket';
import type { CatalogItem } from './item';
import { aboveLimit, overpayment, type MoneyLimits } from './limits';
import { applyActions } from '../testing/basket';

// The shop's defaults (config/default.json).
const LIMITS: MoneyLimits = { unitPriceCents: 10_000_00, lineTotalCents: 50_000_00, ticketCents: 100_000_00, voucherCents: 5_000_00, giftCardCents: 1_500_00, accountOverpaymentCents: 100_00 };

const wine: CatalogItem = { id: 2, sku: 'CAVE-001', barcode: '3760000000765', name: 'Bordeaux rouge', priceCents: 899, vatRateBp: 2000 };
const champagne: CatalogItem = { id: 3, sku: 'CAVE-006', barcode: null, name: 'Champagne brut', priceCents: 2990, vatRateBp: 2000 };

const apply = applyActions;

describe("the shop's ceilings on a basket", () => {
  const b = apply(openBasket('k', LIMITS), { type: 'add', item: wine, qty: 1 });

  it('refuses a price typed above the unit ceiling (99 999 999 €), saying the ceiling, and changes nothing', () => {
    expect(basketReducer(b, { type: 'overridePrice', lineId: 1, unitPriceCents: 99_999_999_00, by: 2 })).toEqual({ error: 'limit.unitPrice', money: { max: 10_000_00 } });
    expect(basketReducer(b, { type: 'overridePrice', lineId: 1, unitPriceCents: 10_000_01, by: 2 })).toMatchObject({ error: 'limit.unitPrice' });
    expect(basketReducer(b, { type: 'overridePrice', lineId: 1, unitPriceCents: 10_000_00, by: 2 })).toHaveProperty('basket');
    expect(b.lines[0]!.unitPriceCents).toBe(899);
  });

  it('refuses a catalog item priced above the unit ceiling', () => {
    const yacht = { ...wine, id: 9, priceCents: 20_000_00 };
    expect(basketReducer(b, { type: 'add', item: yacht, qty: 1 })).toEqual({ error: 'limit.unitPrice', money: { max: 10_000_00 } });
  });

  it('refuses a line above its ceiling, by quantity or by price, a returned one too', () => {
    const dear = apply(b, { type: 'overridePrice', lineId: 1, unitPriceCents: 9_000_00, by: 2 });
    expect(basketReducer(dear, { type: 'setQty', lineId: 1, qty: 6 })).toEqual({ error: 'limit.lineTotal', money: { max: 50_000_00 } });
    expect(basketReducer(dear, { type: 'setQty', lineId: 1, qty: -6 })).toMatchObject({ error: 'limit.lineTotal' });
    expect(basketReducer(dear, { type: 'setQty', lineId: 1, qty: 5 })).toHaveProperty('basket');
  });

  it('refuses a ticket above its ceiling, returns counted as much as sales', () => {
    const dear = { ...champagne, priceCents: 10_000_00 };
    const t = apply(openBasket('k', LIMITS), { type: 'add', item: dear, qty: 5 }, { type: 'add', item: dear, qty: -5 });
    expect(basketTotals(t).totalCents).toBe(0);
    expect(basketReducer(t, { type: 'add', item: wine, qty: 1 })).toEqual({ error: 'limit.ticket', money: { max: 100_000_00 } });
  });
});

describe('aboveLimit', () => {
  it('reads the size of an amount and never lets a ceiling pass the till’s own bound', () => {
    expect(aboveLimit('voucherCents', 5_000_00, LIMITS)).toBeNull();
    expect(aboveLimit('voucherCents', 5_000_01, LIMITS)).toEqual({ error: 'limit.voucher', money: { max: 5_000_00 } });
    expect(aboveLimit('lineTotalCents', -50_000_01, LIMITS)).toMatchObject({ error: 'limit.lineTotal' });
    expect(aboveLimit('ticketCents', 200_000_000_00, { ...LIMITS, ticketCents: Number.MAX_SAFE_INTEGER })).toEqual({ error: 'limit.ticket', money: { max: 99_999_999_99 } });
  });
});

describe('a payment onto an account far above what is owed', () => {
  it('is one beyond what is owed by more than the margin; paying ahead within it is ordinary', () => {
    expect(overpayment(25_00, -25_00, LIMITS)).toBeNull();
    expect(overpayment(125_00, -25_00, LIMITS)).toBeNull();
    expect(overpayment(125_01, -25_00, LIMITS)).toEqual({ owedCents: 25_00, beyondCents: 100_01 });
    expect(overpayment(2500_00, -25_00, LIMITS)).toEqual({ owedCents: 25_00, beyondCents: 2475_00 });
    // Nothing owed, money already ahead: the margin counts from zero owed.
    expect(overpayment(150_00, 40_00, LIMITS)).toEqual({ owedCents: 0, beyondCents: 150_00 });
    expect(overpayment(1_00, 0, { ...LIMITS, giftCardCents: 150000, accountOverpaymentCents: 0 })).toEqual({ owedCents: 0, beyondCents: 1_00 });
  });
});
