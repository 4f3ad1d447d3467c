import { describe, expect, it } from 'vitest';
import { formatSiret, isTimeZone, parseLines, parsePlaceCode, parseSiret } from './storeSettings';

describe('store settings', () => {
  it('takes a SIRET whose 14 digits pass the Luhn check, spaces allowed', () => {
    expect(parseSiret('123 456 789 00015')).toBe('12345678900015');
    expect(parseSiret('73282932000074')).toBe('73282932000074');
    expect(parseSiret('12345678900012')).toBeNull(); // one digit off
    expect(parseSiret('1234567890001')).toBeNull(); // 13 digits
    expect(parseSiret('1234567890001A')).toBeNull();
    expect(parseSiret('')).toBeNull();
  });

  it('takes La Poste’s SIRETs by their own rule (digits adding up to a multiple of 5)', () => {
    expect(parseSiret('35600000000048')).toBe('35600000000048'); // Luhn
    expect(parseSiret('35600000000010')).toBe('35600000000010'); // digits add up to 15, not Luhn
    expect(parseSiret('35600000000011')).toBeNull();
    expect(parseSiret('12300000000010')).toBeNull(); // the exception is La Poste's only
  });

  it('prints a SIRET in groups of 3, 3, 3 and 5', () => {
    expect(formatSiret('12345678900015')).toBe('123 456 789 00015');
  });

  it('knows IANA time zones and refuses the rest', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('America/Cayenne')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Europe/Lyon')).toBe(false);
    expect(isTimeZone('CET; DROP')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('reads codes in capitals and printed lines trimmed', () => {
    expect(parsePlaceCode(' m02 ')).toBe('M02');
    expect(parsePlaceCode('M 02')).toBeNull();
    expect(parseLines([' a ', '', 'b'])).toEqual(['a', 'b']);
    expect(parseLines(['x'.repeat(49)])).toBeNull();
  });
});
