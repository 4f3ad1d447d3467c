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
