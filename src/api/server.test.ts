import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey } from '../app/apiKeys';
import type { Operator } from '../app/session';
import { closeTill, openTill, type Till } from '../app/till';
import { issueVoucher } from '../app/vouchers/issue';
import { loadConfig } from '../config/load';
import { checkSymbol, formatVoucherCode } from '../domain/voucherCode';
import { useTestDatabase } from '../testing/db';
import { buildApi } from './app';
import { startApi, type RunningApi } from './server';

const MANAGER: Operator = { id: 2, code: '2', name: 'Dominique', role: 'manager' };

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}

describe('pos serve: the e-shop API on 127.0.0.1', () => {
  const testDb = useTestDatabase();
  let till: Till;
  let api: RunningApi;
  let key: string;
  const errors: unknown[] = [];
  /** Every answer the server gave in the running test, checked against the OpenAPI document after it. */
  const answers: { method: string; path: string; status: number; text: string }[] = [];
  beforeAll(async () => {
    till = await openTill(loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url } }));
    api = await startApi({ db: till.db, config: till.config, log: { error: (o) => void errors.push(o), warn: () => undefined } }, '127.0.0.1', 0);
    key = (await createApiKey(till.db, 'eshop', 'M01')).key;
  });
  afterAll(async () => {
    await api.close();
    await closeTill(till);
  });

  type OpenApi = { paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: object }> }> }>> };
  let openApi: OpenApi | undefined;
  const ajv = new Ajv2020({ strict: false, validateFormats: false });
  // After each test, whatever order they run in: every answer it got, good and bad, against what
  // the document says of it, and nothing logged as an error by the server.
  afterEach(async () => {
    const given = answers.splice(0);
    expect(given, 'every test of this file asks the server').not.toHaveLength(0);
    openApi ??= (await SwaggerParser.dereference((await (await fetch(`${api.url}/v1/openapi.json`)).json()) as never)) as unknown as OpenApi;
    const doc = openApi;
    const templates = Object.keys(doc.paths).map((p) => ({ p, re: new RegExp(`^${p.replace(/\{\w+\}/g, '[^/]+')}$`) }));
    for (const a of given) {
      const path = a.path.split('?')[0]!;
      const template = templates.find((t) => t.re.test(path));
      const op = template && doc.paths[template.p]![a.method.toLowerCase()];
      // Unknown addresses and methods: the one error shape, by itself.
      const schema = op?.responses[String(a.status)]?.content['application/json']!.schema ?? (doc.paths['/v1/vouchers/{code}']!.get!.responses['400']!.content['application/json']!.schema);
      if (op) expect({ method: a.method, path: a.path, status: a.status, declared: String(a.status) in op.responses }).toEqual({ method: a.method, path: a.path, status: a.status, declared: true });
      const validate = ajv.compile(schema);
      const body = JSON.parse(a.text);
      expect({ method: a.method, path: a.path, status: a.status, body, errors: validate(body) ? null : validate.errors }).toMatchObject({ errors: null });
    }
    expect(errors.splice(0)).toEqual([]);
  });

  /** A raw HTTP exchange (a body may be any text, to try what a broken client sends). */
  function call(method: string, path: string, opts: { body?: string | Buffer; key?: string | null; headers?: Record<string, string> } = {}): Promise<Answer> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...opts.headers };
    if (headers['content-type'] === '') delete headers['content-type'];
    const k = opts.key === undefined ? key : opts.key;
    if (k !== null) headers.authorization = `Bearer ${k}`;
    return new Promise((resolve, reject) => {
      const req = request(`${api.url}${path}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          answers.push({ method, path, status: res.statusCode!, text });
          resolve({ status: res.statusCode!, body: JSON.parse(text), headers: res.headers });
        });
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

  /** Each bad request: a 4xx, `{ error, message }` on one line, in the caller's language, nothing changed. */
  const refused = (a: Answer, status: number, error: string) => {
    expect({ status: a.status, error: a.body.error }).toEqual({ status, error });
    expect(typeof a.body.message).toBe('string');
    expect(a.body.message).not.toMatch(/\n|\bat .*:\d+|Error:|FST_/);
  };

  it('a malformed address is a 400 with the reason, never a 500 "URI malformed"', async () => {
    refused(await call('GET', '/v1/vouchers/%ZZ'), 400, 'api.urlMalformed');
    refused(await call('GET', '/v1/vouchers/%ZZ', { key: null }), 400, 'api.urlMalformed');
    refused(await call('POST', '/v1/vouchers/%E0%A4%A/redeem', { body: '{}' }), 400, 'api.urlMalformed');
    const en = await call('GET', '/v1/vouchers/%', { headers: { 'accept-language': 'en-GB,en;q=0.8' } });
    expect(en).toMatchObject({ status: 400, body: { error: 'api.urlMalformed', message: 'Malformed address (a % not followed by two hexadecimal digits?)' } });
    // A code too long to be one, and one with a slash: refused as a field, not a fault.
    refused(await call('GET', `/v1/vouchers/${'A'.repeat(101)}`), 400, 'api.fieldInvalid');
    refused(await call('GET', `/v1/vouchers/${'A'.repeat(5000)}`), 404, 'api.notFound');
    refused(await call('GET', '/v1/vouchers/a%2Fb'), 400, 'voucher.codeMalformed');
  });

  it('bad bodies: not JSON, empty, not an object, too large, another type, a prototype key: 4xx, nothing taken', async () => {
    const v = await issue(1000);
    const path = `/v1/vouchers/${v.code}/redeem`;
    const good = { amount_cents: 100, channel: 'web', order_ref: 'A', idempotency_key: randomUUID() };
    refused(await call('POST', path, { body: '{"amount_cents": 100,' }), 400, 'api.bodyInvalid');
    refused(await call('POST', path, { body: '' }), 400, 'api.bodyInvalid');
    refused(await call('POST', path, { body: 'null' }), 400, 'api.bodyInvalid');
    refused(await call('POST', path, { body: '"text"' }), 400, 'api.bodyInvalid');
    refused(await call('POST', path, { body: JSON.stringify({ ...good, __proto__: { admin: true } }).replace('{', '{"__proto__":{"x":1},') }), 400, 'api.bodyInvalid');
    refused(await call('POST', path, { body: Buffer.from([0xff, 0xfe, 0x7b]) }), 400, 'api.bodyInvalid');
    const large = await call('POST', path, { body: JSON.stringify({ ...good, order_ref: 'x'.repeat(17 * 1024) }) });
    refused(large, 400, 'api.bodyTooLarge');
    expect(large.body.message).toBe('Corps de requête trop grand (16 Kio au plus)');
    refused(await call('POST', path, { body: JSON.stringify(good), headers: { 'content-type': 'text/plain' } }), 415, 'api.mediaType');
    refused(await call('POST', path, { body: JSON.stringify(good), headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'api.mediaType');
    refused(await call('POST', path, { body: JSON.stringify(good), headers: { 'content-type': '' } }), 415, 'api.mediaType');
    expect((await till.db('vouchers').where('id', v.id).first()).balance_cents).toBe(1000);
  });

  it('wrong types are refused by the schema, naming the field', async () => {
    const v = await issue(1000);
    const good = { amount_cents: 100, channel: 'web', order_ref: 'A', idempotency_key: randomUUID() };
    const field = async (body: Record<string, unknown>, name: string) => {
      const a = await redeem(v.code, body);
      refused(a, 400, 'api.fieldInvalid');
      expect(a.body.message).toBe(`Champ manquant ou invalide : ${name}`);
    };
    await field({ ...good, amount_cents: 12.5 }, 'amount_cents');
    await field({ ...good, amount_cents: null }, 'amount_cents');
    await field({ ...good, amount_cents: 2 ** 60 }, 'amount_cents');
    await field({ ...good, amount_cents: [100] }, 'amount_cents');
    await field({ ...good, channel: 3 }, 'channel');
    await field({ ...good, channel: 'WEB' }, 'channel');
    await field({ ...good, order_ref: 42 }, 'order_ref');
    await field({ ...good, order_ref: undefined }, 'order_ref');
    await field({ ...good, idempotency_key: { k: 1 } }, 'idempotency_key');
    await field({ ...good, store: false }, 'store');
    refused(await redeem(v.code, { ...good, store: 'M99' }), 400, 'apiKey.storeUnknown');
    refused(await redeem(v.code, { ...good, order_ref: '' }), 400, 'voucher.orderRefInvalid');
    expect((await till.db('vouchers').where('id', v.id).first()).balance_cents).toBe(1000);
  });

  it('unknown addresses are 404, known ones asked with another method 405 with the methods they take', async () => {
    refused(await call('GET', '/v1/nothing'), 404, 'api.notFound');
    refused(await call('GET', '/'), 404, 'api.notFound');
    refused(await call('POST', '/v1/vouchers'), 404, 'api.notFound');
    refused(await call('PATCH', '/v1/vouchers/A/B/C', { body: '{not json' }), 404, 'api.notFound');
    const put = await call('PUT', '/v1/vouchers/ABC', { body: 'not even json' });
    refused(put, 405, 'api.methodNotAllowed');
    expect(put.headers.allow).toBe('GET, HEAD');
    const get = await call('GET', '/v1/vouchers/ABC/redeem');
    refused(get, 405, 'api.methodNotAllowed');
    expect(get.headers.allow).toBe('POST');
  });

  it('missing or bad API key: 401 before the body is even read; X-Api-Key works as well as Bearer', async () => {
    const v = await issue(1000);
    refused(await call('POST', `/v1/vouchers/${v.code}/redeem`, { key: null, body: '{broken' }), 401, 'api.unauthorized');
    refused(await call('GET', `/v1/vouchers/${v.code}`, { key: 'x'.repeat(5000) }), 401, 'api.unauthorized');
    refused(await call('GET', `/v1/vouchers/${v.code}`, { key: null, headers: { authorization: 'Basic Zm9vOmJhcg==' } }), 401, 'api.unauthorized');
    refused(await call('GET', `/v1/vouchers/${v.code}`, { key: null, headers: { authorization: 'Bearer' } }), 401, 'api.unauthorized');
    expect((await call('GET', `/v1/vouchers/${v.code}`, { key: null, headers: { 'x-api-key': key } })).status).toBe(200);
    refused(await call('GET', `/v1/vouchers/${v.code}`, { key: null, headers: { 'x-api-key': 'pos_nope' } }), 401, 'api.unauthorized');
  });

  it('serves its OpenAPI document at /v1/openapi.json, without a key: valid, every route in it', async () => {
    const doc = await call('GET', '/v1/openapi.json', { key: null });
    expect(doc.status).toBe(200);
    await SwaggerParser.validate(structuredClone(doc.body) as never);
    const { app, routes } = await buildApi({ db: till.db, config: till.config, log: { error: () => undefined, warn: () => undefined } });
    await app.close();
    const listed = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(listed.sort()).toEqual(routes.map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`).sort());
    expect(listed).toEqual(expect.arrayContaining(['GET /v1/vouchers/{code}', 'POST /v1/vouchers/{code}/redeem', 'GET /v1/openapi.json']));
  });
});

