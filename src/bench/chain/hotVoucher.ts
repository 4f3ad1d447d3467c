// Hot vouchers: a few vouchers every till draws on, on purpose, so that many transactions want
// the same rows at once. The load makes its own, and measures them alone too: tills selling one
// item paid whole by one of them, through the payment screen's voucher key and the sale's
// commit (its conditional debit and ledger row in the ticket's transaction), to be set beside
// pgbench's bare conditional UPDATE of one row (HOT_ROW_SCRIPT in ../giftCards).
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { commitSale } from '../../app/commitSale';
import { redeemVoucher } from '../../app/vouchers/redeem';
import { lookupEntry } from '../../app/lookup';
import { newVoucherCode } from '../../app/vouchers/codes';
import { voucherTender } from '../../app/vouchers/tender';
import type { Config } from '../../config/schema';
import { insertAudit } from '../../data/audit';
import { openDb } from '../../data/db';
import type { Terminal } from '../../data/places';
import { defaultExpiry, insertVoucher } from '../../data/vouchers';
import { basketReducer, basketTotals, openBasket } from '../../domain/basket';
import type { CatalogItem } from '../../domain/item';
import { addTender, type Payment } from '../../domain/tender';
import { seededRandom } from '../catalog';
import { benchConfig } from './baskets';
import { HOT_VOUCHER_NOTE, sampleChain, type ChainSample } from './sample';
import { closeTills, forSeconds, keepError, openTills, since, timing, type BenchTill } from './timed';
import type { HotVoucherOptions, HotVoucherResult } from './types';

/** The most a voucher may hold (the table's own bound): no run of the bench comes near using it up. */
const HOT_CENTS = 9_999_999_999;

/**
 * `count` new vouchers of the largest amount, each with its issue row and the audit line a
 * voucher issued by hand leaves, approved by the sample's manager; their codes. Written as the
 * owner, past the shop's ceiling on vouchers (config limits), which is the till's rule, not the
 * books'.
 */
export async function makeHotVouchers(db: Knex, count: number, sample: ChainSample, config: Config): Promise<string[]> {
  const terminal = sample.terminals[0]!;
  const expiry = await defaultExpiry(db, config.timeZone, config.vouchers.validityMonths, new Date());
  const codes: string[] = [];
  for (let i = 0; i < count; i++) {
    const code = newVoucherCode();
    await db.transaction(async (trx) => {
      await insertVoucher(trx, {
        code, origin: 'manual', amountCents: HOT_CENTS, customerId: null, storeId: terminal.storeId, terminalId: terminal.id, saleId: null,
        issuedBy: sample.managerId, approvedBy: sample.managerId, note: HOT_VOUCHER_NOTE, ...expiry,
      });
      await insertAudit(trx, [{ action: 'voucher_issue', terminalId: terminal.id, operatorId: sample.managerId, approverId: sample.managerId, details: { code, origin: 'manual', amount_cents: HOT_CENTS } }]);
    });
    codes.push(code);
  }
  return codes;
}

/** One item paid whole by the voucher, as the payment screen takes it (looked up, then its amount). */
async function paidByVoucher(till: BenchTill, item: CatalogItem, code: string, config: Config, operatorId: number) {
  const added = basketReducer(openBasket(randomUUID(), config.limits), { type: 'add', item, qty: 1 });
  if ('error' in added) throw new Error(added.error);
  const basket = added.basket;
  const payment: Payment = { totalCents: basketTotals(basket).totalCents, tenders: [] };
  const found = await voucherTender.find(till.db, code, { basket, payment, terminal: till.terminal, operatorId, refund: false, config });
  const paid = addTender(payment, 'voucher', null, { ref: found.ref, maxCents: found.maxCents });
  if ('error' in paid) throw new Error(paid.error);
  return { terminalId: till.terminal.id, storeId: till.terminal.storeId, operatorId, basket, payment: paid.payment };
}

async function scanned(db: Knex, terminal: Terminal, sample: ChainSample, config: Config): Promise<CatalogItem> {
  const found = await lookupEntry(db, sample.barcodes[0]!, { basket: openBasket('scan'), terminal, operatorId: sample.operatorId, config });
  if (found.kind !== 'item') throw new Error(`barcode ${sample.barcodes[0]} is not one item`);
  return found.item;
}

/**
 * `opts.tills` tills, each selling one item after another paid by one of `opts.vouchers` hot
 * vouchers in turn (or, `via: 'debit'`, debiting it as the e-shop's API does). `redeem` times the commit (the transaction that holds the voucher's row);
 * the rate counts whole redemptions, the voucher's look-up included.
 */
export async function runHotVoucher(opts: HotVoucherOptions): Promise<HotVoucherResult> {
  const owner = openDb({ url: opts.url, poolMax: 1, applicationName: 'pos-bench:hot-setup' });
  let tills: BenchTill[] = [];
  try {
    const config = benchConfig();
    const sample = await sampleChain(owner, { tills: opts.tills, seed: 1, rows: 20 }, seededRandom(1));
    const hot = await makeHotVouchers(owner, Math.max(1, opts.vouchers), sample, config);
    tills = openTills(opts.url, sample.terminals, 'hot-voucher', (i) => seededRandom(i));
    const item = await scanned(owner, sample.terminals[0]!, sample, config);
    const redeem = async (till: BenchTill, code: string) => commitSale(till.db, await paidByVoucher(till, item, code, config, sample.operatorId));
    // One each first, not counted: connections opened, statements planned.
    await Promise.all(tills.map((t, i) => redeem(t, hot[i % hot.length]!)));

    const times: number[] = [];
    const errors: string[] = [];
    const turn = tills.map((_, i) => i);
    const seconds = await forSeconds(tills, opts.seconds, async (till, i) => {
      const code = hot[turn[i]!++ % hot.length]!;
      try {
        if (opts.via === 'debit') {
          const began = performance.now();
          await redeemVoucher(till.db, { code, amountCents: 100, channel: 'web', orderRef: `BENCH-${i}`, idempotencyKey: randomUUID(), storeId: null });
          times.push(since(began));
          return;
        }
        const req = await paidByVoucher(till, item, code, config, sample.operatorId);
        const began = performance.now();
        await commitSale(till.db, req);
        times.push(since(began));
      } catch (e) {
        keepError(errors, e);
      }
    });
    return { redemptions: times.length, seconds, perSecond: times.length / seconds, redeem: timing(times), errors };
  } finally {
    await closeTills(tills);
    await owner.destroy();
  }
}
