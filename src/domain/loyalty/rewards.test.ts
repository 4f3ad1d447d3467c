import { describe, expect, it } from 'vitest';
import { basketTotals, openBasket, type BasketAction } from '../basket';
import { customerDiscountRule } from '../customer/discount';
import type { CatalogItem } from '../item';
import type { PricedLine } from '../pricingRule';
import type { Reward } from './program';
import { isRewardRule, nextReward, rewardEvaluator, rewardRule, rewardsWithinReach } from './rewards';
import { applyActions } from '../../testing/basket';

const coffee: CatalogItem = { id: 3, sku: 'SNAK-001', barcode: '3760000001014', name: 'Café expresso', priceCents: 150, vatRateBp: 1000 };
const wine: CatalogItem = { id: 2, sku: 'CAVE-001', barcode: '3760000000765', name: 'Bordeaux rouge', priceCents: 899, vatRateBp: 2000 };
const bread: CatalogItem = { id: 1, sku: 'BOUL-001', barcode: '3760000000017', name: 'Baguette tradition', priceCents: 130, vatRateBp: 550 };

const fiveEuros: Reward = { id: 1, name: '5 € offerts', unit: 'points', cost: 100, gift: { kind: 'amount', cents: 500 }, automatic: false };
const tenPercent: Reward = { id: 2, name: '10 % fidélité', unit: 'points', cost: 200, gift: { kind: 'percent', bp: 1000 }, automatic: false };
const freeCoffee: Reward = { id: 3, name: 'Café offert', unit: 'visits', cost: 10, gift: { kind: 'item', itemId: coffee.id, itemName: coffee.name }, automatic: true };
const claire = { id: 7, code: 'C0000007', name: 'Martin Claire' };

const apply = applyActions;

const withCustomer = (...actions: BasketAction[]) => apply(openBasket('k'), { type: 'customer', customer: claire }, ...actions);

describe('loyalty thresholds', () => {
  it('offers the rewards whose threshold is reached, the dearest first, and names the nearest one missing', () => {
    const balance = { points: 250, visits: 4 };
    expect(rewardsWithinReach([fiveEuros, tenPercent, freeCoffee], balance).map((r) => r.id)).toEqual([2, 1]);
    expect(nextReward([fiveEuros, tenPercent, freeCoffee], balance)).toEqual({ name: 'Café offert', unit: 'visits', missing: 6 });
    expect(rewardsWithinReach([fiveEuros], { points: 99, visits: 0 })).toEqual([]);
    expect(nextReward([fiveEuros], { points: 100, visits: 0 })).toBeNull();
  });
});

describe('rewards on the ticket (pricing rule)', () => {
  it('takes an amount off, spread over the lines so VAT is on what is paid', () => {
    const b = withCustomer({ type: 'add', item: wine, qty: 1 }, { type: 'add', item: bread, qty: 1 }, { type: 'addRule', rule: rewardRule(fiveEuros, claire.id, { points: 120, visits: 0 }) });
    const totals = basketTotals(b);
    expect(b.adjustments).toEqual([{ kind: 'reward', ref: 'FID-1', label: '5 € offerts', cents: 500, lineIds: null }]);
    expect(totals.totalCents).toBe(899 + 130 - 500);
    expect([...totals.ticketShares.values()].reduce((s, x) => s + x, 0)).toBe(500);
    expect(totals.vat.reduce((s, v) => s + v.grossCents, 0)).toBe(totals.totalCents);
  });

  it('waits on a ticket worth less than the gift, and applies by itself once the ticket reaches it', () => {
    let b = withCustomer({ type: 'add', item: bread, qty: 1 }, { type: 'addRule', rule: rewardRule(fiveEuros, claire.id, { points: 120, visits: 0 }) });
    expect(b.adjustments).toEqual([]);
    expect(b.notes).toEqual([{ ref: 'FID-1', reason: 'loyalty.rewardAboveTicket', params: { gift: 500, total: 130 } }]);
    expect(basketTotals(b).totalCents).toBe(130);
    b = apply(b, { type: 'add', item: wine, qty: 1 });
    expect(b.adjustments.map((a) => a.cents)).toEqual([500]);
    expect(b.notes).toEqual([]);
  });

  it('takes a percentage of what is left after the customer discount', () => {
    const b = withCustomer(
      { type: 'add', item: wine, qty: 2 },
      { type: 'addRule', rule: customerDiscountRule(claire, 500, 'Remise client 5 %') },
      { type: 'addRule', rule: rewardRule(tenPercent, claire.id, { points: 200, visits: 0 }) },
    );
    // 17,98 € − 5 % (0,90 €) = 17,08 €; 10 % of that is 1,71 €.
    expect(b.adjustments.map((a) => a.cents)).toEqual([90, 171]);
    expect(basketTotals(b).totalCents).toBe(1798 - 90 - 171);
  });

  it('makes one unit of the free item free, on its line, and asks for it when it is not on the ticket', () => {
    const rule = rewardRule(freeCoffee, claire.id, { points: 0, visits: 10 });
    const without = withCustomer({ type: 'add', item: bread, qty: 1 }, { type: 'addRule', rule });
    expect(without.adjustments).toEqual([]);
    expect(without.notes).toEqual([{ ref: 'FID-3', reason: 'loyalty.rewardItemMissing', params: { name: 'Café expresso' } }]);
    const withIt = apply(without, { type: 'add', item: coffee, qty: 2 });
    const line = withIt.lines.find((l) => l.item.id === coffee.id)!;
    expect(withIt.adjustments).toEqual([{ kind: 'reward', ref: 'FID-3', label: 'Café offert', cents: 150, lineIds: [line.lineId] }]);
    expect(basketTotals(withIt).totalCents).toBe(130 + 150);
  });

  it('gives nothing, and says why, when the customer cannot afford it', () => {
    const b = withCustomer({ type: 'add', item: wine, qty: 1 }, { type: 'addRule', rule: rewardRule(fiveEuros, claire.id, { points: 40, visits: 0 }) });
    expect(b.adjustments).toEqual([]);
    expect(b.notes).toEqual([{ ref: 'FID-1', reason: 'loyalty.cannotAffordPoints', params: { balance: 40, cost: 100 } }]);
  });

  it('allows one reward per ticket', () => {
    const b = withCustomer(
      { type: 'add', item: wine, qty: 1 },
      { type: 'addRule', rule: rewardRule(fiveEuros, claire.id, { points: 500, visits: 0 }) },
      { type: 'addRule', rule: rewardRule(tenPercent, claire.id, { points: 500, visits: 0 }) },
    );
    expect(b.adjustments.map((a) => a.ref)).toEqual(['FID-1']);
    expect(b.notes.map((n) => n.reason)).toEqual(['loyalty.oneReward']);
  });

  it('leaves the ticket with its customer: another customer attached brings their own rules only', () => {
    const own = { ...claire, rules: [customerDiscountRule(claire, 500, 'Remise client 5 %')] };
    const b = apply(openBasket('k'), { type: 'add', item: wine, qty: 1 }, { type: 'customer', customer: own }, { type: 'addRule', rule: rewardRule(fiveEuros, claire.id, { points: 500, visits: 0 }) });
    expect(b.rules.map((r) => r.ref)).toEqual(['CLIENT-C0000007', 'FID-1']);
    // Scanning the same card again keeps the reward chosen and renews the discount.
    expect(apply(b, { type: 'customer', customer: own }).rules.map((r) => r.ref)).toEqual(['FID-1', 'CLIENT-C0000007']);
    const paul = { id: 8, code: 'C0000008', name: 'Durand Paul' };
    const other = apply(b, { type: 'customer', customer: paul });
    expect(other.rules).toEqual([]);
    expect(other.adjustments).toEqual([]);
    expect(apply(b, { type: 'customer', customer: null }).rules).toEqual([]);
  });
});

describe('loyalty thresholds: edges', () => {
  const bag: Reward = { id: 4, name: 'Sac offert', unit: 'points', cost: 100, gift: { kind: 'amount', cents: 300 }, automatic: false };

  it('offers a reward from exactly its threshold, and lists equal thresholds in the program’s order whatever order they come in', () => {
    expect(rewardsWithinReach([fiveEuros], { points: 100, visits: 0 }).map((r) => r.id)).toEqual([1]);
    expect(rewardsWithinReach([bag, fiveEuros], { points: 100, visits: 0 }).map((r) => r.id)).toEqual([1, 4]);
  });

  it('names the nearest of several thresholds not reached, the first listed when two are as near', () => {
    expect(nextReward([tenPercent, fiveEuros], { points: 50, visits: 0 })).toEqual({ name: '5 € offerts', unit: 'points', missing: 50 });
    expect(nextReward([fiveEuros, tenPercent], { points: 50, visits: 0 })).toEqual({ name: '5 € offerts', unit: 'points', missing: 50 });
    expect(nextReward([fiveEuros, bag], { points: 50, visits: 0 })).toEqual({ name: '5 € offerts', unit: 'points', missing: 50 });
    // A threshold reached is no longer saved towards: the next one is named.
    expect(nextReward([fiveEuros, tenPercent], { points: 150, visits: 0 })).toEqual({ name: '10 % fidélité', unit: 'points', missing: 50 });
  });

  it('tells a reward rule from the other rules of the ticket (only its points are spent)', () => {
    expect(isRewardRule(rewardRule(fiveEuros, claire.id, { points: 120, visits: 0 }))).toBe(true);
    expect(isRewardRule(customerDiscountRule(claire, 500, 'Remise client 5 %'))).toBe(false);
  });
});

describe('rewards on the ticket: edges', () => {
  const cheese: CatalogItem = { id: 4, sku: 'CREM-001', barcode: null, name: 'Comté 250 g', priceCents: 500, vatRateBp: 550 };
  const paper: CatalogItem = { id: 5, sku: 'PRES-001', barcode: null, name: 'Le Quotidien', priceCents: 200, vatRateBp: 210, priceRule: { kind: 'fixed' } };
  const coffeeLine = (lineId: number, qty: number, totalCents: number): PricedLine => ({ lineId, itemId: coffee.id, qty, unitPriceCents: 150, totalCents });

  it('gives nothing to a ticket without the customer the reward was chosen for', () => {
    const rule = rewardRule(fiveEuros, claire.id, { points: 120, visits: 0 });
    const lines = [{ lineId: 1, itemId: wine.id, qty: 1, unitPriceCents: 899, totalCents: 899 }];
    expect(rewardEvaluator(rule, { lines, customer: null, earlier: [] })).toEqual({ refused: 'loyalty.rewardNoCustomer' });
    expect(rewardEvaluator(rule, { lines, customer: { id: 8, code: 'C0000008' }, earlier: [] })).toEqual({ refused: 'loyalty.rewardNoCustomer' });
  });

  it('says visits are missing for a reward counted in visits', () => {
    const b = withCustomer({ type: 'add', item: coffee, qty: 1 }, { type: 'addRule', rule: rewardRule(freeCoffee, claire.id, { points: 500, visits: 4 }) });
    expect(b.adjustments).toEqual([]);
    expect(b.notes).toEqual([{ ref: 'FID-3', reason: 'loyalty.cannotAffordVisits', params: { balance: 4, cost: 10 } }]);
  });

  it('takes an amount off a ticket worth exactly the gift, down to nothing to pay', () => {
    const b = withCustomer({ type: 'add', item: cheese, qty: 1 }, { type: 'addRule', rule: rewardRule(fiveEuros, claire.id, { points: 100, visits: 0 }) });
    expect(b.adjustments.map((a) => a.cents)).toEqual([500]);
    expect(basketTotals(b).totalCents).toBe(0);
  });

  it('takes an amount off when the items that may be discounted come to exactly the gift', () => {
    // 7,00 € on the ticket, of which the newspaper's 2,00 € cannot be discounted: 5,00 € can.
    const b = withCustomer({ type: 'add', item: cheese, qty: 1 }, { type: 'add', item: paper, qty: 1 }, { type: 'addRule', rule: rewardRule(fiveEuros, claire.id, { points: 100, visits: 0 }) });
    expect(b.adjustments.map((a) => a.cents)).toEqual([500]);
    expect(basketTotals(b).totalCents).toBe(200);
  });

  it('gives a single coffee bought free', () => {
    const b = withCustomer({ type: 'add', item: coffee, qty: 1 }, { type: 'addRule', rule: rewardRule(freeCoffee, claire.id, { points: 0, visits: 10 }) });
    expect(b.adjustments.map((a) => a.cents)).toEqual([150]);
    expect(basketTotals(b).totalCents).toBe(0);
  });

  it('gives the free item on a coffee still paid for, not on one already given or taken back', () => {
    const rule = rewardRule(freeCoffee, claire.id, { points: 0, visits: 10 });
    const customer = { id: claire.id, code: claire.code };
    // A coffee already free by its own discount, and a coffee taken back: neither can be given.
    const given = coffeeLine(1, 1, 0);
    const returned = coffeeLine(2, -1, -150);
    expect(rewardEvaluator(rule, { lines: [given, returned], customer, earlier: [] })).toEqual({ refused: 'loyalty.rewardItemMissing', params: { name: 'Café expresso' } });
    expect(rewardEvaluator(rule, { lines: [given, returned, coffeeLine(3, 1, 150)], customer, earlier: [] })).toEqual({
      adjustment: { kind: 'reward', ref: 'FID-3', label: 'Café offert', cents: 150, lineIds: [3] },
    });
  });

  it('waits when a discount before it already took part of the free item’s line', () => {
    const rule = rewardRule(freeCoffee, claire.id, { points: 0, visits: 10 });
    const earlier = [{ kind: 'coupon', ref: 'CAFE50', label: '0,50 € sur le café', cents: 50, lineIds: [1] }];
    expect(rewardEvaluator(rule, { lines: [coffeeLine(1, 1, 150)], customer: { id: claire.id, code: claire.code }, earlier })).toEqual({
      refused: 'loyalty.rewardAboveTicket', params: { gift: 150, total: 100 },
    });
  });
});
