import { describe, expect, it } from 'vitest';
import { addTender, changeCents, isSettled, remainingCents, removeLastTender, settle, type Payment } from './tender';

function must(r: { payment: Payment } | { error: string }): Payment {
  if ('error' in r) throw new Error(r.error);
  return r.payment;
}

describe('tenders', () => {
  it('gives change on cash above what is due', () => {
    const p = must(addTender({ totalCents: 1230, tenders: [] }, 'cash', 2000));
    expect(isSettled(p)).toBe(true);
    expect(changeCents(p)).toBe(770);
  });

  it('splits across card and cash; the card cannot exceed the rest', () => {
    let p: Payment = { totalCents: 5000, tenders: [] };
    p = must(addTender(p, 'card', 3000));
    expect(remainingCents(p)).toBe(2000);
    expect(addTender(p, 'card', 2500)).toEqual({ error: 'tender.exceedsDue' });
    p = must(addTender(p, 'cash', null));
    expect(isSettled(p)).toBe(true);
    expect(changeCents(p)).toBe(0);
    expect(addTender(p, 'cash', 100)).toEqual({ error: 'tender.nothingDue' });
    expect(remainingCents(removeLastTender(p))).toBe(2000);
  });

  it('stays open while short', () => {
    const p = must(addTender({ totalCents: 1000, tenders: [] }, 'cash', 500));
    expect(isSettled(p)).toBe(false);
    expect(remainingCents(p)).toBe(500);
    expect(addTender(p, 'cash', 0)).toEqual({ error: 'tender.amountZero' });
    expect(addTender(p, 'cash', -100)).toEqual({ error: 'tender.amountNegative' });
    expect(addTender(p, 'cash', 1.5)).toEqual({ error: 'tender.amountInvalid' });
  });

  it('pays out a refund, never more than owed, with no change', () => {
    let p: Payment = { totalCents: -1798, tenders: [] };
    expect(addTender(p, 'cash', 2000)).toEqual({ error: 'tender.exceedsDue' });
    p = must(addTender(p, 'cash', null));
    expect(p.tenders).toEqual([{ kind: 'cash', amountCents: -1798 }]);
    expect(isSettled(p)).toBe(true);
    expect(changeCents(p)).toBe(0);
  });

  it('settles a zero ticket with no tender', () => {
    expect(isSettled({ totalCents: 0, tenders: [] })).toBe(true);
  });

  it('checks a whole tender list given at once', () => {
    expect(settle(1000, [{ kind: 'card', cents: 400 }])).toEqual({ error: 'tender.short' });
    const ok = settle(1000, [{ kind: 'card', cents: 400 }, { kind: 'cash', cents: 1000 }]);
    expect('payment' in ok && changeCents(ok.payment)).toBe(400);
  });
});

describe('tenders that draw on something', () => {
  it('carry their reference and stop at what the source holds', () => {
    const p: Payment = { totalCents: 5000, tenders: [] };
    const r = addTender(p, 'voucher', null, { ref: 'BA-7K2M', maxCents: 1500 });
    expect(r).toEqual({ payment: { totalCents: 5000, tenders: [{ kind: 'voucher', amountCents: 1500, ref: 'BA-7K2M' }] } });
    expect(addTender(p, 'voucher', 1600, { ref: 'BA-7K2M', maxCents: 1500 })).toEqual({ error: 'tender.exceedsBalance' });
    expect(addTender({ totalCents: 1000, tenders: [] }, 'voucher', 1200, { maxCents: 5000 })).toEqual({ error: 'tender.exceedsDue' });
  });
});
