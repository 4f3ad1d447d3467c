import { describe, expect, it } from 'vitest';
import { menuIndex, menuKey } from './menuKeys';

describe('the back-office menu keys', () => {
  it('numbers the first nine entries and letters the rest, each key choosing its own entry', () => {
    expect(Array.from({ length: 12 }, (_, i) => menuKey(i))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C']);
    for (let i = 0; i < 35; i++) expect(menuIndex(menuKey(i))).toBe(i);
    expect(menuIndex('b')).toBe(10);
  });

  it('chooses nothing with other keys', () => {
    for (const text of ['0', '', '10', 'é', ' ', '\r', 'AB']) expect(menuIndex(text)).toBe(-1);
    expect(menuKey(35)).toBe('');
  });
});
