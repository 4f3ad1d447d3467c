import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing/db';
import { useTillScreens } from '../testing/tillScreen';
import { KEYS, testConfig } from '../testing/tui';

// At the till, with the demo's press (prix imposé), its books (loi Lang) and the shop's ceilings.
describe('money rules at the till', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();

  it('refuses a price of 99 999 999 € and any discount on a newspaper; cuts a book’s discount to 5 %, saying so', async () => {
    const s = start(testConfig(testDb().url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn();
    await s.type('CAVE-001\r');
    await s.frame((f) => /Bordeaux rouge 75 cl\s+1\s+8,99 €\s+8,99 €/.test(f));
    await s.type(KEYS.f5);
    await s.type('2\r9999\r');
    await s.frame((f) => f.includes('Nouveau prix unitaire'));
    // Typed, not scanned: eight digits and Enter in one chunk would be taken for a scanner's code.
    await s.type('99999999');
    await s.frame((f) => f.includes('› 99999999'));
    await s.type('\r');
    const refused = await s.frame((f) => f.includes('Prix refusé : plus de 10 000,00 €, le plafond (limits.unitPriceCents)'));
    expect(refused).toMatch(/Bordeaux rouge 75 cl\s+1\s+8,99 €\s+8,99 €/);
    expect(refused).toMatch(/TOTAL\s+8,99 €/);
    // The prompt stays for another price; Esc leaves it.
    await s.type('\x1b');
    await s.frame((f) => !f.includes('Nouveau prix unitaire'));

    await s.type('PRES-001\r');
    await s.frame((f) => f.includes('Le Quotidien du matin'));
    await s.type(KEYS.f6);
    await s.type('2\r9999\r');
    await s.frame((f) => f.includes('Remise : « 10% »'));
    await s.type('10%\r');
    await s.frame((f) => f.includes('Prix imposé : aucune remise sur cet article'));
    await s.type('\x1b');
    await s.frame((f) => !f.includes('Remise : « 10% »'));
    await s.type(KEYS.f5);
    await s.type('2\r9999\r');
    await s.frame((f) => f.includes('Nouveau prix unitaire'));
    await s.type('2\r');
    await s.frame((f) => f.includes('Prix imposé : le prix de cet article ne peut pas être changé'));
    await s.type('\x1b');
    await s.frame((f) => !f.includes('Nouveau prix unitaire'));

    await s.type('LIVR-003\r');
    await s.frame((f) => f.includes('Livre de cuisine lyonnaise'));
    await s.type(KEYS.f6);
    await s.type('2\r9999\r');
    await s.frame((f) => f.includes('Remise : « 10% »'));
    await s.type('20%\r');
    const cut = await s.frame((f) => f.includes('Remise ramenée à 1,25 € : prix du livre réglementé (loi Lang)'));
    expect(cut).toMatch(/Livre de cuisine lyonnaise \(remise\)\s+1\s+25,00 €\s+23,75 €/);
    expect(cut).toMatch(/TOTAL\s+35,64 €/);
    s.ui.unmount();
  });
});
