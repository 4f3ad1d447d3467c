import { describe, expect, it } from 'vitest';
import { escposDocument } from '../../drivers/printer/escpos';
import { decodeEscPos } from '../testing/escpos';
import { renderText } from './receipt';
import { couponSlipBlocks, loyaltySlipBlocks } from './slips';

describe('slips (one frame, printed as text or ESC/POS)', () => {
  it('the loyalty slip: card, points earned and spent, balance, the card as a barcode', async () => {
    const blocks = loyaltySlipBlocks(
      { customerName: 'Martin Dupont', cardCode: 'C000123', balance: 240, earned: 17, spent: 100, visits: 12, reward: '5,00 € de remise', at: new Date('2026-11-22T13:05:00Z') },
      { lang: 'fr', timeZone: 'Europe/Paris', storeName: 'Épicerie du Centre' },
    );
    const text = renderText(blocks, 42);
    expect(text).toContain('FIDÉLITÉ');
    expect(text).toMatch(/Points gagnés +\+17/);
    expect(text).toMatch(/Points utilisés +-100/);
    expect(text).toMatch(/Solde de points +240/);
    expect(text).toMatch(/Récompense disponible +5,00 € de remise/);
    const printed = await decodeEscPos(escposDocument(blocks, { commandSet: 'epson', columns: 42, cut: true }));
    expect(printed.text).toMatch(/Le +22\/11\/2026 14:05/);
    expect(printed.barcodes).toEqual([{ type: 73, data: 'C000123' }]);
  });

  it('the coupon slip: discount, validity, conditions, the code as text, CODE128 and QR; a copy says so', async () => {
    const blocks = couponSlipBlocks(
      { name: 'Rentrée 2026', code: 'REMISE12', discount: { percentBp: 1050 }, minimumCents: 3000, validFrom: '01/09/2026', validUntil: '30/09/2026', conditions: ['Hors promotions en cours.', 'Un bon par passage en caisse.'] },
      { lang: 'fr', storeName: 'Épicerie du Centre', duplicate: true },
    );
    const text = renderText(blocks, 42);
    expect(text.split('\n')[0]).toContain('DUPLICATA');
    expect(text).toMatch(/Remise +10,5 %/);
    expect(text).toMatch(/Dès +30,00 €/);
    expect(text).toMatch(/Valable jusqu’au +30\/09\/2026/);
    expect(text).toContain('Hors promotions en cours.');
    const printed = await decodeEscPos(escposDocument(blocks, { commandSet: 'epson', columns: 42, cut: true }));
    expect(printed.text).toContain('REMISE12');
    expect(printed.barcodes).toEqual([{ type: 73, data: 'REMISE12' }]);
    expect(printed.qr).toEqual(['REMISE12']);
  });
});
