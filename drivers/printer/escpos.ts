// A document (the device-independent Block list of src/domain/receipt.ts) as the bytes of a
// thermal printer, through node-thermal-printer's Epson and Star command sets. The layout of
// each row is the plain-text one (renderText): one layout for paper, file and screen; the
// printer adds what text cannot say (bold, double size, barcodes, QR codes, the cut).
import { createRequire } from 'node:module';
import type { ThermalPrinter as ThermalPrinterType } from 'node-thermal-printer';
import { renderText, type Block } from '../../src/domain/receipt';

export type CommandSet = 'epson' | 'star';

export interface EscPosOptions {
  commandSet: CommandSet;
  /** Characters per row in the normal font: 42 or 48 on 80 mm paper, 32 on 58 mm. */
  columns: number;
  /** Feed and cut at the end (printers without a cutter ignore it). */
  cut: boolean;
}

const require = createRequire(import.meta.url);

function newPrinter(o: EscPosOptions): ThermalPrinterType {
  const { ThermalPrinter } = require('node-thermal-printer') as typeof import('node-thermal-printer');
  // PC858 has the euro sign and every French letter; no interface: the till sends the bytes.
  return new ThermalPrinter({ type: o.commandSet as never, width: o.columns, characterSet: 'PC858_EURO' as never, breakLine: 'NONE' as never, interface: '' });
}

/**
 * Typography the cheapest printers lack, replaced by its plain form before encoding (the
 * library would otherwise switch code pages in the middle of a line for a curly apostrophe).
 */
export function printable(text: string): string {
  return text
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/[\u00a0\u202f\u2007\u2009]/g, ' ');
}

function rows(block: Block, columns: number): string[] {
  return renderText([block], columns).replace(/\n$/, '').split('\n');
}

/** The bytes of one document, from printer reset to cut. */
export function escposDocument(blocks: readonly Block[], o: EscPosOptions): Buffer {
  const p = newPrinter(o);
  // ESC @ (not in the library's typings): every document starts from the printer's defaults.
  (p as unknown as { initHardware(): void }).initHardware();
  p.setCharacterSet('PC858_EURO' as never);
  const star = o.commandSet === 'star';
  for (const b of blocks) {
    switch (b.t) {
      case 'text':
      case 'pair': {
        const big = b.t === 'text' && b.big === true;
        if (b.bold) p.bold(true);
        if (big) p.setTextQuadArea();
        // Double-size characters take two columns each.
        for (const row of rows(b, big ? Math.floor(o.columns / 2) : o.columns)) p.println(printable(row));
        if (big) p.setTextNormal();
        if (b.bold) p.bold(false);
        break;
      }
      case 'rule':
      case 'feed':
        for (const row of rows(b, o.columns)) p.println(row);
        break;
      case 'barcode':
        p.alignCenter();
        if (b.symbology === 'EAN13') {
          if (star) p.printBarcode(b.value, 3, { characters: 2, mode: 2, height: 80 } as never);
          else p.printBarcode(b.value, 67, { hriPos: 2, hriFont: 0, width: 3, height: 80 } as never);
        } else if (star) {
          p.code128(b.value, { text: 2, width: 'MEDIUM', height: 80 } as never);
        } else {
          p.code128(b.value, { hriPos: 2, hriFont: 0, width: 2, height: 80 } as never);
        }
        p.newLine();
        p.alignLeft();
        break;
      case 'qr':
        p.alignCenter();
        if (star) p.add(starQr(b.value));
        else p.printQR(b.value, { model: 2, correction: 'M', cellSize: 6 } as never);
        p.newLine();
        p.alignLeft();
        break;
    }
  }
  if (o.cut) p.cut();
  return Buffer.from(p.getBuffer());
}

/**
 * A QR code in Star line mode. node-thermal-printer's Star printQR() sends the data's length
 * and bytes without the ESC GS y D 1 command that introduces them, which the printer reads
 * as text. Model 2, correction M, cells of 6 dots.
 */
export function starQr(value: string): Buffer {
  const data = Buffer.from(value, 'latin1');
  const cmd = (...b: number[]) => Buffer.from([0x1b, 0x1d, 0x79, ...b]);
  return Buffer.concat([cmd(0x53, 0x30, 2), cmd(0x53, 0x31, 1), cmd(0x53, 0x32, 6), cmd(0x44, 0x31, 0, data.length & 0xff, data.length >> 8), data, cmd(0x50)]);
}

export type DrawerPin = 2 | 5;

/**
 * Opens the cash drawer wired to the printer. Epson: ESC p m t1 t2 (pin 2 → m = 0, pin 5 →
 * m = 1; on 25 × 2 ms, off 250 × 2 ms). node-thermal-printer's openCashDrawer() sends ESC p 0
 * ESC p 1 without the timings, which printers read as ESC p 0 0x1B 0x70 and then garbage.
 * Star line mode: ESC BEL n1 n2 sets the pulse, BEL fires drawer 1 (SUB fires drawer 2).
 */
export function drawerKick(commandSet: CommandSet, pin: DrawerPin = 2): Buffer {
  if (commandSet === 'star') return Buffer.from([0x1b, 0x07, 0x0b, 0x37, pin === 2 ? 0x07 : 0x1a]);
  return Buffer.from([0x1b, 0x70, pin === 2 ? 0x00 : 0x01, 0x19, 0xfa]);
}
