// `pos sale create` prints on the printer recorded for its till (pos terminal edit), not on the
// one of its configuration: a file: printer each, to see where the receipt went.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeEscPos } from '../../testing/escpos';
import { useCli } from '../testCli';

describe('a command that prints, on a till with a recorded printer', () => {
  const { db, posEnv } = useCli();

  it('prints the receipt on the recorded printer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-recorded-printer-'));
    const configured = join(dir, 'configured.bin');
    const recorded = join(dir, 'recorded.bin');
    await db().owner('terminals').where('code', 'T01').update({ devices: JSON.stringify({ printer: `file:${recorded}` }) });
    const sold = await posEnv({ POS_DEVICES_PRINTER_URI: `file:${configured}` }, '--json', 'sale', 'create', '--operator', '1', '--line', '3760000000017', '--tender', 'cash:5');
    expect(sold).toMatchObject({ code: 0, stderr: '' });
    expect((await decodeEscPos(await readFile(recorded))).barcodes).toEqual([{ type: 73, data: expect.stringMatching(/^T01-0+\d+$/) }]);
    expect(existsSync(configured)).toBe(false);
  });
});
