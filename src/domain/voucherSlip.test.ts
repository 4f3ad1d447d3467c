import { describe, expect, it } from 'vitest';
import { renderText } from './receipt';
import { checkSymbol, formatVoucherCode } from './voucherCode';
import { voucherSlipBlocks } from './voucherSlip';

describe('voucher slip', () => {
  const code = 'K7QM4HXT9CWRP' + checkSymbol('K7QM4HXT9CWRP');
  const v = { code, initialCents: 2500, balanceCents: 2500, expiresOn: '2027-11-22', createdAt: new Date('2026-11-22T09:30:00Z'), customerName: 'Martin Claire' };

  it('carries the code as text, CODE128 and QR, the amount, the last day and the conditions', () => {
    const blocks = voucherSlipBlocks(v, { lang: 'fr', timeZone: 'Europe/Paris', storeName: 'Épicerie du Centre' });
    expect(blocks).toContainEqual({ t: 'barcode', value: code, symbology: 'CODE128' });
    expect(blocks).toContainEqual({ t: 'qr', value: code });
    const text = renderText(blocks, 42);
    expect(text).toContain('BON D’ACHAT');
    expect(text).toContain(formatVoucherCode(code));
    expect(text).toMatch(/Montant\s+25,00 €/);
    expect(text).toMatch(/Valable jusqu’au\s+22\/11\/2027/);
    expect(text).toMatch(/Émis le\s+22\/11\/2026 10:30/);
    expect(text).toContain('Martin Claire');
    expect(text).toContain('Non remboursable en espèces.');
    for (const line of renderText(blocks, 32).split('\n')) expect(line.length).toBeLessThanOrEqual(32);
    expect(text).not.toContain('Solde');
  });

  it('shows the balance when part was spent, and says DUPLICATA on a reprint, in English too', () => {
    const text = renderText(voucherSlipBlocks({ ...v, balanceCents: 1000 }, { lang: 'en', timeZone: 'Europe/Paris', duplicate: true }), 42);
    expect(text).toContain('*** DUPLICATE ***');
    expect(text).toMatch(/Balance\s+€10\.00/);
    expect(text).toContain('STORE CREDIT VOUCHER');
  });
});
