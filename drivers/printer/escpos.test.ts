import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { receiptBlocks } from '../../src/domain/receipt';
import type { SaleRecord } from '../../src/domain/sale';
import { decodeEscPos } from '../../src/testing/escpos';
import { needs } from '../../src/testing/tools';
import { drawerKick, escposDocument } from './escpos';

const sale: SaleRecord = {
  id: 7, key: 'k', ticketNo: 42, terminalCode: 'T01', storeCode: 'M01', storeName: 'Épicerie du Centre',
  storeAddress: ['12 rue de la République', '69002 Lyon'], operatorCode: '1', operatorName: 'Camille',
  createdAt: new Date('2026-11-22T13:05:00Z'), totalCents: 1117, changeCents: 883, customerId: null,
  adjustments: [{ kind: 'coupon', ref: 'REMISE', label: 'Remise fidélité', amountCents: 100 }],
  lines: [
    { lineNo: 1, itemId: 1, sku: 'BOUL-001', barcode: '3760000000017', name: 'Baguette tradition', qty: 1, listPriceCents: 130, unitPriceCents: 130, discountCents: 0, ticketDiscountCents: 0, totalCents: 130, vatRateBp: 550 },
    { lineNo: 2, itemId: 2, sku: 'CAVE-001', barcode: null, name: 'Bordeaux rouge 75 cl', qty: 2, listPriceCents: 899, unitPriceCents: 899, discountCents: 160, ticketDiscountCents: 100, totalCents: 1538, vatRateBp: 2000 },
  ],
  tenders: [{ kind: 'card', amountCents: 1000 }, { kind: 'cash', amountCents: 1000 }],
  vat: [
    { rateBp: 2000, grossCents: 1538, vatCents: 256, netCents: 1282 },
    { rateBp: 550, grossCents: 130, vatCents: 7, netCents: 123 },
  ],
};

const blocks = receiptBlocks(sale, {
  lang: 'fr',
  timeZone: 'Europe/Paris',
  extra: [{ t: 'pair', left: 'Points gagnés', right: '17' }, { t: 'qr', value: 'https://boutique.example/bon/K7F2-9QXM' }],
});

describe('ESC/POS documents (Epson), read back by npos', () => {
  it('prints the receipt: its text in PC858 (accents, euro), the ticket number as CODE128, the QR, a cut', async () => {
    const printed = await decodeEscPos(escposDocument(blocks, { commandSet: 'epson', columns: 42, cut: true }));
    expect(printed.text).toContain('Épicerie du Centre');
    expect(printed.text).toContain('12 rue de la République');
    expect(printed.text).toMatch(/Ticket T01-000042 +22\/11\/2026 14:05/);
    expect(printed.text).toMatch(/ {2}2 x 8,99 € +17,98 €/);
    expect(printed.text).toMatch(/ {2}Remise +-1,60 €/);
    expect(printed.text).toMatch(/Remise fidélité +-1,00 €/);
    expect(printed.text).toMatch(/TOTAL TTC {2}\(3 article\(s\)\) +11,17 €/);
    expect(printed.text).toMatch(/Carte bancaire +10,00 €/);
    expect(printed.text).toMatch(/Rendu +8,83 €/);
    expect(printed.text).toMatch(/Points gagnés +17/);
    expect(printed.text).toMatch(/20 % +12,82 € +2,56 € +15,38 €/);
    for (const row of printed.text.split('\n')) expect(row.length).toBeLessThanOrEqual(42);
    expect(printed.barcodes).toEqual([{ type: 73, data: 'T01-000042' }]);
    expect(printed.qr).toEqual(['https://boutique.example/bon/K7F2-9QXM']);
    expect(printed.drawer).toEqual([]);
    expect(printed.cuts).toBe(1);
  });

  it('fits 48 columns, and EAN-13 goes out as EAN-13', async () => {
    const doc = escposDocument([...blocks, { t: 'barcode', value: '3760000000017', symbology: 'EAN13' }], { commandSet: 'epson', columns: 48, cut: false });
    const printed = await decodeEscPos(doc);
    for (const row of printed.text.split('\n')) expect(row.length).toBeLessThanOrEqual(48);
    expect(printed.text).toMatch(/^Baguette tradition {24}1,30 €$/m);
    expect(printed.barcodes).toContainEqual({ type: 67, data: '3760000000017' });
    expect(printed.cuts).toBe(0);
  });

  it('marks a reprint DUPLICATA', async () => {
    const dup = receiptBlocks(sale, { lang: 'fr', timeZone: 'Europe/Paris', duplicate: true });
    expect((await decodeEscPos(escposDocument(dup, { commandSet: 'epson', columns: 42, cut: true }))).text).toContain('*** DUPLICATA ***');
  });

  it('kicks the drawer with a well-formed ESC p m t1 t2 (the library\'s own is not)', async () => {
    expect([...drawerKick('epson', 2)]).toEqual([0x1b, 0x70, 0x00, 0x19, 0xfa]);
    expect([...drawerKick('epson', 5)]).toEqual([0x1b, 0x70, 0x01, 0x19, 0xfa]);
    const printed = await decodeEscPos(drawerKick('epson', 2));
    expect(printed.drawer).toEqual([{ m: 0, t1: 25, t2: 250 }]);
  });
});

describe('ESC/POS documents (Star line mode)', () => {
  it('uses Star commands: ESC b for barcodes ending in RS, ESC GS y D / P for QR (data announced, unlike the library does), ESC d to cut, ESC BEL … BEL for the drawer', () => {
    const doc = escposDocument(blocks, { commandSet: 'star', columns: 48, cut: true });
    const hex = doc.toString('hex');
    expect(hex).toContain(Buffer.from('\x1bb6\x02\x32\x50T01-000042\x1e', 'latin1').toString('hex'));
    const qr = 'https://boutique.example/bon/K7F2-9QXM';
    expect(hex).toContain(Buffer.concat([Buffer.from([0x1b, 0x1d, 0x79, 0x44, 0x31, 0, qr.length, 0]), Buffer.from(qr), Buffer.from([0x1b, 0x1d, 0x79, 0x50])]).toString('hex'));
    expect(hex).toContain('1b6402'); // full cut
    expect(doc.includes(Buffer.from('Épicerie', 'latin1'))).toBe(false); // not Latin-1: PC858
    expect(doc.includes(Buffer.from([0x90, 0x70, 0x69, 0x63]))).toBe(true); // É in PC858 is 0x90
    expect([...drawerKick('star', 2)]).toEqual([0x1b, 0x07, 0x0b, 0x37, 0x07]);
  });
});

// The barcode payloads read back above, drawn as images and read by a real barcode reader:
// what the printer was told to print scans as the same code.
describe.skipIf(!needs('zbarimg', 'reading the printed barcodes back with a real reader'))('barcodes as a scanner reads them (zbarimg)', () => {
  it('CODE128 and EAN-13 payloads decode back to the same codes', async () => {
    const bwip = await import('bwip-js/node');
    const printed = await decodeEscPos(escposDocument([{ t: 'barcode', value: 'T01-000042' }, { t: 'barcode', value: '3760000000017', symbology: 'EAN13' }], { commandSet: 'epson', columns: 42, cut: false }));
    expect(printed.barcodes.map((b) => b.type)).toEqual([73, 67]);
    const dir = mkdtempSync(join(tmpdir(), 'pos-zbar-'));
    for (const { type, data } of printed.barcodes) {
      const png = await bwip.toBuffer({ bcid: type === 67 ? 'ean13' : 'code128', text: data, scale: 3, height: 12, backgroundcolor: 'ffffff' });
      const file = join(dir, `${type}.png`);
      writeFileSync(file, png);
      const read = execFileSync('zbarimg', ['--quiet', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      expect(read).toBe(`${type === 67 ? 'EAN-13' : 'CODE-128'}:${data}`);
    }
  });
});
