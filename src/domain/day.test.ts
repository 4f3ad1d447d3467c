import { describe, expect, it } from 'vitest';
import { t } from '../i18n/messages';
import { dayForEdit, formatDay, formatMonth, parseDay, readDay } from './day';

describe('days as typed and shown', () => {
  it('reads JJ/MM/AAAA, the ISO form and the usual variants into one YYYY-MM-DD', () => {
    expect(readDay('22/11/2026')).toEqual({ day: '2026-11-22' });
    expect(readDay(' 2026-11-22 ')).toEqual({ day: '2026-11-22' });
    expect(readDay('1/2/2026')).toEqual({ day: '2026-02-01' });
    expect(readDay('22.11.2026')).toEqual({ day: '2026-11-22' });
    expect(readDay('22/11/26')).toEqual({ day: '2026-11-22' });
    expect(readDay('29/02/2028')).toEqual({ day: '2028-02-29' });
    expect(parseDay('31/12/2026')).toBe('2026-12-31');
  });

  it('refuses what is no day of the calendar, saying why in both languages', () => {
    const cases: [string, string, string][] = [
      ['31/02/2026', 'Date invalide : « 31/02/2026 » (ce mois n’a que 28 jours)', 'Invalid date: “31/02/2026” (that month has only 28 days)'],
      ['2026-13-01', 'Date invalide : « 2026-13-01 » (il n’y a pas de mois 13)', 'Invalid date: “2026-13-01” (there is no month 13)'],
      ['31/04/2026', 'Date invalide : « 31/04/2026 » (ce mois n’a que 30 jours)', 'Invalid date: “31/04/2026” (that month has only 30 days)'],
      ['29/02/2027', 'Date invalide : « 29/02/2027 » (ce mois n’a que 28 jours)', 'Invalid date: “29/02/2027” (that month has only 28 days)'],
      ['', 'Date manquante (attendu : JJ/MM/AAAA)', 'Missing date (expected: DD/MM/YYYY)'],
      ['   ', 'Date manquante (attendu : JJ/MM/AAAA)', 'Missing date (expected: DD/MM/YYYY)'],
      ['demain', 'Date invalide : « demain » (attendu : JJ/MM/AAAA ou AAAA-MM-JJ)', 'Invalid date: “demain” (expected: DD/MM/YYYY or YYYY-MM-DD)'],
      ['22/11', 'Date invalide : « 22/11 » (attendu : JJ/MM/AAAA ou AAAA-MM-JJ)', 'Invalid date: “22/11” (expected: DD/MM/YYYY or YYYY-MM-DD)'],
      ['00/11/2026', 'Date invalide : « 00/11/2026 » (attendu : JJ/MM/AAAA ou AAAA-MM-JJ)', 'Invalid date: “00/11/2026” (expected: DD/MM/YYYY or YYYY-MM-DD)'],
      ['22/11/0026', 'Date invalide : « 22/11/0026 » (attendu : JJ/MM/AAAA ou AAAA-MM-JJ)', 'Invalid date: “22/11/0026” (expected: DD/MM/YYYY or YYYY-MM-DD)'],
      ['2026/11/22', 'Date invalide : « 2026/11/22 » (attendu : JJ/MM/AAAA ou AAAA-MM-JJ)', 'Invalid date: “2026/11/22” (expected: DD/MM/YYYY or YYYY-MM-DD)'],
    ];
    for (const [text, fr, en] of cases) {
      const r = readDay(text);
      if ('day' in r) throw new Error(`${text} read as ${r.day}`);
      expect(t('fr', r.error, r.params)).toBe(fr);
      expect(t('en', r.error, r.params)).toBe(en);
      expect(parseDay(text)).toBeNull();
    }
  });

  it('shows a day as JJ/MM/AAAA, a month as MM/AAAA, and a stored day ready to be edited', () => {
    expect(formatDay('2026-11-22')).toBe('22/11/2026');
    expect(formatMonth({ year: 2026, month: 3 })).toBe('03/2026');
    expect(dayForEdit('2026-01-05')).toBe('05/01/2026');
    expect(dayForEdit(null)).toBe('');
    expect(dayForEdit('05/01/2026')).toBe('05/01/2026');
    // What is shown reads back as the same day.
    expect(parseDay(formatDay('2028-02-29'))).toBe('2028-02-29');
  });
});
