import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../app/apiKeys';
import type { Operator } from '../app/session';
import { closeTill, openTill, type Till } from '../app/till';
import { getLog, logFile, settleLogs } from '../app/log';
import { issueVoucher } from '../app/vouchers/issue';
import { loadConfig } from '../config/load';
import type { Config } from '../config/schema';
import { checkSymbol } from '../domain/voucherCode';
import { useTestDatabase } from '../testing/db';
import { preprintedNumber, sellGiftCard } from '../testing/giftCards';
import { buildApi } from './app';

// Guessing codes through the API, against real PostgreSQL: failed look-ups counted per key and
// per address, 429 with Retry-After once at the limit, logged and kept; the store a key may see.

const MANAGER: Operator = { id: 2, code: '2', name: 'Dominique', role: 'manager' };

interface Logged { level: 'warn' | 'error'; obj: Record<string, unknown>; msg: string }

describe('the API limits failed code look-ups and keeps keys to their store', () => {
  const testDb = useTestDatabase();
  let till: Till;
  let m02: number;
  const logged: Logged[] = [];
  const apis: FastifyInstance[] = [];
  const log = { error: (obj: object, msg: string) => void logged.push({ level: 'error', obj: obj as Record<string, unknown>, msg }), warn: (obj: object, msg: string) => void logged.push({ level: 'warn', obj: obj as Record<string, unknown>, msg }) };

  beforeAll(async () => {
    till = await openTill(loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url } }));
    [{ id: m02 }] = await testDb().owner('stores').insert({ code: 'M02', name: 'Épicerie du Port' }).returning('id');
  });
  afterAll(async () => {
    for (const a of apis) await a.close();
    await closeTill(till);
  });
  beforeEach(async () => {
    logged.length = 0;
    // Each test starts with no failure in the window (the rows stay: they are the trail).
    await testDb().owner('api_code_failures').update({ at: testDb().owner.raw("at - interval '1 day'") });
  });

  async function api(over: Partial<Pick<Config, 'api'>['api']> = {}) {
    const config: Config = { ...till.config, api: { ...till.config.api, failedLookups: { max: 3, windowSeconds: 60 }, ...over } };
    const { app } = await buildApi({ db: till.db, config, log });
    apis.push(app);
    return app;
  }
  const keyFor = async (store = 'M01') => (await createApiKey(till.db, `k-${randomUUID().slice(0, 8)}`, store)).key;
  const unknownVoucher = () => {
    const body = Array.from({ length: 13 }, () => 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'[Math.floor(Math.random() * 31)]).join('');
    return body + checkSymbol(body);
  };
  const issue = (storeId?: number) => issueVoucher(till.db, till.config, { origin: 'manual', amountCents: 5000, terminal: storeId ? { ...till.terminal, storeId } : till.terminal, operatorId: 2, approver: MANAGER });
  const get = (app: FastifyInstance, path: string, key: string, remoteAddress = '127.0.0.1') =>
    app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${key}` }, remoteAddress });
  const redeem = (app: FastifyInstance, path: string, key: string, body: Record<string, unknown> = {}, remoteAddress = '127.0.0.1') =>
    app.inject({ method: 'POST', url: path, headers: { authorization: `Bearer ${key}` }, remoteAddress, payload: { amount_cents: 100, channel: 'web', order_ref: 'CMD-1', idempotency_key: randomUUID(), ...body } });
  const failuresOf = async (key: string) => Number((await till.db('api_code_failures as f').join('api_keys as k', 'k.id', 'f.api_key_id').where('k.prefix', key.slice(0, 10)).where('f.at', '>', till.db.raw("now() - interval '1 hour'")).count({ n: '*' }).first())!.n);

  it('after max failures a key gets 429 with Retry-After on every code route, successes uncounted, until the window passes', async () => {
    const app = await api();
    const key = await keyFor();
    const v = await issue();
    // Successful look-ups, as many as one likes: never counted.
    for (let i = 0; i < 15; i++) expect((await get(app, `/v1/vouchers/${v.code}`, key)).statusCode).toBe(200);
    // Refusals for other reasons (a bad amount, a balance too low) are not guesses.
    for (let i = 0; i < 4; i++) expect((await redeem(app, `/v1/vouchers/${v.code}/redeem`, key, { amount_cents: 0 })).statusCode).toBe(400);
    for (let i = 0; i < 4; i++) expect((await redeem(app, `/v1/vouchers/${v.code}/redeem`, key, { amount_cents: 9999 })).statusCode).toBe(409);
    expect(await failuresOf(key)).toBe(0);
    // Failures of each kind: unknown, mistyped in a redeem, unknown gift card.
    expect((await get(app, `/v1/vouchers/${unknownVoucher()}`, key)).json()).toMatchObject({ error: 'voucher.unknown' });
    const typo = v.code.slice(0, 3) + (v.code[3] === 'A' ? 'B' : 'A') + v.code.slice(4);
    expect((await redeem(app, `/v1/vouchers/${typo}/redeem`, key)).json()).toMatchObject({ error: 'voucher.codeMistyped' });
    const unsold = preprintedNumber();
    expect((await get(app, `/v1/gift-cards/${unsold}`, key)).json()).toMatchObject({ error: 'giftCard.notSold' });
    expect(await failuresOf(key)).toBe(3);

    const refused = await get(app, `/v1/vouchers/${v.code}`, key);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: 'api.tooManyFailures', message: expect.stringMatching(/^Trop de codes inconnus ou mal saisis : réessayez dans \d+ s$/) });
    const wait = Number(refused.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    const redeemRefused = await redeem(app, `/v1/vouchers/${v.code}/redeem`, key, {}, '127.0.0.1');
    expect(redeemRefused.statusCode).toBe(429);
    expect(redeemRefused.headers['retry-after']).toBeDefined();
    expect((await get(app, `/v1/gift-cards/${unknownVoucher()}`, key)).statusCode).toBe(429);
    expect((await till.db('vouchers').where('id', v.id).first()).balance_cents).toBe(5000);
    // Refusals are not failures: the trail has the three guesses only, each logged with key and address.
    expect(await failuresOf(key)).toBe(3);
    const trail = await till.db('api_code_failures').where('at', '>', till.db.raw("now() - interval '1 hour'")).orderBy('id').select('route', 'reason', 'client_addr', 'code_hint');
    expect(trail).toEqual([
      { route: 'voucher.show', reason: 'voucher.unknown', client_addr: '127.0.0.1', code_hint: expect.stringMatching(/^[A-Z0-9]{4}$/) },
      { route: 'voucher.redeem', reason: 'voucher.codeMistyped', client_addr: '127.0.0.1', code_hint: typo.slice(0, 4) },
      { route: 'giftCard.show', reason: 'giftCard.notSold', client_addr: '127.0.0.1', code_hint: '9250' },
    ]);
    expect(logged.filter((l) => l.msg === 'api code look-up failed').map((l) => l.obj.reason)).toEqual(['voucher.unknown', 'voucher.codeMistyped', 'giftCard.notSold']);
    expect(logged.filter((l) => l.msg.startsWith('api code look-up refused')).map((l) => [l.level, l.obj.addr, typeof l.obj.retryAfter])).toEqual([['warn', '127.0.0.1', 'number'], ['warn', '127.0.0.1', 'number'], ['warn', '127.0.0.1', 'number']]);
    expect(logged.filter((l) => l.level === 'error')).toEqual([]);

    // The window passes (the failures' times moved back past it): look-ups answer again.
    await testDb().owner('api_code_failures').update({ at: testDb().owner.raw("at - interval '61 seconds'") });
    expect((await get(app, `/v1/vouchers/${v.code}`, key)).statusCode).toBe(200);
    expect((await get(app, `/v1/vouchers/${unknownVoucher()}`, key)).statusCode).toBe(404);
  });

  it('writes each failure and each refusal to the log, as `pos serve` logs (pino)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-api-log-'));
    try {
      const config: Config = { ...till.config, api: { ...till.config.api, failedLookups: { max: 2, windowSeconds: 60 } } };
      const { app } = await buildApi({ db: till.db, config, log: getLog(dir) });
      apis.push(app);
      const key = await keyFor();
      for (let i = 0; i < 2; i++) expect((await get(app, `/v1/vouchers/${unknownVoucher()}`, key, '10.9.9.9')).statusCode).toBe(404);
      expect((await get(app, `/v1/vouchers/${unknownVoucher()}`, key, '10.9.9.9')).statusCode).toBe(429);
      await settleLogs();
      const lines = readFileSync(logFile(dir), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((l) => [l.level, l.msg, l.addr])).toEqual([
        [40, 'api code look-up failed', '10.9.9.9'],
        [40, 'api code look-up failed', '10.9.9.9'],
        [40, 'api code look-up refused: too many failed look-ups', '10.9.9.9'],
      ]);
      expect(lines[0]).toMatchObject({ route: 'voucher.show', reason: 'voucher.unknown', apiKey: expect.stringMatching(/^k-/) });
      expect(lines[2]).toMatchObject({ retryAfter: expect.any(Number) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts per address too: another key from the same address is refused, the same key from elsewhere as well', async () => {
    const app = await api();
    const [a, b, c] = [await keyFor(), await keyFor(), await keyFor()];
    const v = await issue();
    for (let i = 0; i < 3; i++) expect((await get(app, `/v1/vouchers/${unknownVoucher()}`, a, '10.0.0.7')).statusCode).toBe(404);
    expect((await get(app, `/v1/vouchers/${v.code}`, b, '10.0.0.7')).statusCode).toBe(429);
    expect((await get(app, `/v1/vouchers/${v.code}`, a, '10.0.0.8')).statusCode).toBe(429);
    expect((await get(app, `/v1/vouchers/${v.code}`, c, '10.0.0.8')).statusCode).toBe(200);
  });

  it('is shared by every `pos serve` on the database: failures through one refuse through another', async () => {
    const [one, two] = [await api(), await api()];
    const key = await keyFor();
    for (let i = 0; i < 3; i++) expect((await get(i % 2 ? one : two, `/v1/vouchers/${unknownVoucher()}`, key)).statusCode).toBe(404);
    expect((await get(one, `/v1/vouchers/${unknownVoucher()}`, key)).statusCode).toBe(429);
    expect((await get(two, `/v1/vouchers/${unknownVoucher()}`, key)).statusCode).toBe(429);
  });

  it('with the default (codeScope store) a key sees and spends only its store’s vouchers and gift cards, and picks up only there', async () => {
    expect(till.config.api).toEqual({ failedLookups: { max: 10, windowSeconds: 60 }, codeScope: 'store', trustProxy: false });
    const app = await api(till.config.api);
    const [own, other] = [await keyFor('M01'), await keyFor('M02')];
    const there = await issue(m02);
    const here = await issue();
    const cardThere = await sellGiftCard(till, 40_00);
    await testDb().owner('gift_cards').where('code', cardThere).update({ store_id: m02 });
    // Out of the key's store: answered as unknown (nothing learnt), counted as a failure, nothing taken.
    const from = '10.2.2.2';
    expect((await get(app, `/v1/vouchers/${there.code}`, own, from)).json()).toMatchObject({ error: 'voucher.unknown' });
    expect((await redeem(app, `/v1/vouchers/${there.code}/redeem`, own, {}, from)).statusCode).toBe(404);
    expect((await get(app, `/v1/gift-cards/${cardThere}`, own, from)).json()).toMatchObject({ error: 'giftCard.unknown' });
    expect(await failuresOf(own)).toBe(3);
    expect((await get(app, `/v1/vouchers/${there.code}`, other)).statusCode).toBe(200);
    expect((await redeem(app, `/v1/gift-cards/${cardThere}/redeem`, other, { amount_cents: 500 })).json()).toMatchObject({ balance_cents: 3500 });
    // A pickup in another store: 403, said so.
    const pickup = await redeem(app, `/v1/vouchers/${here.code}/redeem`, own, { channel: 'pickup', store: 'M02' }, '10.1.1.1');
    expect(pickup.statusCode).toBe(403);
    expect(pickup.json()).toEqual({ error: 'api.storeForbidden', message: 'Cette clé d’API n’agit pas pour le magasin M02' });
    expect((await till.db('vouchers').whereIn('id', [there.id, here.id]).orderBy('id').pluck('balance_cents'))).toEqual([5000, 5000]);
  });

  it('with codeScope shop a key sees and spends every store’s vouchers and gift cards, and picks up anywhere', async () => {
    const app = await api({ codeScope: 'shop' });
    const own = await keyFor('M01');
    const there = await issue(m02);
    const cardThere = await sellGiftCard(till, 40_00);
    await testDb().owner('gift_cards').where('code', cardThere).update({ store_id: m02 });
    expect((await get(app, `/v1/vouchers/${there.code}`, own)).json()).toMatchObject({ store: 'M02', balance_cents: 5000 });
    expect((await redeem(app, `/v1/vouchers/${there.code}/redeem`, own, { channel: 'pickup', store: 'M02', amount_cents: 1000 })).json()).toMatchObject({ balance_cents: 4000, channel: 'pickup' });
    expect((await redeem(app, `/v1/gift-cards/${cardThere}/redeem`, own, { amount_cents: 500 })).json()).toMatchObject({ balance_cents: 3500 });
    expect(await failuresOf(own)).toBe(0);
  });
});
