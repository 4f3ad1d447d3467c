import { describe, expect, it } from 'vitest';
import { ean13 } from '../../domain/ean';
import { useTestDatabase } from '../../testing/db';
import { KEYS } from '../../testing/tui';
import { useTillScreens } from '../../testing/tillScreen';
import { testConfig } from '../../testing/tui';

const BAGUETTE = '3760000000017';

describe('repeated scans at the till', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();

  it('add to the last line by default; a scale label is a line of its own, even at the same price', async () => {
    const { db, url } = testDb();
    const group = await db('item_groups').first();
    await db('items').insert({ sku: 'TRAIT-PX', barcode: ean13('220000200000'), name: 'Taboulé maison', price_cents: 0, vat_rate_bp: 550, group_id: group.id });
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn();
    for (let i = 0; i < 3; i++) await s.type(`${BAGUETTE}\r`);
    const merged = await s.frame((f) => /Baguette tradition\s+3\s+1,30 €\s+3,90 €/.test(f));
    expect(merged.match(/Baguette tradition\s+\d/g)).toHaveLength(1);
    const label = ean13('220000200349');
    await s.type(`${label}\r`);
    await s.type(`${label}\r`);
    const labels = await s.frame((f) => (f.match(/Taboulé maison\s+1\s+3,49 €\s+3,49 €/g) ?? []).length === 2);
    expect(labels).toMatch(/TOTAL\s+10,88 €/);
    s.ui.unmount();
  });

  it('make one line per scan when sale.mergeScans is off', async () => {
    const { url } = testDb();
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none', POS_SALE_MERGE_SCANS: 'false' }));
    await s.signIn();
    for (let i = 0; i < 3; i++) await s.type(`${BAGUETTE}\r`);
    const apart = await s.frame((f) => (f.match(/Baguette tradition\s+1\s+1,30 €\s+1,30 €/g) ?? []).length === 3);
    expect(apart).toMatch(/3 art\.\s+TOTAL\s+3,90 €/);
    s.ui.unmount();
  });
});

describe('a key pressed right after a scan', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();

  it('acts on the ticket the scan made: F12 takes its payment, F4 voids the item just scanned', async () => {
    const { url } = testDb();
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn();
    // The scanner's code and CR, then the cashier's key, before the item is even looked up.
    await s.type(`${BAGUETTE}\r${KEYS.f12}`);
    const paying = await s.frame((f) => f.includes('Encaissement'));
    expect(paying).toMatch(/1,30 €/);
    expect(paying).not.toContain('Le ticket est vide');
    await s.type(KEYS.esc);
    await s.frame((f) => f.includes('TOTAL') && !f.includes('Encaissement'));
    await s.type(`3760000000062\r${KEYS.f4}`);
    const voided = await s.frame((f) => f.includes('Ligne annulée : Croissant'));
    expect(voided).toMatch(/TOTAL\s+1,30 €/);
    expect(voided).not.toMatch(/Croissant\s+1\s/);
    expect(voided).toContain('Baguette tradition');
    s.ui.unmount();
  });
});

describe('the forms over the entry line (TextField, ink-text-input)', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();

  it('take each chunk as its keys typed one by one: every Backspace of a chunk, a manager’s code and PIN in one, an amount and the key that takes it', async () => {
    const { db, url } = testDb();
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn();
    await s.type(`${BAGUETTE}\r`);
    await s.frame((f) => f.includes('Baguette tradition'));
    await s.type(KEYS.f3);
    await s.frame((f) => f.includes('Nouvelle quantité ›'));
    await s.type('25\x7f\x7f3\r');
    await s.frame((f) => /Baguette tradition\s+3\s+1,30 €\s+3,90 €/.test(f));
    await s.type(KEYS.f5);
    await s.frame((f) => f.includes('Responsable (prix)'));
    await s.type('2\r9999\r');
    await s.frame((f) => f.includes('Nouveau prix unitaire'));
    await s.type('9,99\x7f\x7f\x7f\x7f1,10\r');
    await s.frame((f) => /Baguette tradition \(prix modifié\)\s+3\s+1,10 €\s+3,30 €/.test(f));
    await s.type(KEYS.f12);
    await s.frame((f) => f.includes('Reste à payer'));
    await s.type(`15\x7f${KEYS.f3}`);
    await s.frame((f) => /Carte\s+1,00 €/.test(f) && /Reste à payer\s+2,30 €/.test(f));
    await s.type('\r');
    await s.frame((f) => f.includes('Réglé'));
    await s.type('\r');
    await s.frame((f) => f.includes('enregistré'));
    const [sale] = await db('sales').orderBy('id', 'desc').limit(1);
    expect(await db('sale_tenders').where('sale_id', sale.id).orderBy('seq').select('kind', 'amount_cents')).toEqual([
      { kind: 'card', amount_cents: 100 },
      { kind: 'cash', amount_cents: 230 },
    ]);
    s.ui.unmount();
  });
});
