import { describe, expect, it } from 'vitest';
import { escposDocument } from '../../drivers/printer/escpos';
import { decodeEscPos } from './escpos';

const ESC = 0x1b;
const GS = 0x1d;

describe('the ESC/POS reader of the tests (decodeEscPos)', () => {
  it('a document the till builds reads back whole, with nothing unknown', async () => {
    const printed = await decodeEscPos(escposDocument([{ t: 'text', text: 'Baguette tradition' }, { t: 'barcode', value: 'T01-000042' }], { commandSet: 'epson', columns: 42, cut: true }));
    expect(printed.unknown).toEqual([]);
    expect(printed.text).toContain('Baguette tradition');
    expect(printed.barcodes).toEqual([{ type: 73, data: 'T01-000042' }]);
    expect(printed.cuts).toBe(1);
  });

  it('garbage is reported where it is: commands no printer knows, control bytes in the text', async () => {
    const bytes = Buffer.concat([
      Buffer.from('avant '),
      Buffer.from([ESC, 0x28]), // ESC ( is no ESC/POS command
      Buffer.from('milieu\x01\x07'), // SOH and BEL inside the text
      Buffer.from([GS, 0x7e]), // nor is GS ~
      Buffer.from('apres\n'),
      Buffer.from([GS, 0x56, 0x00]), // a real cut, read after the garbage
    ]);
    const printed = await decodeEscPos(bytes);
    expect(printed.unknown).toEqual([
      { offset: 6, hex: '1b 28' },
      { offset: 14, hex: '01' },
      { offset: 15, hex: '07' },
      { offset: 16, hex: '1d 7e' },
    ]);
    expect(printed.text).toBe('avant milieuapres\n');
    expect(printed.cuts).toBe(1);
  });

  it('a command cut short at the end of the stream is unknown too', async () => {
    expect((await decodeEscPos(Buffer.from([0x41, ESC]))).unknown).toEqual([{ offset: 1, hex: '1b' }]);
  });
});
