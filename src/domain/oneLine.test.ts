import { describe, expect, it } from 'vitest';
import { t } from '../i18n/messages';
import { oneLine } from './oneLine';

describe('text from outside echoed in a message', () => {
  it('keeps the message on one line and the terminal as it was (found by parsers.fuzz.test.ts)', () => {
    expect(oneLine('A\nB\r\tC\u001b[31mD\u2028E\u202eF\u0000')).toBe('A\\nB\\r\\tC\\u001b[31mD\\u2028E\\u202eF\\u0000');
    expect(oneLine('Café « 12,50 € »')).toBe('Café « 12,50 € »');
    expect(t('fr', 'voucher.codeMalformed', { code: '0\n0' })).toBe('Code de bon d’achat invalide : « 0\\n0 » (14 caractères, sans O, 0, I, 1 ni L)');
    expect(t('en', 'giftCard.unknown', { code: '\u001b[2J' })).not.toMatch(/\u001b/);
  });
});
