import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../app/apiKeys';
import { closeTill, openTill, type Till } from '../app/till';
import { issueVoucher } from '../app/vouchers/issue';
import { loadConfig } from '../config/load';
import { useTestDatabase } from '../testing/db';
import { sellGiftCard } from '../testing/giftCards';
import { buildApi } from './app';

// Requests of any shape against the API and real PostgreSQL: every answer is a 4xx (or the
// success of a request that happened to be right), in the one error shape on one line, never a
// 500 nor a trace, and a refused request writes nothing.

const SCALE = Number(process.env.FC_SCALE ?? 1);
const TABLES = ['vouchers', 'voucher_movements', 'gift_cards', 'gift_card_movements', 'sales', 'audit_log'] as const;

async function counts(db: Knex): Promise<Record<string, number>> {
  const { rows } = await db.raw(`SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t})::int AS ${t}`).join(', ')}, (SELECT coalesce(sum(balance_cents), 0)::bigint FROM vouchers) AS vb, (SELECT coalesce(sum(balance_cents), 0)::bigint FROM gift_cards) AS gb`);
  return rows[0];
}

describe('the API under fuzzed requests', () => {
  const testDb = useTestDatabase();
  let till: Till;
  let app: FastifyInstance;
  let key: string;
  let voucher: string;
  let card: string;
  const faults: unknown[] = [];
  beforeAll(async () => {
    till = await openTill(loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url } }));
    // The failure limit would soon answer 429 to everything: here the requests must reach the routes.
    const config = { ...till.config, api: { ...till.config.api, failedLookups: { max: 100_000, windowSeconds: 60 } } };
    ({ app } = await buildApi({ db: till.db, config, log: { error: (o) => void faults.push(o), warn: () => undefined } }));
    key = (await createApiKey(till.db, 'fuzz', 'M01')).key;
    voucher = (await issueVoucher(till.db, till.config, { origin: 'manual', amountCents: 5000, terminal: till.terminal, operatorId: 2, approver: { id: 2, code: '2', name: 'Dominique', role: 'manager' } })).code;
    card = await sellGiftCard(till, 40_00);
  });
  afterAll(async () => {
    await app.close();
    await closeTill(till);
  });

  const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.constantFrom(...'ABCDEFGHJKMNPQRSTVWXYZ0123456789-%/?#.&=+ \u0000é'), maxLength: 30 }));
  const segment = fc.oneof(text.map((s) => encodeURIComponent(s)), fc.string({ unit: fc.constantFrom(...'AZ09-_.~%!$&\'()*+,;=:@'), maxLength: 30 }), fc.constantFrom('%', '%ZZ', '%E0%A4%A', '..', '.', '', '%2F', '%00'));
  const path = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom('/v1/vouchers/', '/v1/gift-cards/'), fc.oneof(fc.constant('REAL'), fc.constant('REAL'), segment), fc.constantFrom('', '/redeem', '/redeem')).map(([a, b, c]) => a + b + c) },
    fc.tuple(fc.constantFrom('/v1/vouchers/', '/v1/gift-cards/'), fc.oneof(segment, fc.constant('REAL')), fc.constantFrom('', '/redeem', '/redeem/', '/x', '?a=1', '?__proto__[x]=1')).map(([a, b, c]) => a + b + c),
    fc.array(segment, { maxLength: 5 }).map((s) => '/' + s.join('/')),
    fc.constantFrom('/v1/openapi.json', '/v1', '/', '//v1//vouchers', '/v1/vouchers', '/v1/gift-cards/'),
  );
  const redeemish = fc.record({
    amount_cents: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null), fc.bigInt().map(String), fc.constantFrom(0, -1, 1, 2 ** 53, 1e300)),
    channel: fc.oneof(fc.constantFrom('web', 'pickup', 'store', 'WEB', ''), fc.string({ unit: 'binary' })),
    order_ref: fc.oneof(fc.string({ maxLength: 120 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.integer(), fc.constant(null)),
    idempotency_key: fc.oneof(fc.string({ maxLength: 120 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.uuid(), fc.constant(undefined), fc.integer()),
    store: fc.oneof(fc.constant(undefined), fc.constantFrom('M01', 'M99', ''), fc.string({ unit: 'binary', maxLength: 8 })),
    __proto__: fc.oneof(fc.constant(undefined), fc.object()),
  }, { requiredKeys: [] });
  const body = fc.oneof(
    fc.constant(undefined),
    redeemish.map((b) => JSON.stringify(b)),
    fc.json({ maxDepth: 4 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
    fc.constantFrom('{', '{"amount_cents":', 'null', '[]', '"x"', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{}}}', 'x'.repeat(20_000)),
  );
  const request = fc.record({
    method: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('GET', 'POST') }, fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD')),
    path,
    body: fc.oneof({ weight: 3, arbitrary: redeemish.map((b) => JSON.stringify(b)) }, body),
    contentType: fc.oneof({ weight: 6, arbitrary: fc.constant('application/json') }, fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', '', 'application/json; charset=latin1', '*/*')),
    auth: fc.oneof({ weight: 8, arbitrary: fc.constant('good') }, fc.constant('none'), text.map((s) => `Bearer pos_${s}`), text),
    idempotency: fc.option(text),
    lang: fc.constantFrom('fr', 'en', 'de', '', 'en;q=\u0000'),
    addr: fc.constantFrom('127.0.0.1', '10.0.0.1', '::1'),
  });

  it('answers every request with a 4xx in the one error shape on one line (or a success), never a 500, and a refusal changes nothing', async () => {
    await fc.assert(fc.asyncProperty(request, async (r) => {
      const headers: Record<string, string> = {};
      const header = (name: string, value: string) => {
        // A header Node cannot send is the client's mistake, not a request the server sees.
        if (/^[\t\x20-\x7e\x80-\xff]*$/.test(value)) headers[name] = value;
      };
      if (r.contentType) header('content-type', r.contentType);
      if (r.auth === 'good') header('authorization', `Bearer ${key}`);
      else if (r.auth !== 'none') header('authorization', r.auth);
      if (r.idempotency !== null) header('idempotency-key', r.idempotency);
      header('accept-language', r.lang);
      const url = r.path.replace('REAL', r.path.startsWith('/v1/vouchers/') ? voucher : card);
      const before = await counts(till.db);
      let res;
      try {
        res = await app.inject({ method: r.method as 'GET', url, headers, payload: r.body, remoteAddress: r.addr });
      } catch (error) {
        // light-my-request refuses some addresses before any server sees them (it cannot make a URL of them).
        expect(String(error)).toMatch(/Invalid URL|ERR_INVALID|Invalid character/);
        return;
      }
      const status = res.statusCode;
      expect(status, `${r.method} ${url} → ${res.body}`).toBeLessThan(500);
      expect(faults).toEqual([]);
      if (r.method === 'HEAD') return;
      const answer = res.json() as Record<string, unknown>;
      if (status >= 400) {
        expect(answer).toMatchObject({ error: expect.any(String), message: expect.any(String) });
        expect(answer.message).not.toMatch(/[\r\n]|\bat .+:\d+:\d+|Error:|FST_|\{\w+\}/);
        expect(res.body).not.toMatch(/node_modules|\/work\/|\.ts:\d+/);
        expect(await counts(till.db)).toEqual(before);
      } else {
        expect([200]).toContain(status);
      }
    }), { numRuns: 300 * SCALE });
  });

  it('a NUL byte or a lone surrogate in any field of a redeem is a 400, not a database fault', async () => {
    for (const [field, value] of [['store', 'M\u0000'], ['order_ref', 'A\u0000'], ['idempotency_key', 'k\u0000'], ['store', '\ud800'], ['order_ref', '\ud800x']] as const) {
      const res = await app.inject({ method: 'POST', url: `/v1/vouchers/${voucher}/redeem`, headers: { authorization: `Bearer ${key}` }, payload: { amount_cents: 1, channel: 'pickup', order_ref: 'A', idempotency_key: randomUUID(), [field]: value } });
      expect({ field, status: res.statusCode }).toEqual({ field, status: 400 });
    }
    expect(faults).toEqual([]);
  });

  it('a redeem of the real voucher with a fuzzed body: taken once when right, else nothing taken', async () => {
    await fc.assert(fc.asyncProperty(redeemish, async (b) => {
      const before = await counts(till.db);
      const res = await app.inject({ method: 'POST', url: `/v1/vouchers/${voucher}/redeem`, headers: { authorization: `Bearer ${key}`, 'idempotency-key': randomUUID() }, payload: b as object });
      expect(res.statusCode).toBeLessThan(500);
      const after = await counts(till.db);
      if (res.statusCode === 200) expect(after.voucher_movements).toBe(before.voucher_movements! + 1);
      else {
        expect(res.json().message).not.toMatch(/[\r\n]/);
        expect(after).toEqual(before);
      }
    }), { numRuns: 150 * SCALE });
    expect(faults).toEqual([]);
  });
});
