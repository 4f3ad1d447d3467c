// Scan to frame while the chain sells: the built till at one of the generated tills, in a
// pseudo-terminal, signed in; then the load starts and barcodes are typed as a keyboard-wedge
// scanner types them ("<digits>\r"), each timed from its Enter to the frame showing the article.
import type { Knex } from 'knex';
import { DEMO } from '../../app/seedDemo';
import { GIFT_CARD_SKU } from '../../domain/giftCard';
import { articleCount, loginReady } from '../screenText';
import { PtyTill } from './ptyTill';
import { runLoad } from './load';
import type { LoadOptions, LoadResult } from './types';

export interface ScanUnderLoadResult {
  terminal: string;
  /** Enter → frame, in ms, one per scan done. */
  latencies: number[];
  /** What the tills sold meanwhile. */
  salesPerSecond: number;
  errors: string[];
}

/** Between two scans, as a cashier moves to the next article (the single-till scan measure's pause). */
const PAUSE_MS = 20;
/** A chain till's code: S001-T01 (../chain/types). */
const CHAIN_TERMINAL = '^S[0-9]{3}-T[0-9]{2}$';

export async function scanUnderLoad(db: Knex, load: LoadOptions, scans: number, note: (text: string) => void = () => undefined): Promise<ScanUnderLoadResult> {
  // The last till of the chain: the load starts from the first ones.
  const row = (await db('terminals').whereRaw('code ~ ?', [CHAIN_TERMINAL]).orderBy('code', 'desc').first('code')) as { code: string } | undefined;
  const terminal = row?.code ?? DEMO.terminals[0].code;
  const items = (await db('items')
    .where('active', true)
    .whereNotNull('barcode')
    .where('price_cents', '>', 0)
    .whereNot('sku', GIFT_CARD_SKU)
    .orderByRaw('md5(sku)')
    .limit(scans)
    .select('barcode', 'name')) as { barcode: string; name: string }[];
  const errors: string[] = [];
  const latencies: number[] = [];
  const till = PtyTill.start(load.url, terminal);
  let loading: Promise<LoadResult[]> | null = null;
  let scanning = true;
  try {
    await till.waitFor(loginReady, 60_000);
    note(`  till ${terminal} on screen`);
    const saleScreen = till.waitFor((s) => s.includes(articleCount(0)), 20_000);
    const cashier = DEMO.operators[0];
    till.type(`${cashier.code}\r`);
    till.type(`${cashier.pin}\r`);
    await saleScreen;
    note('  signed in; the load starts');
    // Load after load until the last scan: every scan is timed while the tills sell.
    loading = (async () => {
      const loads: LoadResult[] = [];
      do loads.push(await runLoad(load));
      while (scanning);
      return loads;
    })();
    // The tills open their connections and sell a first basket before the scans count.
    await sleep(Math.min(1000, load.seconds * 250));
    let count = 0;
    for (const item of items) {
      count += 1;
      await sleep(PAUSE_MS);
      // A long name is cut on the basket's line: its start is enough beside the count, which only grows.
      const frame = till.waitFor((s) => s.includes(articleCount(count)) && s.includes(item.name.slice(0, 12)));
      const start = performance.now();
      till.type(`${item.barcode}\r`);
      try {
        latencies.push((await frame) - start);
      } catch (e) {
        errors.push(`${item.barcode}: ${(e as Error).message}`);
        break;
      }
    }
    note(`  ${latencies.length} scans timed`);
    scanning = false;
    const loads = await loading;
    const sales = loads.reduce((n, l) => n + l.sales, 0);
    const seconds = loads.reduce((n, l) => n + l.seconds, 0);
    return { terminal, latencies, salesPerSecond: sales / seconds, errors: [...errors, ...loads.flatMap((l) => l.errors)].slice(0, 5) };
  } finally {
    scanning = false;
    await till.stop();
    // A failed scan leaves no load running behind the next measure.
    await loading?.catch(() => undefined);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
