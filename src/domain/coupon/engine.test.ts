import { describe, expect, it } from 'vitest';
import type { PricedLine } from '../pricingRule';
import type { CouponDiscount } from './definition';
import { couponDiscount } from './engine';

const line = (lineId: number, itemId: number, qty: number, unit: number, groupCode: string | null = null, discount = 0): PricedLine => ({
  lineId, itemId, qty, unitPriceCents: unit, totalCents: unit * qty - discount, groupCode,
});

const discount = (d: Partial<CouponDiscount>): CouponDiscount => ({
  type: 'ticket', value: { kind: 'percent', bp: 1000 }, target: { itemIds: [], groupCodes: [] }, threshold: null, bundle: [], maxBundles: null, ...d,
});

const BASKET = [line(1, 10, 3, 130, 'BOUL'), line(2, 11, 1, 899, 'CAVE'), line(3, 12, 2, 120, 'BOUL')];

describe('coupon discount engine', () => {
  it('a ticket percent is taken on the sum of the lines and rounded once, half up', () => {
    // 390 + 899 + 240 = 1529; 10 % = 152.9 → 153 (per line it would be 39 + 89.9 + 24)
    expect(couponDiscount(discount({}), BASKET)).toEqual({ cents: 153, lineIds: null });
    // 12.5 % of 1529 = 191.125 → 191; 15 % of 1530 = 229.5 → 230
    expect(couponDiscount(discount({ value: { kind: 'percent', bp: 1250 } }), BASKET)).toEqual({ cents: 191, lineIds: null });
    expect(couponDiscount(discount({ value: { kind: 'percent', bp: 1500 } }), [line(1, 1, 1, 1530)])).toEqual({ cents: 230, lineIds: null });
  });

  it('a ticket amount, and never more than the ticket', () => {
    expect(couponDiscount(discount({ value: { kind: 'amount', cents: 500 } }), BASKET)).toEqual({ cents: 500, lineIds: null });
    expect(couponDiscount(discount({ value: { kind: 'amount', cents: 5000 } }), BASKET)).toEqual({ cents: 1529, lineIds: null });
  });

  it('works on what lines come to after their own discount, and leaves returned lines out', () => {
    const lines = [line(1, 10, 2, 500, null, 100), line(2, 11, -1, 899)];
    expect(couponDiscount(discount({}), lines)).toEqual({ cents: 90, lineIds: null });
    expect(couponDiscount(discount({}), [line(2, 11, -1, 899)])).toEqual({ refused: 'coupon.noItems' });
    expect(couponDiscount(discount({}), [])).toEqual({ refused: 'coupon.noItems' });
  });

  it('a discount on items or item groups goes on those lines only', () => {
    const onGroup = discount({ type: 'customer', target: { itemIds: [], groupCodes: ['BOUL'] }, value: { kind: 'percent', bp: 2000 } });
    expect(couponDiscount(onGroup, BASKET)).toEqual({ cents: 126, lineIds: [1, 3] });
    const onItem = discount({ type: 'customer_group', target: { itemIds: [11], groupCodes: [] }, value: { kind: 'amount', cents: 200 } });
    expect(couponDiscount(onItem, BASKET)).toEqual({ cents: 200, lineIds: [2] });
    const both = discount({ type: 'customer', target: { itemIds: [11], groupCodes: ['BOUL'] } });
    expect(couponDiscount(both, BASKET)).toEqual({ cents: 153, lineIds: [1, 2, 3] });
    expect(couponDiscount(discount({ type: 'customer', target: { itemIds: [99], groupCodes: ['SOFT'] } }), BASKET)).toEqual({ refused: 'coupon.noItems' });
  });

  it('thresholds: a minimum quantity or amount of the items concerned', () => {
    const byQty = discount({ type: 'threshold', target: { itemIds: [], groupCodes: ['BOUL'] }, threshold: { minQty: 6, minCents: null } });
    expect(couponDiscount(byQty, BASKET)).toEqual({ refused: 'coupon.minQty', params: { min: 6, have: 5 } });
    expect(couponDiscount(byQty, [...BASKET, line(4, 13, 1, 90, 'BOUL')])).toEqual({ cents: 72, lineIds: [1, 3, 4] });
    const byAmount = discount({ type: 'threshold', target: { itemIds: [], groupCodes: ['BOUL'] }, threshold: { minQty: null, minCents: 1000 }, value: { kind: 'amount', cents: 150 } });
    expect(couponDiscount(byAmount, BASKET)).toEqual({ refused: 'coupon.minAmount', params: { minCents: 1000, missingCents: 370 } });
    expect(couponDiscount(byAmount, [line(1, 10, 8, 130, 'BOUL')])).toEqual({ cents: 150, lineIds: [1] });
    // On the whole ticket: "5 € from 15 € of purchases".
    const ticketMin = discount({ value: { kind: 'amount', cents: 500 }, threshold: { minQty: null, minCents: 1500 } });
    expect(couponDiscount(ticketMin, BASKET)).toEqual({ cents: 500, lineIds: null });
    expect(couponDiscount(ticketMin, BASKET.slice(0, 2))).toEqual({ refused: 'coupon.minAmount', params: { minCents: 1500, missingCents: 211 } });
  });

  it('a fixed bundle at a price: as many bundles as the ticket holds', () => {
    // Baguette (130) + croissant (120) for 2,00 €: two bundles from 3 baguettes and 2 croissants.
    const bundle = discount({ type: 'bundle', value: { kind: 'price', cents: 200 }, bundle: [{ itemIds: [10], groupCodes: [], qty: 1 }, { itemIds: [12], groupCodes: [], qty: 1 }] });
    expect(couponDiscount(bundle, BASKET)).toEqual({ cents: 2 * (250 - 200), lineIds: [1, 3] });
    expect(couponDiscount({ ...bundle, maxBundles: 1 }, BASKET)).toEqual({ cents: 50, lineIds: [1, 3] });
    expect(couponDiscount(bundle, BASKET.slice(0, 2))).toEqual({ refused: 'coupon.noBundle' });
    // A bundle price above what the items cost gives nothing.
    expect(couponDiscount({ ...bundle, value: { kind: 'price', cents: 300 } }, BASKET)).toEqual({ refused: 'coupon.noSaving' });
  });

  it('a bundle with a percent or an amount off, and parts needing several units', () => {
    const twoPlusOne = { itemIds: [10], groupCodes: [], qty: 2 };
    const wine = { itemIds: [11], groupCodes: [], qty: 1 };
    const pct = discount({ type: 'bundle', value: { kind: 'percent', bp: 5000 }, bundle: [twoPlusOne, wine] });
    // 2 baguettes + the wine = 260 + 899 = 1159; half = 579.5 → 580
    expect(couponDiscount(pct, BASKET)).toEqual({ cents: 580, lineIds: [1, 2] });
    const amount = discount({ type: 'bundle', value: { kind: 'amount', cents: 100 }, bundle: [{ itemIds: [10], groupCodes: [], qty: 1 }] });
    expect(couponDiscount(amount, BASKET)).toEqual({ cents: 300, lineIds: [1] });
  });

  it('a custom bundle takes the dearest units of its groups, item parts served first', () => {
    const lines = [line(1, 10, 1, 130, 'BOUL'), line(2, 20, 1, 450, 'BOUL'), line(3, 30, 2, 250, 'SOFT'), line(4, 31, 1, 60, 'SOFT')];
    const menu = discount({
      type: 'bundle', value: { kind: 'price', cents: 500 }, maxBundles: 1,
      bundle: [{ itemIds: [], groupCodes: ['BOUL'], qty: 1 }, { itemIds: [], groupCodes: ['SOFT'], qty: 1 }],
    });
    // Brioche 450 + drink 250 = 700 for 500.
    expect(couponDiscount(menu, lines)).toEqual({ cents: 200, lineIds: [2, 3] });
    // An item part must get its baguette even though the group part is listed first.
    const mixed = discount({
      type: 'bundle', value: { kind: 'price', cents: 100 },
      bundle: [{ itemIds: [], groupCodes: ['BOUL'], qty: 1 }, { itemIds: [10], groupCodes: [], qty: 1 }],
    });
    expect(couponDiscount(mixed, lines)).toEqual({ cents: 130 + 450 - 100, lineIds: [1, 2] });
  });

  it('values the units a bundle takes from a discounted line in proportion, rounded once per line', () => {
    // 3 at 1,00 € with 0,01 € off the line: 299 for 3; two units are worth 199.33 → 199.
    const lines = [line(1, 10, 3, 100, null, 1)];
    const b = discount({ type: 'bundle', value: { kind: 'price', cents: 150 }, bundle: [{ itemIds: [10], groupCodes: [], qty: 2 }] });
    expect(couponDiscount(b, lines)).toEqual({ cents: 49, lineIds: [1] });
  });
});

describe('coupon discount engine: edges a shop would see', () => {
  it('never counts a line already given away by its own discount, nor a returned one', () => {
    // Buy 3 baguettes: two paid, the third given at 100 % off its line: only two count.
    const lines = [line(1, 10, 2, 130, 'BOUL'), line(2, 10, 1, 130, 'BOUL', 130), line(3, 10, -1, 130, 'BOUL')];
    const buyThree = discount({ type: 'threshold', target: { itemIds: [10], groupCodes: [] }, threshold: { minQty: 3, minCents: null } });
    expect(couponDiscount(buyThree, lines)).toEqual({ refused: 'coupon.minQty', params: { min: 3, have: 2 } });
    // A coupon on the wine when the only bottle is already free: nothing to take it from.
    const onWine = discount({ type: 'customer', target: { itemIds: [11], groupCodes: [] } });
    expect(couponDiscount(onWine, [line(1, 11, 1, 899, 'CAVE', 899)])).toEqual({ refused: 'coupon.noItems' });
  });

  it('a minimum amount is reached at exactly that amount', () => {
    // "5 € from 15 € of purchases" on a ticket of exactly 15,00 €.
    const ticketMin = discount({ value: { kind: 'amount', cents: 500 }, threshold: { minQty: null, minCents: 1500 } });
    expect(couponDiscount(ticketMin, [line(1, 1, 3, 500)])).toEqual({ cents: 500, lineIds: null });
    expect(couponDiscount(ticketMin, [line(1, 1, 3, 500, null, 1)])).toEqual({ refused: 'coupon.minAmount', params: { minCents: 1500, missingCents: 1 } });
  });

  it('a percentage that rounds to nothing gives nothing, and says so (not "no room" while a line has room)', () => {
    // 1 % of 0,10 € is 0,001 €: nothing.
    const onePercent = discount({ value: { kind: 'percent', bp: 100 } });
    expect(couponDiscount(onePercent, [line(1, 1, 1, 10)])).toEqual({ refused: 'coupon.noSaving' });
    // A newspaper at its fixed price beside a 0,10 € sweet: the sweet has room, 1 % of it is nothing.
    const newspaper = { ...line(1, 2, 1, 500), roomCents: 0 };
    expect(couponDiscount(onePercent, [newspaper, line(2, 1, 1, 10)])).toEqual({ refused: 'coupon.noSaving' });
    // Only the newspaper: there the reason is that no line may take a discount.
    expect(couponDiscount(onePercent, [newspaper])).toEqual({ refused: 'pricing.noRoom' });
  });

  it('a bundle priced at exactly what its items cost gives nothing', () => {
    const bundle = discount({ type: 'bundle', value: { kind: 'price', cents: 250 }, bundle: [{ itemIds: [10], groupCodes: [], qty: 1 }, { itemIds: [12], groupCodes: [], qty: 1 }] });
    expect(couponDiscount(bundle, BASKET)).toEqual({ refused: 'coupon.noSaving' });
  });

  it('one unit never fills two parts of the same bundle', () => {
    // "A baguette and any bread for 2,00 €" with one baguette on the ticket: no bundle.
    const bundle = discount({ type: 'bundle', value: { kind: 'price', cents: 200 }, bundle: [{ itemIds: [10], groupCodes: [], qty: 1 }, { itemIds: [], groupCodes: ['BOUL'], qty: 1 }] });
    expect(couponDiscount(bundle, [line(1, 10, 1, 130, 'BOUL')])).toEqual({ refused: 'coupon.noBundle' });
    expect(couponDiscount(bundle, [line(1, 10, 2, 130, 'BOUL')])).toEqual({ cents: 60, lineIds: [1] });
  });

  it('an item part gets its unit before a group part listed first takes it', () => {
    // Any bread + a baguette for 2,00 €: the baguette (the dearest bread) must go to the item part.
    const bundle = discount({ type: 'bundle', value: { kind: 'price', cents: 200 }, bundle: [{ itemIds: [], groupCodes: ['BOUL'], qty: 1 }, { itemIds: [10], groupCodes: [], qty: 1 }] });
    expect(couponDiscount(bundle, [line(1, 10, 1, 130, 'BOUL'), line(2, 12, 1, 120, 'BOUL')])).toEqual({ cents: 50, lineIds: [1, 2] });
  });

  it('parts of the same kind are served in the order they are listed', () => {
    const lines = [line(1, 10, 1, 130, 'BOUL'), line(2, 12, 1, 150, 'VIEN'), line(3, 30, 1, 120, 'CAFE')];
    // Group parts: a pastry, then a bread or a pastry, then a coffee: 150 + 130 + 120 = 400 for 300.
    const groups = discount({
      type: 'bundle', value: { kind: 'price', cents: 300 },
      bundle: [{ itemIds: [], groupCodes: ['VIEN'], qty: 1 }, { itemIds: [], groupCodes: ['VIEN', 'BOUL'], qty: 1 }, { itemIds: [30], groupCodes: [], qty: 1 }],
    });
    expect(couponDiscount(groups, lines)).toEqual({ cents: 100, lineIds: [1, 2, 3] });
    // Item parts: the baguette, then the baguette or the croissant (cheaper), then any coffee.
    const items = discount({
      type: 'bundle', value: { kind: 'price', cents: 300 },
      bundle: [{ itemIds: [], groupCodes: ['CAFE'], qty: 1 }, { itemIds: [10], groupCodes: [], qty: 1 }, { itemIds: [10, 12], groupCodes: [], qty: 1 }],
    });
    const croissant = [line(1, 10, 1, 130, 'BOUL'), line(2, 12, 1, 120, 'VIEN'), line(3, 30, 1, 120, 'CAFE')];
    expect(couponDiscount(items, croissant)).toEqual({ cents: 70, lineIds: [1, 2, 3] });
  });

  it('a part takes the dearest unit, not the dearest line', () => {
    // A brioche at 3,00 € and four baguettes at 1,00 € (4,00 € the line): any bread for 1,00 € takes the brioche.
    const anyBread = discount({ type: 'bundle', value: { kind: 'price', cents: 100 }, maxBundles: 1, bundle: [{ itemIds: [], groupCodes: ['BOUL'], qty: 1 }] });
    expect(couponDiscount(anyBread, [line(1, 20, 1, 300, 'BOUL'), line(2, 10, 4, 100, 'BOUL')])).toEqual({ cents: 200, lineIds: [1] });
  });

  it('between units of the same price, takes the first line whatever order the lines come in', () => {
    const anyBread = discount({ type: 'bundle', value: { kind: 'percent', bp: 5000 }, maxBundles: 1, bundle: [{ itemIds: [], groupCodes: ['BOUL'], qty: 1 }] });
    expect(couponDiscount(anyBread, [line(2, 10, 1, 130, 'BOUL'), line(1, 11, 1, 130, 'BOUL')])).toEqual({ cents: 65, lineIds: [1] });
  });
});
