// The chain's load: N tills selling at once, each on its own terminal with a connection of its
// own, whole sales built as the sale screen builds them (baskets.ts) and committed through the
// till's use case, while a back office looks things up (lookups.ts). Works on any database with
// a shop in it: it samples what it sells from what is there (sample.ts) and makes its hot
// vouchers (hotVoucher.ts).
import { commitSale } from '../../app/commitSale';
import { Refusal } from '../../app/errors';
import { openDb } from '../../data/db';
import { seededRandom } from '../catalog';
import { cpuMeter } from '../cpu';
import { benchConfig, fillBasket, type Shop } from './baskets';
import { makeHotVouchers } from './hotVoucher';
import { lookUpUntil } from './lookups';
import { sampleChain } from './sample';
import { closeTills, forSeconds, keepError, openTills, since, timing, type BenchTill } from './timed';
import type { LoadOptions, LoadResult, Timing } from './types';

// The command imports both measures from here.
export { runHotVoucher } from './hotVoucher';

/** Rows of each kind the baskets draw from: enough that two tills rarely want the same voucher. */
const SAMPLE_ROWS = 2000;

/** A mix before any sale is counted. */
export function noMix(): LoadResult['mix'] {
  return { coupon: 0, loyalty: 0, voucher: 0, giftCard: 0, hotVoucher: 0, cash: 0, card: 0 };
}

export async function runLoad(opts: LoadOptions, step: (what: string) => void = () => undefined): Promise<LoadResult> {
  const owner = openDb({ url: opts.url, poolMax: 1, applicationName: 'pos-bench:load-setup' });
  let tills: BenchTill[] = [];
  let office: ReturnType<typeof openDb> | null = null;
  try {
    step(`load: sampling the database for ${opts.tills} tills`);
    const config = benchConfig();
    const sample = await sampleChain(owner, { tills: opts.tills, seed: opts.seed, rows: SAMPLE_ROWS }, seededRandom(opts.seed));
    const hot = await makeHotVouchers(owner, opts.hotVouchers, sample, config);
    const shop: Shop = { sample, hot, config };
    // Each till its own stream of draws, from the seed and its number.
    tills = openTills(opts.url, sample.terminals, 'till', (i) => seededRandom(opts.seed * 1000 + i + 1));

    const result: LoadResult = {
      tills: opts.tills, sales: 0, seconds: 0, perSecond: 0, commit: timing([]),
      mix: noMix(),
      refused: {}, errors: [], lookups: {}, cpu: null,
    };
    let counting = false;
    const refused = (key: string) => {
      if (counting) result.refused[key] = (result.refused[key] ?? 0) + 1;
    };
    const commits: number[] = [];
    const sell = async (till: BenchTill): Promise<void> => {
      try {
        const sale = await fillBasket(till, shop, refused);
        if (!sale) return;
        const began = performance.now();
        await commitSale(till.db, sale.request);
        if (!counting) return;
        commits.push(since(began));
        for (const kind of sale.carries) result.mix[kind]++;
      } catch (e) {
        if (e instanceof Refusal) refused(e.key);
        else if (counting) keepError(result.errors, e);
        else throw e;
      }
    };

    step(`load: one sale on each of ${opts.tills} tills, not counted`);
    await Promise.all(tills.map(sell));

    step(`load: ${opts.tills} tills selling for ${opts.seconds} s${opts.lookups ? ', a back office looking up' : ''}`);
    counting = true;
    const spent = cpuMeter('own');
    let selling = true;
    let lookups: Promise<Record<string, Timing>> = Promise.resolve({});
    if (opts.lookups) {
      office = openDb({ url: opts.url, poolMax: 1, poolMin: 1, applicationName: 'pos-bench:back-office' });
      lookups = lookUpUntil(office, sample, config, seededRandom(opts.seed + 7), () => !selling, result.errors);
    }
    result.seconds = await forSeconds(tills, opts.seconds, sell);
    result.cpu = spent();
    selling = false;
    result.lookups = await lookups;
    result.sales = commits.length;
    result.perSecond = commits.length / result.seconds;
    result.commit = timing(commits);
    return result;
  } finally {
    await closeTills(tills);
    await office?.destroy();
    await owner.destroy();
  }
}
