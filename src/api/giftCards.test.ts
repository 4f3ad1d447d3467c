import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../app/apiKeys';
import { closeTill, openTill, type Till } from '../app/till';
import { loadConfig } from '../config/load';
import { formatGiftCardCode } from '../domain/giftCardCode';
import { useTestDatabase } from '../testing/db';
import { preprintedNumber, sellGiftCard } from '../testing/giftCards';
import { ledgerMismatches } from '../testing/ledgers';
import { startApi, type RunningApi } from './server';

describe('the e-shop API on gift cards, over a real socket', () => {
  const testDb = useTestDatabase();
  let till: Till;
  let api: RunningApi;
  let key: string;
  beforeAll(async () => {
    till = await openTill(loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url } }));
    api = await startApi({ db: till.db, config: till.config, log: { error: () => undefined, warn: () => undefined } }, '127.0.0.1', 0);
    key = (await createApiKey(till.db, 'eshop', 'M01')).key;
  });
  afterAll(async () => {
    await api.close();
    await closeTill(till);
  });

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${api.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }
  const redeem = (code: string, body: Record<string, unknown>) => call('POST', `/v1/gift-cards/${encodeURIComponent(code)}/redeem`, body);

  it('looks a card up and spends it for an order on channel web; the same key again takes nothing more', async () => {
    const code = await sellGiftCard(till, 40_00, preprintedNumber());
    const shown = formatGiftCardCode(code);
    expect(await call('GET', `/v1/gift-cards/${encodeURIComponent(shown)}`)).toMatchObject({
      status: 200, body: { code, code_display: shown, kind: 'preprinted', status: 'active', initial_cents: 4000, balance_cents: 4000, store: 'M01' },
    });
    const order = { amount_cents: 15_00, channel: 'web', order_ref: 'CMD-3001', idempotency_key: randomUUID() };
    expect(await redeem(code, order)).toMatchObject({ status: 200, body: { replayed: false, code, amount_cents: 1500, balance_cents: 2500, channel: 'web', order_ref: 'CMD-3001' } });
    expect(await redeem(code, order)).toMatchObject({ status: 200, body: { replayed: true, balance_cents: 2500 } });
    expect(await redeem(code, { ...order, amount_cents: 100 })).toMatchObject({ status: 409, body: { error: 'giftCard.keyReused' } });
    // Another e-shop's key under the same idempotency key is another request.
    const other = (await createApiKey(till.db, 'eshop-2', 'M01')).key;
    const r = await call('POST', `/v1/gift-cards/${code}/redeem`, order, { authorization: `Bearer ${other}` });
    expect(r).toMatchObject({ status: 200, body: { replayed: false, balance_cents: 1000 } });
    const movements = await till.db('gift_card_movements').join('gift_cards', 'gift_cards.id', 'gift_card_id').where('gift_cards.code', code).orderBy('gift_card_movements.id').select('gift_card_movements.kind', 'channel', 'order_ref');
    expect(movements.map((m) => [m.kind, m.channel, m.order_ref])).toEqual([['sold', 'store', null], ['spent', 'web', 'CMD-3001'], ['spent', 'web', 'CMD-3001']]);
    expect(await ledgerMismatches(till.db)).toEqual([]);
  });

  it('answers bad input with 400, 404 or 409 and its reason, never a 500', async () => {
    const code = await sellGiftCard(till, 10_00);
    const typo = code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A');
    expect(await call('GET', `/v1/gift-cards/${typo}`)).toMatchObject({ status: 400, body: { error: 'giftCard.codeMistyped' } });
    expect(await call('GET', `/v1/gift-cards/${preprintedNumber()}`)).toMatchObject({ status: 404, body: { error: 'giftCard.notSold' } });
    expect(await call('GET', '/v1/gift-cards/%ZZ')).toMatchObject({ status: 400 });
    const order = { amount_cents: 10_01, channel: 'web', order_ref: 'CMD-1', idempotency_key: randomUUID() };
    expect(await redeem(code, order)).toMatchObject({ status: 409, body: { error: 'giftCard.amountAboveBalance', balance: 1000 } });
    expect(await redeem(code, { ...order, amount_cents: 0 })).toMatchObject({ status: 400, body: { error: 'voucher.amountZero' } });
    expect(await redeem(code, { ...order, idempotency_key: undefined })).toMatchObject({ status: 400, body: { error: 'api.keyMissing' } });
    expect(await redeem(code, { ...order, amount_cents: 10_00 })).toMatchObject({ status: 200, body: { balance_cents: 0 } });
    expect(await redeem(code, { ...order, amount_cents: 1, idempotency_key: randomUUID() })).toMatchObject({ status: 409, body: { error: 'giftCard.used' } });
    const en = await call('GET', `/v1/gift-cards/${typo}`, undefined, { 'accept-language': 'en' });
    expect(en.body.message).toBe(`Gift card code mistyped (wrong check character): "${typo}"`);
  });

  it('is in the OpenAPI document', async () => {
    const res = await fetch(`${api.url}/v1/openapi.json`);
    const doc = (await res.json()) as { paths: Record<string, Record<string, { operationId: string }>> };
    expect(doc.paths['/v1/gift-cards/{code}']?.get?.operationId).toBe('getGiftCard');
    expect(doc.paths['/v1/gift-cards/{code}/redeem']?.post?.operationId).toBe('redeemGiftCard');
  });
});
