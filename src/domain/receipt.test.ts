import { describe, expect, it } from 'vitest';
import { receiptBlocks, renderText } from './receipt';
import type { SaleRecord } from './sale';

const sale: SaleRecord = {
  id: 7, key: 'k', ticketNo: 42, terminalCode: 'T01', storeCode: 'M01', storeName: 'Épicerie du Centre',
  storeAddress: ['12 rue de la République', '69002 Lyon'], operatorCode: '1', operatorName: 'Camille',
  createdAt: new Date('2026-11-22T13:05:00Z'), totalCents: 1117, changeCents: 883, customerId: null, adjustments: [],
  lines: [
    { lineNo: 1, itemId: 1, sku: 'BOUL-001', barcode: '3760000000017', name: 'Baguette tradition', qty: 1, listPriceCents: 130, unitPriceCents: 130, discountCents: 0, ticketDiscountCents: 0, totalCents: 130, vatRateBp: 550 },
    { lineNo: 2, itemId: 2, sku: 'CAVE-001', barcode: null, name: 'Bordeaux rouge 75 cl', qty: 2, listPriceCents: 899, unitPriceCents: 799, discountCents: 160, ticketDiscountCents: 0, totalCents: 1438, vatRateBp: 2000 },
    { lineNo: 3, itemId: 3, sku: 'SNAK-001', barcode: null, name: 'Café expresso', qty: -3, listPriceCents: 150, unitPriceCents: 150, discountCents: 0, ticketDiscountCents: 0, totalCents: -450, vatRateBp: 1000 },
  ],
  tenders: [{ kind: 'card', amountCents: 1000 }, { kind: 'cash', amountCents: 1000 }],
  vat: [
    { rateBp: 2000, grossCents: 1438, vatCents: 240, netCents: 1198 },
    { rateBp: 1000, grossCents: -450, vatCents: -41, netCents: -409 },
    { rateBp: 550, grossCents: 130, vatCents: 7, netCents: 123 },
  ],
};

describe('receipt', () => {
  it('prints the ticket in French at 42 columns, every row within the paper', () => {
    const text = renderText(receiptBlocks(sale, { lang: 'fr', timeZone: 'Europe/Paris' }), 42);
    const rows = text.split('\n');
    for (const r of rows) expect(r.length).toBeLessThanOrEqual(42);
    expect(text).toContain('Ticket T01-000042');
    expect(text).toContain('22/11/2026 14:05'); // Paris time, not the server's
    expect(text).toMatch(/ {2}2 x 7,99 €\s+15,98 €/);
    expect(text).toContain('Prix modifié (8,99 €)');
    expect(text).toMatch(/Remise\s+-1,60 €/);
    expect(text).toMatch(/TOTAL TTC {2}\(0 article\(s\)\)\s+11,17 €/);
    expect(text).toMatch(/Carte bancaire\s+10,00 €/);
    expect(text).toMatch(/Rendu\s+8,83 €/);
    expect(text).toMatch(/20 %\s+11,98 €\s+2,40 €\s+14,38 €/);
    expect(text).toMatch(/10 %\s+-4,09 €\s+-0,41 €\s+-4,50 €/);
    expect(text).not.toContain('DUPLICATA');
  });

  it('marks a reprint as a duplicate, and speaks English when asked', () => {
    const fr = renderText(receiptBlocks(sale, { lang: 'fr', timeZone: 'Europe/Paris', duplicate: true }), 48);
    expect(fr.split('\n')[0]).toContain('*** DUPLICATA ***');
    const en = renderText(receiptBlocks(sale, { lang: 'en', timeZone: 'Europe/Paris' }), 32);
    expect(en).toContain('Receipt T01-000042');
    expect(en).toContain('Change');
    for (const r of en.split('\n')) expect(r.length).toBeLessThanOrEqual(32);
  });
});
