import { describe, expect, it } from 'vitest';
import {
  allocateAdjustments,
  eligible,
  leftAfterEarlier,
  leftOnLine,
  lineRoom,
  linesWithRoomLeft,
  percentOff,
  percentOfLeft,
  roomLeft,
  roomLeftOnLine,
  type Adjustment,
  type PricedLine,
  type PricingInput,
} from './pricingRule';

// The shared arithmetic of ticket discounts, on lines made by hand: a plain line, a line whose
// price rule caps what discounts may take, a returned line, a fixed-price line.
const line = (lineId: number, totalCents: number, roomCents?: number): PricedLine => ({
  lineId,
  totalCents,
  itemId: lineId,
  qty: Math.sign(totalCents),
  unitPriceCents: Math.abs(totalCents),
  ...(roomCents !== undefined && { roomCents }),
});
const plain = line(1, 1000);
const capped = line(2, 500, 100);
const returned = line(3, -300);
const fixed = line(4, 200, 0);
const off = (cents: number, lineIds: number[] | null = null): Adjustment => ({ kind: 'coupon', ref: `R${cents}`, label: '', cents, lineIds });
const input = (lines: PricedLine[], earlier: Adjustment[]): PricingInput => ({ lines, customer: null, earlier });

describe('what a line can take', () => {
  it('is its total, or less under its price rule, as a size', () => {
    expect(lineRoom(plain)).toBe(1000);
    expect(lineRoom(capped)).toBe(100);
    expect(lineRoom(returned)).toBe(300);
    expect(lineRoom(line(5, -300, -500))).toBe(300);
    expect(lineRoom(fixed)).toBe(0);
  });

  it('spreads a discount over the lines it names on its own side only', () => {
    const lines = [plain, capped, returned, fixed];
    expect(eligible(lines, off(100)).map((l) => l.lineId)).toEqual([1, 2, 4]);
    expect(eligible(lines, off(100, [2, 3])).map((l) => l.lineId)).toEqual([2]);
    expect(eligible(lines, off(-100)).map((l) => l.lineId)).toEqual([3]);
    expect(eligible([...lines, line(6, 0)], off(0))).toEqual([]);
  });
});

describe('allocateAdjustments', () => {
  it('gives a capped line no more than its cap and the rest to the others', () => {
    const shares = allocateAdjustments([plain, capped, fixed], [off(600)]);
    expect(Object.fromEntries(shares)).toEqual({ 1: 500, 2: 100, 4: 0 });
  });

  it('splits among the lines with room only, and lets a line reach its cap exactly', () => {
    // Cases found by comparing the split with its mutants on random baskets.
    const noRoom = allocateAdjustments([line(1, 15, 15), line(2, 9, 5), line(3, 2, 0)], [off(4)]);
    expect(Object.fromEntries(noRoom)).toEqual({ 1: 3, 2: 1, 3: 0 });
    const atCap = allocateAdjustments([line(1, 10, 1), line(2, 6, 2), line(3, 18, 16)], [off(3)]);
    expect(Object.fromEntries(atCap)).toEqual({ 1: 1, 2: 0, 3: 2 });
  });

  it('weighs a later discount by what the earlier ones left on each line', () => {
    const other = line(5, 1000);
    const shares = allocateAdjustments([plain, other], [off(500, [1]), off(300)]);
    // Left after the first: 500 and 1000, so the 300 splits 100 and 200.
    expect(Object.fromEntries(shares)).toEqual({ 1: 600, 5: 200 });
  });

  it('gives a returned line its share back with its sign', () => {
    expect(Object.fromEntries(allocateAdjustments([plain, returned], [off(-30)]))).toEqual({ 3: -30 });
  });
});

describe('what earlier discounts leave', () => {
  const other = line(5, 1000);
  const earlier = input([plain, capped, returned, other], [off(500, [1]), off(60, [2])]);

  it('on one line', () => {
    expect(leftOnLine(earlier, plain)).toBe(500);
    expect(leftOnLine(earlier, other)).toBe(1000);
    expect(roomLeftOnLine(earlier, capped)).toBe(40);
    expect(roomLeftOnLine(earlier, plain)).toBe(500);
  });

  it('on every line, with the sign of the line', () => {
    expect(linesWithRoomLeft(earlier).map((l) => [l.lineId, l.roomCents])).toEqual([
      [1, 500],
      [2, 40],
      [3, -300],
      [5, 1000],
    ]);
  });

  it('altogether, the returned lines giving nothing', () => {
    expect(roomLeft(earlier)).toBe(500 + 40 + 1000);
    expect(roomLeft(earlier, [capped, returned])).toBe(40);
    expect(leftAfterEarlier(earlier)).toBe(1000 + 500 + 1000 - 560);
    expect(leftAfterEarlier(input([plain], [off(1500)]))).toBe(0);
    expect(leftAfterEarlier(input([plain, returned], [off(-30)]))).toBe(1000);
  });
});

describe('a percentage off', () => {
  it('rounds the lines that take it whole once, on their sum, and caps the others', () => {
    // 10 % of 1005 + 1005 = 201 (100.5 each would round to 202); the capped line gives its 40.
    expect(percentOff([{ cents: 1005, roomCents: 1005 }, { cents: 1005, roomCents: 1005 }, { cents: 500, roomCents: 40 }], 1000)).toBe(241);
    expect(percentOff([{ cents: 500, roomCents: -5 }], 1000)).toBe(0);
  });

  it('leaves out the returned and the empty lines', () => {
    expect(percentOff([{ cents: -100, roomCents: 0 }, { cents: 1000, roomCents: 1000 }], 1000)).toBe(100);
  });

  it('of what the sold lines still come to after the rules before', () => {
    const earlier = input([plain, capped, returned], [off(500, [1]), off(60, [2])]);
    // 10 % of 500 on the first line; the capped one has 40 of room left, less than 10 % of 440.
    expect(percentOfLeft(earlier, 1000)).toBe(50 + 40);
  });
});
