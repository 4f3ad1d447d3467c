import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basketReducer, basketTotals, openBasket } from './basket';
import { creditFor, offRoute, parseTicketLabel, refundRoute, returnRefusal, type ReturnOrigin } from './saleReturn';

describe('the credit of a returned line', () => {
  it('adds up exactly to what the line came to, however it comes back, and never more per unit than its price', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 10_000 }), fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 20 }), (qty, unit, offBp, steps) => {
        const total = unit * qty - Math.floor((unit * qty * offBp) / 10_000);
        let before = 0;
        let credited = 0;
        for (const s of steps) {
          const q = Math.min(s, qty - before);
          if (q <= 0) break;
          const c = creditFor(qty, total, before, q);
          expect(c).toBeGreaterThanOrEqual(0);
          expect(c).toBeLessThanOrEqual(unit * q);
          credited += c;
          before += q;
        }
        credited += creditFor(qty, total, before, qty - before);
        expect(credited).toBe(total);
      }),
      { numRuns: 500 },
    );
  });

  it('is what the basket line comes to, with the sale’s discount as its own', () => {
    const origin: ReturnOrigin = { saleId: 1, lineNo: 1, ticket: 'T01-000001', storeId: 1, soldQty: 3, soldCents: 2562, returnedBefore: 0, paid: { tenders: [{ kind: 'card', amountCents: 2562 }], changeCents: 0 } };
    const item = { id: 1, sku: 'CAVE-001', barcode: null, name: 'Bordeaux', priceCents: 899, vatRateBp: 2000 };
    const r = basketReducer(openBasket('k'), { type: 'return', origin, item, qty: 2, by: 1 });
    if ('error' in r) throw new Error(r.error);
    expect(basketTotals(r.basket).totalCents).toBe(-1708);
    expect(r.basket.lines[0]).toMatchObject({ qty: -2, discount: { kind: 'amount', cents: 90 }, returnOf: origin });
    // Picked twice, changed, or more than sold: refused.
    expect(basketReducer(r.basket, { type: 'return', origin, item, qty: 1, by: 1 })).toEqual({ error: 'return.twice' });
    expect(basketReducer(r.basket, { type: 'setQty', lineId: 1, qty: -1 })).toEqual({ error: 'return.lineFixed' });
    expect(basketReducer(openBasket('k'), { type: 'return', origin: { ...origin, returnedBefore: 2 }, item, qty: 2, by: 1 })).toEqual({ error: 'return.tooMany' });
    expect(returnRefusal(3, 3, 1)).toBe('return.nothingLeft');
    expect(returnRefusal(3, 0, 0)).toBe('return.qtyInvalid');
  });
});

describe('the refund route', () => {
  it('goes back the way the ticket was paid, cash less the change, prepaid money to a voucher or cash', () => {
    const paid = { tenders: [{ kind: 'gift_card' as const, amountCents: 1000 }, { kind: 'card' as const, amountCents: 798 }], changeCents: 0 };
    expect(refundRoute([paid], 899, 'voucher')).toEqual([{ kind: 'voucher', cents: 500 }, { kind: 'card', cents: 399 }]);
    expect(refundRoute([paid], 899, 'cash')).toEqual([{ kind: 'cash', cents: 500 }, { kind: 'card', cents: 399 }]);
    const withCert = { tenders: [{ kind: 'giftcert' as const, amountCents: 500 }, { kind: 'cash' as const, amountCents: 1000 }], changeCents: 500 };
    expect(refundRoute([withCert], 1000, 'cash')).toEqual([{ kind: 'cash', cents: 1000 }]);
    expect(refundRoute([withCert], 1000, 'voucher')).toEqual([{ kind: 'voucher', cents: 500 }, { kind: 'cash', cents: 500 }]);
  });

  it('sums exactly to the refund, and a refund on the route needs nobody', () => {
    const kinds = fc.constantFrom('cash', 'card', 'voucher', 'gift_card', 'account', 'giftcert' as const);
    fc.assert(
      fc.property(fc.array(fc.record({ kind: kinds, amountCents: fc.integer({ min: 1, max: 100_000 }) }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 200_000 }), (tenders, refund) => {
        const route = refundRoute([{ tenders, changeCents: 0 }], refund, 'voucher');
        expect(route.reduce((s, p) => s + p.cents, 0)).toBe(refund);
        expect(route.some((p) => p.kind === 'gift_card' || p.kind === 'giftcert')).toBe(false);
        expect(offRoute(route, route.map((p) => ({ kind: p.kind, amountCents: -p.cents })))).toBe(false);
      }),
    );
    expect(offRoute([{ kind: 'card', cents: 500 }], [{ kind: 'cash', amountCents: -500 }])).toBe(true);
    expect(offRoute([{ kind: 'card', cents: 500 }], [{ kind: 'card', amountCents: -300 }, { kind: 'gift_card', amountCents: -200 }])).toBe(true);
  });
});

describe('a ticket named by the cashier', () => {
  it('reads the printed label, its barcode, or a number on this till', () => {
    expect(parseTicketLabel('T01-000123')).toEqual({ terminal: 'T01', ticketNo: 123 });
    expect(parseTicketLabel(' t02-7 ')).toEqual({ terminal: 'T02', ticketNo: 7 });
    expect(parseTicketLabel('42')).toEqual({ terminal: null, ticketNo: 42 });
    for (const bad of ['', 'T01-', 'T01-0', 'ticket 12', '12a']) expect(parseTicketLabel(bad)).toBeNull();
  });
});
