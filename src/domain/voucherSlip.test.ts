import { describe, expect, it } from 'vitest';
import { fakeNetworkPrinter } from '../../drivers/fakes/networkPrinter';
import { openTcp } from '../../drivers/link/tcp';
import { escposPrinter } from '../../drivers/printer/printer';
import { decodeEscPos } from '../testing/escpos';
import { renderText } from './receipt';
import { checkSymbol, formatVoucherCode } from './voucherCode';
import { voucherSlipBlocks } from './voucherSlip';

describe('voucher slip', () => {
  const code = 'K7QM4HXT9CWRP' + checkSymbol('K7QM4HXT9CWRP');
  const v = { code, initialCents: 2500, balanceCents: 2500, expiresOn: '2027-11-22', createdAt: new Date('2026-11-22T09:30:00Z'), customerName: 'Martin Claire' };

  it('carries the code as text, CODE128 and QR, the amount, the last day and the conditions', () => {
    const blocks = voucherSlipBlocks(v, { lang: 'fr', timeZone: 'Europe/Paris', storeName: 'Épicerie du Centre' });
    expect(blocks).toContainEqual({ t: 'barcode', value: code });
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

  it('printed by an ESC/POS printer on the network: the code reads back as text, CODE128 and QR, with the amount, last day and conditions', async () => {
    const fake = await fakeNetworkPrinter();
    try {
      const printer = escposPrinter({ name: fake.uri, open: () => openTcp('127.0.0.1', fake.port, 2000), commandSet: 'epson', columns: 42, cut: true, timeoutMs: 2000 });
      await printer.print(voucherSlipBlocks({ ...v, balanceCents: 1000 }, { lang: 'fr', timeZone: 'Europe/Paris', storeName: 'Épicerie du Centre', duplicate: true }));
      const printed = await decodeEscPos(fake.bytes());
      expect(printed.barcodes).toEqual([{ type: 73, data: code }]);
      expect(printed.qr).toEqual([code]);
      expect(printed.unknown).toEqual([]);
      expect(printed.text).toContain('*** DUPLICATA ***');
      expect(printed.text).toContain('Épicerie du Centre');
      expect(printed.text).toContain(formatVoucherCode(code));
      expect(printed.text).toMatch(/Montant +25,00 €/);
      expect(printed.text).toMatch(/Solde +10,00 €/);
      // The printer's code page has no ’: the driver prints '.
      expect(printed.text).toMatch(/Valable jusqu'au +22\/11\/2027/);
      expect(printed.text).toContain('Non remboursable en espèces.');
      expect(printed.cuts).toBe(1);
    } finally {
      await fake.close();
    }
  });
});
