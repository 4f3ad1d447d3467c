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
    expect(removeLastTender(removeLastTender(p)).tenders).toEqual([]);
  });

  it('takes away the last tender only', () => {
    let p: Payment = { totalCents: 3000, tenders: [] };
    for (const kind of ['card', 'cash', 'card'] as const) p = must(addTender(p, kind, 1000));
    expect(removeLastTender(p).tenders.map((t) => t.kind)).toEqual(['card', 'cash']);
  });

  it('gives no change on a refund paid out in part', () => {
    const p = must(addTender({ totalCents: -1798, tenders: [] }, 'cash', 1000));
    expect(remainingCents(p)).toBe(-798);
    expect(changeCents(p)).toBe(0);
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
    expect(p.tenders).toStrictEqual([{ kind: 'cash', amountCents: -1798 }]);
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
    expect(settle(1000, [{ kind: 'card', cents: 2000 }])).toEqual({ error: 'tender.exceedsDue' });
    expect(settle(1000, [{ kind: 'card', cents: 2000 }, { kind: 'cash', cents: 1000 }])).toEqual({ error: 'tender.exceedsDue' });
  });

  it('keeps what each tender of a list draws on, and its ceiling', () => {
    expect(settle(1000, [{ kind: 'voucher', cents: 1000, ref: 'BA-7K2M', maxCents: 500 }])).toEqual({ error: 'tender.exceedsBalance' });
    const ok = settle(1000, [{ kind: 'voucher', cents: 1000, ref: 'BA-7K2M', maxCents: 1500, data: { expiresOn: '2027-01-31' } }]);
    expect(ok).toStrictEqual({ payment: { totalCents: 1000, tenders: [{ kind: 'voucher', amountCents: 1000, ref: 'BA-7K2M', data: { expiresOn: '2027-01-31' } }] } });
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
  it('keep the data of the provider beside the tender, and nothing when there is none', () => {
    const data = { newVoucher: true, expiresOn: '2027-01-31' };
    const r = must(addTender({ totalCents: 1000, tenders: [] }, 'giftcert', null, { ref: 'Q7XZ', data }));
    expect(r.tenders).toStrictEqual([{ kind: 'giftcert', amountCents: 1000, ref: 'Q7XZ', data }]);
    expect(must(addTender({ totalCents: 1000, tenders: [] }, 'card', null)).tenders).toStrictEqual([{ kind: 'card', amountCents: 1000 }]);
  });
});
