import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey } from '../app/apiKeys';
import type { Operator } from '../app/session';
import { closeTill, openTill, type Till } from '../app/till';
import { issueVoucher } from '../app/vouchers/issue';
import { loadConfig } from '../config/load';
import { checkSymbol, formatVoucherCode } from '../domain/voucherCode';
import { useTestDatabase } from '../testing/db';
import { startApi, type RunningApi } from './server';

const MANAGER: Operator = { id: 2, code: '2', name: 'Dominique', role: 'manager' };

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

describe('pos serve: the e-shop API on 127.0.0.1', () => {
  const testDb = useTestDatabase();
  let till: Till;
  let api: RunningApi;
  let key: string;
  const errors: unknown[] = [];
  beforeAll(async () => {
    till = await openTill(loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url } }));
    api = await startApi({ db: till.db, config: till.config, log: { error: (o) => void errors.push(o) } }, '127.0.0.1', 0);
    key = (await createApiKey(till.db, 'eshop', 'M01')).key;
  });
  afterAll(async () => {
    await api.close();
    await closeTill(till);
  });

  /** A raw HTTP exchange (a body may be any text, to try what a broken client sends). */
  function call(method: string, path: string, opts: { body?: string; key?: string | null; headers?: Record<string, string> } = {}): Promise<Answer> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...opts.headers };
    const k = opts.key === undefined ? key : opts.key;
    if (k !== null) headers.authorization = `Bearer ${k}`;
    return new Promise((resolve, reject) => {
      const req = request(`${api.url}${path}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      });
      req.on('error', reject);
      req.end(opts.body);
    });
  }
  const redeem = (code: string, body: Record<string, unknown>, opts: { key?: string | null; headers?: Record<string, string> } = {}) =>
    call('POST', `/v1/vouchers/${encodeURIComponent(code)}/redeem`, { ...opts, body: JSON.stringify(body) });
  const issue = (amountCents: number) => issueVoucher(till.db, till.config, { origin: 'manual', amountCents, terminal: till.terminal, operatorId: 2, approver: MANAGER });

  it('looks a voucher up by code, as printed or canonical', async () => {
    const v = await issue(5000);
    const r = await call('GET', `/v1/vouchers/${formatVoucherCode(v.code)}`);
    expect(r).toMatchObject({ status: 200, body: { code: v.code, status: 'active', initial_cents: 5000, balance_cents: 5000, expires_on: v.expiresOn } });
    // The shop's own note (what was taken back, why) is not the e-shop's to read.
    const noted = await issueVoucher(till.db, till.config, { origin: 'trade_in', amountCents: 800, note: 'vélo enfant, cadre fêlé', terminal: till.terminal, operatorId: 2, approver: MANAGER });
    const answer = await call('GET', `/v1/vouchers/${noted.code}`);
    expect(answer).toMatchObject({ status: 200, body: { code: noted.code, origin: 'trade_in', balance_cents: 800 } });
    expect(answer.body).not.toHaveProperty('note');
    expect(JSON.stringify(answer.body)).not.toContain('vélo');
  });

  it('scopes idempotency keys to the API key: two e-shops drawing the same key both redeem; each retry takes nothing more', async () => {
    const v = await issue(5000);
    const second = (await createApiKey(till.db, 'marketplace', 'M01')).key;
    const body = { amount_cents: 1000, channel: 'web', order_ref: 'CMD-1', idempotency_key: 'order-1' };
    expect(await redeem(v.code, body)).toMatchObject({ status: 200, body: { replayed: false, balance_cents: 4000 } });
    expect(await redeem(v.code, body, { key: second })).toMatchObject({ status: 200, body: { replayed: false, balance_cents: 3000 } });
    expect(await redeem(v.code, body)).toMatchObject({ status: 200, body: { replayed: true, balance_cents: 4000 } });
    expect(await redeem(v.code, body, { key: second })).toMatchObject({ status: 200, body: { replayed: true, balance_cents: 3000 } });
    const uses = await till.db('voucher_movements as m').join('api_keys as k', 'k.id', 'm.api_key_id').where({ 'm.voucher_id': v.id, 'm.kind': 'use' }).orderBy('m.id').select('k.name', 'm.amount_cents', 'm.balance_after_cents');
    expect(uses).toEqual([{ name: 'eshop', amount_cents: -1000, balance_after_cents: 4000 }, { name: 'marketplace', amount_cents: -1000, balance_after_cents: 3000 }]);
    expect((await till.db('vouchers').where('id', v.id).first()).balance_cents).toBe(3000);
  });

  it('redeems with an idempotency key and an order reference; a retry answers the same and takes nothing more', async () => {
    const v = await issue(5000);
    const body = { amount_cents: 1250, channel: 'web', order_ref: 'CMD-1042', idempotency_key: randomUUID() };
    const first = await redeem(v.code, body);
    expect(first).toMatchObject({ status: 200, body: { replayed: false, amount_cents: 1250, balance_cents: 3750, channel: 'web', order_ref: 'CMD-1042' } });
    const retry = await redeem(v.code, body);
    expect(retry).toMatchObject({ status: 200, body: { replayed: true, amount_cents: 1250, balance_cents: 3750 } });
    // The key in a header works the same; pickup at a named store.
    const pickup = await redeem(v.code, { amount_cents: 750, channel: 'pickup', order_ref: 'CMD-1043', store: 'M01' }, { headers: { 'idempotency-key': randomUUID() } });
    expect(pickup).toMatchObject({ status: 200, body: { balance_cents: 3000, channel: 'pickup' } });
    const rows = await till.db('voucher_movements as m').join('api_keys as k', 'k.id', 'm.api_key_id').where('m.voucher_id', v.id).orderBy('m.id').select('m.channel', 'm.order_ref', 'k.name');
    expect(rows).toEqual([{ channel: 'web', order_ref: 'CMD-1042', name: 'eshop' }, { channel: 'pickup', order_ref: 'CMD-1043', name: 'eshop' }]);
    expect((await till.db('vouchers').where('id', v.id).first()).balance_cents).toBe(3000);
  });

  it('answers 401 without a key, with a wrong one, or a revoked one', async () => {
    const v = await issue(1000);
    expect(await call('GET', `/v1/vouchers/${v.code}`, { key: null })).toMatchObject({ status: 401, body: { error: 'api.unauthorized' } });
    expect(await call('GET', `/v1/vouchers/${v.code}`, { key: 'pos_not-a-key' })).toMatchObject({ status: 401 });
    const other = await createApiKey(till.db, 'old-shop', 'M01');
    expect((await call('GET', `/v1/vouchers/${v.code}`, { key: other.key })).status).toBe(200);
    await revokeApiKey(till.db, 'old-shop');
    expect(await redeem(v.code, { amount_cents: 100, channel: 'web', order_ref: 'X', idempotency_key: 'k-revoked' }, { key: other.key })).toMatchObject({ status: 401 });
    expect((await till.db('vouchers').where('id', v.id).first()).balance_cents).toBe(1000);
  });

  it('answers 400 with a message for a bad body, a mistyped code or a bad amount', async () => {
    const v = await issue(1000);
    const path = `/v1/vouchers/${v.code}/redeem`;
    expect(await call('POST', path, { body: '{not json' })).toMatchObject({ status: 400, body: { error: 'api.bodyInvalid', message: expect.stringContaining('JSON') } });
    expect(await call('POST', path, { body: '[1]' })).toMatchObject({ status: 400, body: { error: 'api.bodyInvalid' } });
    expect(await call('POST', path, { body: JSON.stringify({ blob: 'x'.repeat(20_000) }) })).toMatchObject({ status: 400, body: { error: 'api.bodyTooLarge' } });
    expect(await redeem(v.code, { amount_cents: '12.50', channel: 'web', order_ref: 'A', idempotency_key: 'k1' })).toMatchObject({ status: 400, body: { error: 'api.fieldInvalid', message: 'Champ manquant ou invalide : amount_cents' } });
    expect(await redeem(v.code, { amount_cents: 100, channel: 'store', order_ref: 'A', idempotency_key: 'k2' })).toMatchObject({ status: 400, body: { error: 'api.fieldInvalid' } });
    expect(await redeem(v.code, { amount_cents: 100, channel: 'web', order_ref: 'A' })).toMatchObject({ status: 400, body: { error: 'api.keyMissing' } });
    expect(await redeem(v.code, { amount_cents: 0, channel: 'web', order_ref: 'A', idempotency_key: 'k3' })).toMatchObject({ status: 400, body: { error: 'voucher.amountZero' } });
    expect(await redeem(v.code, { amount_cents: -5, channel: 'web', order_ref: 'A', idempotency_key: 'k4' }, { headers: { 'accept-language': 'en' } }))
      .toMatchObject({ status: 400, body: { error: 'voucher.amountNegative', message: 'A negative amount is refused' } });
    const typo = v.code.slice(0, 3) + (v.code[3] === 'A' ? 'B' : 'A') + v.code.slice(4);
    expect(await redeem(typo, { amount_cents: 100, channel: 'web', order_ref: 'A', idempotency_key: 'k5' })).toMatchObject({ status: 400, body: { error: 'voucher.codeMistyped' } });
    expect(await call('GET', '/v1/vouchers/BA-42')).toMatchObject({ status: 400, body: { error: 'voucher.codeMalformed' } });
    expect(await call('GET', '/v1/nothing')).toMatchObject({ status: 404, body: { error: 'api.notFound' } });
    expect(await call('DELETE', `/v1/vouchers/${v.code}`)).toMatchObject({ status: 405 });
    expect((await till.db('vouchers').where('id', v.id).first()).balance_cents).toBe(1000);
  });

  it('answers 404 for an unknown voucher and 409 with the reason for a refused redemption', async () => {
    const unknown = 'QQQQQQQQQQQQQ' + checkSymbol('QQQQQQQQQQQQQ');
    expect(await call('GET', `/v1/vouchers/${unknown}`)).toMatchObject({ status: 404, body: { error: 'voucher.unknown' } });
    const v = await issue(1000);
    const above = await redeem(v.code, { amount_cents: 1500, channel: 'web', order_ref: 'A', idempotency_key: randomUUID() });
    expect(above).toMatchObject({ status: 409, body: { error: 'voucher.amountAboveBalance', balance: 1000, message: `Le bon ${formatVoucherCode(v.code)} ne contient que 10,00 € : montant refusé` } });
    const key1 = randomUUID();
    await redeem(v.code, { amount_cents: 1000, channel: 'web', order_ref: 'A', idempotency_key: key1 });
    expect(await redeem(v.code, { amount_cents: 10, channel: 'web', order_ref: 'B', idempotency_key: randomUUID() })).toMatchObject({ status: 409, body: { error: 'voucher.used' } });
    expect(await redeem(v.code, { amount_cents: 10, channel: 'web', order_ref: 'B', idempotency_key: key1 })).toMatchObject({ status: 409, body: { error: 'voucher.keyReused' } });
    expect(errors).toEqual([]);
  });
});
