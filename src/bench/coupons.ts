// Measure 5: discount coupons at scale. (a) A million codes made for one definition, as
// `pos coupon codes generate` makes them (numbers taken from the locked counter, one insert,
// uniqueness checked by the index); (b) a coupon applied to a 100-line basket, the pure work
// the till does at each change of the basket, for a ticket discount, an item-group discount and
// a bundle picked among groups; (c) a code typed at the till among that million, through the
// entry line as the sale screen sends it (catalog first, then the resolvers), one at a time.
import type { Knex } from 'knex';
import { defineCoupon } from '../app/coupons/definitions';
import { EMPTY_FIELDS, type DefinitionFields } from '../app/coupons/definitionFields';
import { generateCodes } from '../app/coupons/generate';
import { lookupEntry } from '../app/lookup';
import { findCodeForTill } from '../data/couponCodes';
import { openDb } from '../data/db';
import { findItemByCode } from '../data/items';
import { findTerminal } from '../data/places';
import { basketReducer, openBasket, type Basket } from '../domain/basket';
import { symbolCode } from '../domain/coupon/codes';
import { couponRule } from '../domain/coupon/rule';
import { localTime } from '../domain/coupon/schedule';

export interface CouponOptions {
  url: string;
  codes: number;
  applyRuns: number;
  validations: number;
}

export interface CouponResult {
  codes: number;
  generateSeconds: number;
  /** Per kind of coupon: the time of one application to the 100-line basket, in ms. */
  applyMs: Record<string, number[]>;
  validateMs: number[];
  errors: string[];
}

const fields = (f: Partial<DefinitionFields>): DefinitionFields => ({ ...EMPTY_FIELDS, value: '10', ...f });

/** 100 lines of the demo shop's items, every other one, so every group is in: a big corner-shop basket. */
async function hundredLines(db: Knex): Promise<Basket> {
  const skus = ((await db('items').whereNot('sku', 'like', 'BANC-%').orderBy('sku').pluck('sku')) as string[]).filter((_, i) => i % 2 === 0).slice(0, 100);
  let basket = openBasket('bench-coupons');
  for (const sku of skus) {
    const r = basketReducer(basket, { type: 'add', item: (await findItemByCode(db, sku))!, qty: 1 + (basket.lines.length % 3) });
    if ('error' in r) throw new Error(r.error);
    basket = r.basket;
  }
  return basket;
}

export async function measureCoupons(db: Knex, opts: CouponOptions, step: (what: string) => void = () => undefined): Promise<CouponResult> {
  const errors: string[] = [];
  const today = localTime(new Date(), 'Europe/Paris').day;
  await defineCoupon(db, fields({ symbol: 'BENCHCPN', name: 'Bench million' }));
  await defineCoupon(db, fields({ symbol: 'BENCHTKT', name: 'Bench ticket −10 %' }));
  await defineCoupon(db, fields({ symbol: 'BENCHGRP', name: 'Bench épicerie −10 %', type: 'customer', items: '@EPIC, @SOFT' }));
  await defineCoupon(db, fields({ symbol: 'BENCHLOT', name: 'Bench menu', type: 'bundle', valueKind: 'price', value: '4', parts: '@BOUL:1 + @SOFT:1 + @SNAK:1' }));
  await generateCodes(db, { symbol: 'BENCHTKT', status: 'active' }, today);
  await generateCodes(db, { symbol: 'BENCHGRP', status: 'active' }, today);
  await generateCodes(db, { symbol: 'BENCHLOT', status: 'active' }, today);

  // Applied first, while the server is idle: the million rows' vacuum and checkpoint would time the machine, not the engine.
  step(`coupons: applied ${opts.applyRuns} times to a 100-line basket`);
  const basket = await hundredLines(db);
  const t01 = (await findTerminal(db, 'T01'))!;
  const applyMs: Record<string, number[]> = {};
  for (const code of ['BENCHTKT', 'BENCHGRP', 'BENCHLOT']) {
    const found = await findCodeForTill(db, code, { storeId: t01.storeId, customerId: null });
    if (found === null || found === 'unknown') throw new Error(`no code ${code}`);
    const rule = couponRule(code, found.rule);
    // Warmed up first, as a till is after its first few baskets.
    for (let i = 0; i < 200; i++) basketReducer(basket, { type: 'addRule', rule });
    const times: number[] = [];
    for (let i = 0; i < opts.applyRuns; i++) {
      const t0 = performance.now();
      const r = basketReducer(basket, { type: 'addRule', rule });
      times.push(performance.now() - t0);
      if ('error' in r || r.basket.adjustments.length !== 1) errors.push(`${code} gave nothing on the bench basket`);
    }
    applyMs[found.rule.name] = times;
  }

  step(`coupons: ${opts.codes.toLocaleString('en')} codes for one definition`);
  const started = performance.now();
  const made = await generateCodes(db, { symbol: 'BENCHCPN', count: opts.codes, status: 'active' }, today);
  const generateSeconds = (performance.now() - started) / 1000;
  await db.raw('ANALYZE coupon_codes');

  step(`coupons: ${opts.validations} codes checked at the till among them`);
  // A till's own connection, as a sale screen has.
  const till = openDb({ url: opts.url, poolMax: 1, poolMin: 1, applicationName: 'pos-bench:coupons' });
  const validateMs: number[] = [];
  try {
    const ctx = { basket, terminal: t01, operatorId: 1, lang: 'fr' as const, timeZone: 'Europe/Paris' };
    await lookupEntry(till, 'BENCHCPN', ctx); // connection opened, statement planned
    let seed = 7;
    for (let i = 0; i < opts.validations; i++) {
      seed = (seed * 48271) % 2147483647;
      const code = symbolCode('BENCHCPN', seed % made.created);
      const t0 = performance.now();
      const found = await lookupEntry(till, code, ctx);
      validateMs.push(performance.now() - t0);
      if (found.kind !== 'action') errors.push(`${code} was not found as a coupon`);
    }
  } finally {
    await till.destroy();
  }
  return { codes: made.created, generateSeconds, applyMs, validateMs, errors: [...new Set(errors)].slice(0, 3) };
}
