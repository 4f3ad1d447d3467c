// Measure 4: store-credit vouchers at scale. A million vouchers (each with its issue row in
// the ledger), then (a) the till's lookup by code, one after another, as the payment screen
// does it (check symbol, then the row), and (b) redemptions by 16 connections at once, as the
// e-shop and tills would send them (idempotency key, conditional debit, ledger row), beside
// pgbench on the same server in the same run.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { voucherByCode } from '../app/vouchers/codes';
import { redeemVoucher } from '../app/vouchers/redeem';
import { openDb } from '../data/db';
import { generateVoucherCode } from '../domain/voucherCode';
import { busyCores, cpuMark } from './cpu';

export interface VoucherOptions {
  url: string;
  vouchers: number;
  lookups: number;
  connections: number;
  seconds: number;
}

export interface VoucherResult {
  vouchers: number;
  loadSeconds: number;
  lookupMs: number[];
  redemptions: number;
  redeemSeconds: number;
  perSecond: number;
  redeemMs: number[];
  machineCores: number;
  errors: string[];
}

const BATCH = 20_000;
const INITIAL_CENTS = 100_00;

/** Random bytes drawn in large blocks: a million codes without a million system calls. */
function pooledRandom(): (n: number) => Uint8Array {
  let pool = randomBytes(1 << 16);
  let at = 0;
  return (n) => {
    if (at + n > pool.length) {
      pool = randomBytes(1 << 16);
      at = 0;
    }
    at += n;
    return pool.subarray(at - n, at);
  };
}

/** Inserts the vouchers and their issue rows, one statement per batch; returns their codes. */
async function loadVouchers(db: Knex, count: number): Promise<string[]> {
  const store = (await db('stores').where('code', 'M01').first('id')) as { id: number };
  const random = pooledRandom();
  const codes: string[] = [];
  for (let done = 0; done < count; done += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, count - done) }, () => generateVoucherCode(random));
    await db.raw(
      `WITH v AS (
         INSERT INTO vouchers (code, origin, initial_cents, balance_cents, store_id, issued_by, approved_by, expires_on, expires_at)
         SELECT c, 'manual', ?, ?, ?, 2, 2, current_date + 365, now() + interval '366 days' FROM unnest(?::text[]) AS c
         ON CONFLICT (code) DO NOTHING
         RETURNING id, initial_cents, store_id, created_at)
       INSERT INTO voucher_movements (voucher_id, kind, amount_cents, balance_after_cents, store_id, operator_id, at)
       SELECT id, 'issue', initial_cents, initial_cents, store_id, 2, created_at FROM v`,
      [INITIAL_CENTS, INITIAL_CENTS, store.id, batch],
    );
    codes.push(...batch);
  }
  await db.raw('ANALYZE vouchers; ANALYZE voucher_movements');
  return codes;
}

export async function measureVouchers(db: Knex, opts: VoucherOptions, step: (what: string) => void = () => undefined): Promise<VoucherResult> {
  const loadStart = performance.now();
  const codes = await loadVouchers(db, opts.vouchers);
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const pick = () => codes[Math.floor(Math.random() * codes.length)]!;

  step(`lookups: ${opts.lookups} codes among ${codes.length.toLocaleString('en')}`);
  const till = openDb({ url: opts.url, poolMax: 1, poolMin: 1, applicationName: 'pos-bench:voucher-lookup' });
  const lookupMs: number[] = [];
  try {
    for (let i = 0; i < 50; i++) await voucherByCode(till, pick()); // warm the connection and the plan
    for (let i = 0; i < opts.lookups; i++) {
      const code = pick();
      const began = performance.now();
      await voucherByCode(till, code);
      lookupMs.push(performance.now() - began);
    }
  } finally {
    await till.destroy();
  }

  step(`redemptions: ${opts.connections} connections for ${opts.seconds} s`);
  const pools = Array.from({ length: opts.connections }, (_, i) => openDb({ url: opts.url, poolMax: 1, poolMin: 1, applicationName: `pos-bench:eshop-${i + 1}` }));
  const redeemMs: number[] = [];
  const errors: string[] = [];
  try {
    await Promise.all(pools.map((p) => p.raw('SELECT 1')));
    const machineBefore = cpuMark();
    const start = performance.now();
    const end = start + opts.seconds * 1000;
    await Promise.all(
      pools.map(async (p, i) => {
        while (performance.now() < end) {
          const began = performance.now();
          try {
            await redeemVoucher(p, { code: pick(), amountCents: 100, channel: 'web', orderRef: `BENCH-${i}`, idempotencyKey: randomUUID(), storeId: null });
            redeemMs.push(performance.now() - began);
          } catch (e) {
            if (errors.length < 5) errors.push((e as Error).message);
          }
        }
      }),
    );
    const redeemSeconds = (performance.now() - start) / 1000;
    return {
      vouchers: codes.length,
      loadSeconds,
      lookupMs,
      redemptions: redeemMs.length,
      redeemSeconds,
      perSecond: redeemMs.length / redeemSeconds,
      redeemMs,
      machineCores: busyCores(machineBefore, cpuMark()),
      errors,
    };
  } finally {
    await Promise.all(pools.map((p) => p.destroy()));
  }
}
