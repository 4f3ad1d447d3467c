// Placeholder, replaced at merge by the real load: cash sales of the bench's commit measure at
// the chain's tills, and a hot "voucher" stood in for by the same sales.
import type { Knex } from 'knex';
import { commitSale } from '../../app/commitSale';
import { openDb } from '../../data/db';
import { findTerminal, type Terminal } from '../../data/places';
import type { CatalogItem } from '../../domain/item';
import { buildSale } from '../commits';
import { percentile, max } from '../stats';
import type { HotVoucherOptions, HotVoucherResult, LoadOptions, LoadResult, Timing } from './types';

function timing(samples: number[]): Timing {
  return { n: samples.length, p50: percentile(samples, 50), p99: percentile(samples, 99), max: max(samples) };
}

async function sell(url: string, tills: number, seconds: number, seed: number): Promise<{ sales: number; seconds: number; latencies: number[]; errors: string[] }> {
  const open: { db: Knex; terminal: Terminal }[] = [];
  try {
    for (let i = 0; i < tills; i++) {
      const db = openDb({ url, poolMax: 1, poolMin: 1, applicationName: `pos-bench:chain-${i + 1}` });
      const codes = (await db('terminals').whereRaw("code ~ '^S[0-9]{3}-T[0-9]{2}$'").orderBy('code').pluck('code')) as string[];
      open.push({ db, terminal: (await findTerminal(db, codes[i % codes.length]!))! });
    }
    const rows = (await open[0]!.db('items').where('active', true).whereNotNull('barcode').limit(500).select('id', 'sku', 'barcode', 'name', 'price_cents', 'vat_rate_bp')) as { id: number; sku: string; barcode: string; name: string; price_cents: number; vat_rate_bp: number }[];
    const items: CatalogItem[] = rows.map((r) => ({ id: r.id, sku: r.sku, barcode: r.barcode, name: r.name, priceCents: r.price_cents, vatRateBp: r.vat_rate_bp }));
    let s = seed;
    const random = () => (s = (s * 48271) % 2147483647) / 2147483647;
    const latencies: number[] = [];
    const errors: string[] = [];
    const start = performance.now();
    const end = start + seconds * 1000;
    await Promise.all(open.map(async (t) => {
      while (performance.now() < end) {
        const began = performance.now();
        try {
          await commitSale(t.db, buildSale(t.terminal, items, 3, random));
          latencies.push(performance.now() - began);
        } catch (e) {
          if (errors.length < 5) errors.push((e as Error).message);
        }
      }
    }));
    return { sales: latencies.length, seconds: (performance.now() - start) / 1000, latencies, errors };
  } finally {
    await Promise.all(open.map((t) => t.db.destroy()));
  }
}

export async function runLoad(opts: LoadOptions, _step?: (what: string) => void): Promise<LoadResult> {
  const r = await sell(opts.url, opts.tills, opts.seconds, opts.seed);
  return {
    tills: opts.tills, sales: r.sales, seconds: r.seconds, perSecond: r.sales / r.seconds, commit: timing(r.latencies),
    mix: { coupon: 0, loyalty: 0, voucher: 0, giftCard: 0, hotVoucher: 0, cash: r.sales, card: 0 },
    refused: {}, errors: r.errors, lookups: {},
  };
}

export async function runHotVoucher(opts: HotVoucherOptions): Promise<HotVoucherResult> {
  const r = await sell(opts.url, opts.tills, opts.seconds, 7);
  return { redemptions: r.sales, seconds: r.seconds, perSecond: r.sales / r.seconds, redeem: timing(r.latencies), errors: r.errors };
}
