import { describe, expect, it } from 'vitest';
import { openBasket, type Basket } from './basket';
import type { CatalogItem } from './item';
import { offlineBasketRefusal, offlineRefusal } from './offline';

const bread: CatalogItem = { id: 1, sku: 'PAIN', barcode: null, name: 'Pain', priceCents: 130, vatRateBp: 550 };

function basketWith(over: Partial<Basket> = {}, item: CatalogItem = bread): Basket {
  const b = openBasket('k');
  return { ...b, lines: [{ lineId: 1, item, qty: 1, unitPriceCents: item.priceCents, overriddenBy: null, discount: null, discountBy: null }], nextLineId: 2, ...over };
}

describe('what a till sells with the server away', () => {
  it('takes cash and card, and refuses every tender that draws on a balance the server keeps', () => {
    expect(offlineRefusal(basketWith(), [{ kind: 'cash' }, { kind: 'card' }])).toBeNull();
    for (const kind of ['voucher', 'gift_card', 'account', 'giftcert'] as const) expect(offlineRefusal(basketWith(), [{ kind: 'cash' }, { kind }])).toBe('offline.tender');
  });

  it('refuses coupons, loyalty rewards, gift cards sold and returns against a ticket; a customer alone is fine', () => {
    expect(offlineBasketRefusal(basketWith({ rules: [{ kind: 'coupon', ref: 'CAVE10', data: {} }] }))).toBe('offline.coupon');
    expect(offlineBasketRefusal(basketWith({ rules: [{ kind: 'reward', ref: 'FID-1', data: {} }] }))).toBe('offline.reward');
    expect(offlineBasketRefusal(basketWith({}, { ...bread, giftCard: { code: 'ABCDEFGHJKMNPQRS', expiresOn: '2027-12-06' } as never }))).toBe('offline.giftCardSale');
    const returned = basketWith();
    returned.lines[0] = { ...returned.lines[0]!, qty: -1, returnOf: {} as never };
    expect(offlineBasketRefusal(returned)).toBe('offline.return');
    expect(offlineBasketRefusal(basketWith({ rules: [{ kind: 'customer', ref: 'C1', data: {} }] }))).toBeNull();
  });
});
