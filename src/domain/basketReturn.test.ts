import { describe, expect, it } from 'vitest';
import { applyActions } from '../testing/basket';
import { basketReducer, lineTotal, openBasket, returnedTickets, type Basket, type BasketAction } from './basket';
import type { CatalogItem } from './item';
import type { PaidTicket, ReturnOrigin } from './saleReturn';

// The basket's side of a return against a ticket: which lines may come back, what each is
// credited, what the cashier may no longer change on it, and which tickets pay the refund.

const wine: CatalogItem = { id: 1, sku: 'CAVE-001', barcode: null, name: 'Bordeaux rouge', priceCents: 899, vatRateBp: 2000 };
const bread: CatalogItem = { id: 2, sku: 'BOUL-001', barcode: null, name: 'Baguette tradition', priceCents: 130, vatRateBp: 550 };

const paidCash: PaidTicket = { tenders: [{ kind: 'cash', amountCents: 2000 }], changeCents: 202 };
const paidCard: PaidTicket = { tenders: [{ kind: 'card', amountCents: 1798 }], changeCents: 0 };

function origin(o: Partial<ReturnOrigin> = {}): ReturnOrigin {
  return { saleId: 7, lineNo: 1, ticket: 'T01-000007', storeId: 1, soldQty: 2, soldCents: 1798, returnedBefore: 0, paid: paidCash, ...o };
}

const giveBack = (o: Partial<ReturnOrigin>, qty = 1, item = wine): BasketAction => ({ type: 'return', origin: origin(o), item, qty, by: 3 });

function refusal(basket: Basket, action: BasketAction): string | null {
  const r = basketReducer(basket, action);
  return 'error' in r ? r.error : null;
}

describe('a line of a ticket coming back', () => {
  it('is credited at its full price with no discount of its own when it was sold at that price', () => {
    const b = applyActions(openBasket('k'), giveBack({}));
    expect(b.lines).toHaveLength(1);
    const [line] = b.lines;
    expect(line).toMatchObject({ lineId: 1, qty: -1, unitPriceCents: 899, discount: null, discountBy: null, returnOf: { saleId: 7, lineNo: 1 } });
    expect(lineTotal(line!)).toBe(-899);
    expect(b.nextLineId).toBe(2);
  });

  it('carries what the sale took off as its discount, taken back by the operator who took it back', () => {
    // Two sold for 16,00 € instead of 17,98 €: one comes back credited 8,00 €.
    const b = applyActions(openBasket('k'), { type: 'add', item: bread, qty: 1 }, giveBack({ soldCents: 1600 }));
    const line = b.lines.find((l) => l.returnOf)!;
    expect(line).toMatchObject({ lineId: 2, discount: { kind: 'amount', cents: 99 }, discountBy: 3 });
    expect(lineTotal(line)).toBe(-800);
    expect(b.nextLineId).toBe(3);
  });

  it('comes back once per basket, but another line of the same ticket, or the same line of another ticket, may come too', () => {
    const b = applyActions(openBasket('k'), giveBack({}));
    expect(refusal(b, giveBack({}))).toBe('return.twice');
    expect(refusal(b, giveBack({ lineNo: 2 }))).toBeNull();
    expect(refusal(b, giveBack({ saleId: 8 }))).toBeNull();
    // A line sold, not returned, never blocks a return.
    expect(refusal(applyActions(openBasket('k'), { type: 'add', item: wine, qty: 1 }), giveBack({}))).toBeNull();
  });

  it('no more units than are left of the line', () => {
    expect(refusal(openBasket('k'), giveBack({ returnedBefore: 1 }, 2))).toBe('return.tooMany');
    expect(refusal(openBasket('k'), giveBack({ returnedBefore: 2 }))).toBe('return.nothingLeft');
  });

  it("keeps the ticket's price and discount: neither can be changed on it", () => {
    const b = applyActions(openBasket('k'), giveBack({}));
    expect(refusal(b, { type: 'overridePrice', lineId: 1, unitPriceCents: 100, by: 2 })).toBe('return.lineFixed');
    expect(refusal(b, { type: 'discount', lineId: 1, discount: { kind: 'amount', cents: 100 }, by: 2 })).toBe('return.lineFixed');
    expect(refusal(b, { type: 'setQty', lineId: 1, qty: 2 })).toBe('return.lineFixed');
  });
});

describe('the tickets a refund goes back to', () => {
  it('are those of the lines coming back, each once, when every one names its ticket', () => {
    const b = applyActions(openBasket('k'), { type: 'add', item: bread, qty: 1 }, giveBack({}), giveBack({ lineNo: 2 }), giveBack({ saleId: 8, paid: paidCard }));
    expect(returnedTickets(b)).toEqual([paidCash, paidCard]);
  });

  it('are unknown when nothing comes back, or when an item comes back without its ticket', () => {
    expect(returnedTickets(applyActions(openBasket('k'), { type: 'add', item: bread, qty: 1 }))).toBeUndefined();
    expect(returnedTickets(openBasket('k'))).toBeUndefined();
    expect(returnedTickets(applyActions(openBasket('k'), giveBack({}), { type: 'add', item: wine, qty: -1 }))).toBeUndefined();
  });
});
