import { describe, expect, it } from 'vitest';
import { checkCode, checkWhenWhere, type CodeFound, type TillMoment } from './check';
import { customerDiscountRule } from '../customer/discount';
import { couponRule, type CouponRuleData } from './rule';

// Wednesday 25 November 2026, 15:00 in Paris.
const NOW = new Date('2026-11-25T14:00:00Z');

function found(code: Partial<CodeFound> = {}, definition: Partial<CodeFound['definition']> = {}): CodeFound {
  return {
    codeId: 1, code: 'REMISE1', status: 'active', validFrom: null, validUntil: null, customerId: null, groupCode: null, uses: 0,
    ...code,
    definition: {
      id: 1, active: true, validFrom: null, validUntil: null, schedule: [], storeIds: [], holder: 'none', customerRule: 'optional', limit: null, exclusive: false,
      ...definition,
    },
  };
}

const at = (m: Partial<TillMoment> = {}): TillMoment => ({ now: NOW, timeZone: 'Europe/Paris', lang: 'fr', storeId: 1, customer: null, rules: [], ...m });

const otherCoupon = (exclusive: boolean) =>
  couponRule('NOEL', { exclusive } as CouponRuleData);

describe('checking a code at the till', () => {
  it('lets a code through on its first and last day, below its limit, to its own customer or group', () => {
    expect(checkCode(found({ validFrom: '2026-11-01' }), at())).toBeNull();
    expect(checkCode(found({ validFrom: '2026-11-25', validUntil: '2026-11-25' }), at())).toBeNull();
    expect(checkCode(found({}, { validFrom: '2026-11-25', validUntil: '2026-11-25' }), at())).toBeNull();
    expect(checkCode(found({ uses: 99 }, { limit: { scope: 'global', max: 100 } }), at())).toBeNull();
    expect(checkCode(found({ customerId: 7 }, { holder: 'customer', customerRule: 'matching' }), at({ customer: { id: 7, groupCode: null } }))).toBeNull();
    expect(checkCode(found({ groupCode: 'PRO' }, { holder: 'group', customerRule: 'matching' }), at({ customer: { id: 8, groupCode: 'PRO' } }))).toBeNull();
    expect(checkCode(found({ groupCode: 'PRO' }, { holder: 'group', customerRule: 'matching' }), at({ customer: { id: 8 } }))?.key).toBe('coupon.customerMismatch');
    expect(checkCode(found({}, { holder: 'customer', customerRule: 'matching' }), at({ customer: { id: 8 } }))?.key).toBe('coupon.customerMismatch');
  });

  it('an exclusive code joins a basket whose only rule is not a coupon', () => {
    expect(checkCode(found({}, { exclusive: true }), at({ rules: [customerDiscountRule({ id: 7, code: 'C-7' }, 500, 'Remise client 5 %')] }))).toBeNull();
  });

  it('takes the tighter dates whichever of the code and its definition sets them', () => {
    expect(checkCode(found({ validFrom: '2026-11-26' }, { validFrom: '2026-11-01' }), at())?.params.date).toBe('26/11/2026');
    expect(checkCode(found({}, { validFrom: '2026-11-26' }), at())?.params.date).toBe('26/11/2026');
    expect(checkCode(found({ validUntil: '2026-11-24' }, { validUntil: '2026-12-31' }), at())?.params.date).toBe('24/11/2026');
    expect(checkCode(found({ validUntil: '2026-12-31' }, { validUntil: '2026-11-24' }), at())?.params.date).toBe('24/11/2026');
    expect(checkCode(found({ validUntil: '2026-11-24' }), at())?.params.date).toBe('24/11/2026');
  });

  it('lets a valid code through', () => {
    expect(checkCode(found(), at())).toBeNull();
  });

  it('says why, one reason per check', () => {
    const cases: [CodeFound, TillMoment, string, Record<string, unknown>?][] = [
      [found({ status: 'inactive' }), at(), 'coupon.inactive'],
      [found({}, { active: false }), at(), 'coupon.inactive'],
      [found({ status: 'blocked' }), at(), 'coupon.blocked'],
      [found({ validFrom: '2026-11-26' }), at(), 'coupon.notYetValid', { date: '26/11/2026' }],
      [found({}, { validUntil: '2026-11-24' }), at(), 'coupon.expired', { date: '24/11/2026' }],
      [found({}, { schedule: [{ days: [2, 4], from: 0, to: 0 }] }), at(), 'coupon.outsideSchedule', { schedule: 'mar,jeu' }],
      [found({}, { storeIds: [2, 3] }), at(), 'coupon.notThisStore'],
      [found({}, { customerRule: 'required' }), at(), 'coupon.customerRequired'],
      [found({ customerId: 7 }, { holder: 'customer', customerRule: 'matching' }), at({ customer: { id: 8, groupCode: null } }), 'coupon.customerMismatch'],
      [found({ groupCode: 'PRO' }, { holder: 'group', customerRule: 'matching' }), at({ customer: { id: 8, groupCode: 'VIP' } }), 'coupon.customerMismatch'],
      [found({ uses: 100 }, { limit: { scope: 'global', max: 100 } }), at(), 'coupon.limitGlobal', { max: 100 }],
      [found({ uses: 3 }, { limit: { scope: 'store', max: 3 } }), at(), 'coupon.limitStore', { max: 3 }],
      [found({ uses: 1 }, { customerRule: 'required', limit: { scope: 'customer', max: 1 } }), at({ customer: { id: 8 } }), 'coupon.limitCustomer', { max: 1 }],
      [found({}, { exclusive: true }), at({ rules: [otherCoupon(false)] }), 'coupon.cannotCombineWith', { other: 'NOEL' }],
      [found(), at({ rules: [otherCoupon(true)] }), 'coupon.cannotCombineWith', { other: 'NOEL' }],
    ];
    for (const [f, m, key, params] of cases) {
      const r = checkCode(f, m);
      expect({ key: r?.key, params: r?.params }).toEqual({ key, params: { code: f.code, ...params } });
    }
  });

  it('checks in the issue\'s order: the first failing check is the one told', () => {
    const everything = found({ status: 'blocked', validUntil: '2020-01-01', uses: 9 }, { active: false, storeIds: [9], customerRule: 'required', limit: { scope: 'global', max: 1 } });
    expect(checkCode(everything, at())?.key).toBe('coupon.inactive');
    expect(checkCode(found({ status: 'blocked', validUntil: '2020-01-01' }), at())?.key).toBe('coupon.blocked');
    expect(checkCode(found({ validUntil: '2020-01-01' }, { storeIds: [9] }), at())?.key).toBe('coupon.expired');
    expect(checkCode(found({}, { storeIds: [9], customerRule: 'required' }), at())?.key).toBe('coupon.notThisStore');
    expect(checkCode(found({ uses: 5 }, { customerRule: 'required', limit: { scope: 'global', max: 1 } }), at())?.key).toBe('coupon.customerRequired');
  });

  it('reads validity on the shop\'s calendar, the tighter of the code\'s and the definition\'s', () => {
    // 23:30 UTC on the 25th is already the 26th in Paris.
    const late = at({ now: new Date('2026-11-25T23:30:00Z') });
    expect(checkCode(found({ validUntil: '2026-11-25' }), late)?.key).toBe('coupon.expired');
    expect(checkCode(found({ validUntil: '2026-11-25' }), { ...late, timeZone: 'UTC' })).toBeNull();
    expect(checkCode(found({ validFrom: '2026-11-01' }, { validFrom: '2026-11-26' }), at())?.params.date).toBe('26/11/2026');
    expect(checkCode(found({ validUntil: '2026-11-25' }, { validUntil: '2026-12-31' }), at())).toBeNull();
  });

  it('a schedule that holds now lets the code through', () => {
    expect(checkCode(found({}, { schedule: [{ days: [3], from: 14 * 60, to: 16 * 60 }] }), at())).toBeNull();
    expect(checkCode(found({}, { schedule: [{ days: [3], from: 16 * 60, to: 18 * 60 }] }), at({ lang: 'en' }))?.params.schedule).toBe('wed 16:00-18:00');
  });

  it('when and where, as the commit checks again: a Wednesday 14:00–16:00 window is shut from 16:00 on', () => {
    const window = found({}, { schedule: [{ days: [3], from: 14 * 60, to: 16 * 60 }] });
    expect(checkWhenWhere(window, at({ now: new Date('2026-11-25T14:59:00Z') }))).toBeNull();
    expect(checkWhenWhere(window, at({ now: new Date('2026-11-25T15:00:00Z') }))).toEqual({ key: 'coupon.outsideSchedule', params: { code: 'REMISE1', schedule: 'mer 14:00-16:00' } });
    // Its last day ends at midnight in the shop, not in UTC.
    const lastDay = found({ validUntil: '2026-11-25' });
    expect(checkWhenWhere(lastDay, at({ now: new Date('2026-11-25T22:59:00Z') }))).toBeNull();
    expect(checkWhenWhere(lastDay, at({ now: new Date('2026-11-25T23:00:00Z') }))).toMatchObject({ key: 'coupon.expired' });
    expect(checkWhenWhere(found({}, { storeIds: [2] }), at({ storeId: 2 }))).toBeNull();
  });
  it('on the days the clocks change, a last day ends at the shop’s midnight, and a window is read on the wall clock', () => {
    const spring = found({ validUntil: '2026-03-29' }); // clocks forward at 02:00: the day has 23 hours
    expect(checkWhenWhere(spring, at({ now: new Date('2026-03-29T21:59:00Z') }))).toBeNull(); // 23:59 summer time
    expect(checkWhenWhere(spring, at({ now: new Date('2026-03-29T22:00:00Z') }))).toMatchObject({ key: 'coupon.expired' });
    const autumn = found({ validUntil: '2026-10-25' }); // clocks back at 03:00: the day has 25 hours
    expect(checkWhenWhere(autumn, at({ now: new Date('2026-10-25T22:59:00Z') }))).toBeNull(); // 23:59 winter time
    expect(checkWhenWhere(autumn, at({ now: new Date('2026-10-25T23:00:00Z') }))).toMatchObject({ key: 'coupon.expired' });
    // Sunday 09:00–12:00: 07:00–10:00 UTC in summer time, 08:00–11:00 UTC in winter time.
    const mornings = found({}, { schedule: [{ days: [7], from: 9 * 60, to: 12 * 60 }] });
    expect(checkWhenWhere(mornings, at({ now: new Date('2026-03-29T07:30:00Z') }))).toBeNull();
    expect(checkWhenWhere(mornings, at({ now: new Date('2026-03-29T10:30:00Z') }))).toMatchObject({ key: 'coupon.outsideSchedule' });
    expect(checkWhenWhere(mornings, at({ now: new Date('2026-10-25T07:30:00Z') }))).toMatchObject({ key: 'coupon.outsideSchedule' });
    expect(checkWhenWhere(mornings, at({ now: new Date('2026-10-25T10:30:00Z') }))).toBeNull();
  });
});
