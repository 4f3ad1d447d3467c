import { readFileSync } from 'node:fs';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { noPrinter } from '../../drivers/printer/textPrinter';
import { receiptPrinter } from '../app/receipts';
import { closeTill, openTill, type Till } from '../app/till';
import type { Config } from '../config/schema';
import { useTestDatabase } from '../testing/db';
import { KEYS, testConfig, waitForFrame } from '../testing/tui';
import { App } from './App';

const BAGUETTE = '3760000000017';
const CROISSANT = '3760000000062';

describe('the till on screen', () => {
  const testDb = useTestDatabase();
  const tills: Till[] = [];
  afterEach(async () => {
    while (tills.length) await closeTill(tills.pop()!);
  });

  function start(config: Config) {
    let bells = 0;
    const ui = render(
      <App
        config={config}
        open={async () => {
          const t = await openTill(config);
          tills.push(t);
          return t;
        }}
        printer={config.receipt.output === 'none' ? noPrinter : receiptPrinter(config)}
        bell={() => (bells += 1)}
        log={{ error: (o, m) => console.error(m, o) }}
        onExit={() => undefined}
      />,
    );
    const frame = (check: (f: string) => boolean) => waitForFrame(ui.lastFrame, check);
    const type = async (text: string) => {
      ui.stdin.write(text);
      await new Promise((r) => setTimeout(r, 20));
    };
    return { ui, frame, type, bells: () => bells };
  }

  async function signIn(s: ReturnType<typeof start>, code = '1', pin = '1234') {
    await s.frame((f) => f.includes('base OK'));
    await s.type(`${code}\r`);
    await s.type(`${pin}\r`);
  }

  it('signs in, sells scanned items and takes cash with change', async () => {
    const { db, url } = testDb();
    const config = testConfig(url);
    const s = start(config);
    await signIn(s);
    await s.frame((f) => f.includes('Camille') && f.includes('TOTAL'));

    // A keyboard-wedge scanner: the code and its CR in one chunk.
    await s.type(`${BAGUETTE}\r`);
    await s.frame((f) => f.includes('Baguette tradition') && f.includes('1,30 €'));
    // Quantity prefix, then a scan.
    await s.type('3*\r');
    await s.frame((f) => f.includes('Quantité 3'));
    await s.type(`${CROISSANT}\r`);
    await s.frame((f) => f.includes('Croissant') && f.includes('3,60 €') && f.includes('4,90 €'));

    await s.type(KEYS.f12);
    await s.frame((f) => f.includes('Encaissement') && f.includes('Reste à payer'));
    await s.type('20\r');
    await s.frame((f) => f.includes('RENDU MONNAIE') && f.includes('15,10 €'));
    await s.type('\r');
    const done = await s.frame((f) => f.includes('enregistré'));
    expect(done).toMatch(/Ticket T01-0000\d\d enregistré · RENDU 15,10 €/);

    const [sale] = await db('sales').orderBy('id', 'desc').limit(1);
    expect(sale.total_cents).toBe(490);
    expect(sale.change_cents).toBe(1510);
    expect(await db('sale_lines').where('sale_id', sale.id).orderBy('line_no').pluck('qty')).toEqual([1, 3]);
    expect(readFileSync(config.receipt.file, 'utf8')).toContain('Croissant');
    s.ui.unmount();
  });

  it('refuses bad input with a message and a bell, leaving the basket as it was', async () => {
    const { url } = testDb();
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await signIn(s);
    await s.type(`${BAGUETTE}\r`);
    await s.frame((f) => f.includes('Baguette tradition'));
    await s.type('3760000009997\r');
    await s.frame((f) => f.includes('Article inconnu : 3760000009997'));
    await s.type('3760000000018\r');
    await s.frame((f) => f.includes('clé de contrôle'));
    await s.type('0*\r');
    await s.frame((f) => f.includes('Quantité nulle'));
    await s.type('abc*\r');
    await s.frame((f) => f.includes('Quantité invalide'));
    await s.type('10000*\r');
    const last = await s.frame((f) => f.includes('9999 au plus'));
    expect(s.bells()).toBe(5);
    expect(last).toContain('1 art.');
    expect(last).toMatch(/TOTAL\s+1,30 €/);
    s.ui.unmount();
  });
});
