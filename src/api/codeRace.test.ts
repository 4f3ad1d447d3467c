import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../app/apiKeys';
import { closeTill, openTill, type Till } from '../app/till';
import { loadConfig } from '../config/load';
import type { Config } from '../config/schema';
import { checkSymbol } from '../domain/voucherCode';
import { useTestDatabase } from '../testing/db';
import { startApi, type RunningApi } from './server';

// The failed look-up limit under concurrency and behind a proxy, through a real `pos serve`
// (fastify listening on a port, real HTTP) on real PostgreSQL: look-ups sent all at once do
// not pass the limit by their number; X-Forwarded-For names the client only when the proxy is
// trusted; rows that left the window are purged by the look-ups that follow.

const quiet = { error: () => undefined, warn: () => undefined };

describe('the API limit of failed look-ups, over HTTP', () => {
  const testDb = useTestDatabase();
  let till: Till;
  const servers: RunningApi[] = [];

  beforeAll(async () => {
    till = await openTill(loadConfig({ root: '/nonexistent', env: { DATABASE_URL: testDb().url } }));
  });
  beforeEach(async () => {
    // Each test starts with no failure in the window from 127.0.0.1 (as the owner: no till may move a row's time).
    await testDb().owner('api_code_failures').update({ at: testDb().owner.raw("at - interval '1 day'") });
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await closeTill(till);
  });

  async function serve(api: Partial<Config['api']>): Promise<RunningApi> {
    const config: Config = { ...till.config, api: { ...till.config.api, ...api } };
    const s = await startApi({ db: till.db, config, log: quiet }, '127.0.0.1', 0);
    servers.push(s);
    return s;
  }
  const keyFor = async () => (await createApiKey(till.db, `r-${randomUUID().slice(0, 8)}`, 'M01')).key;
  const unknownVoucher = () => {
    const body = Array.from({ length: 13 }, () => 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'[Math.floor(Math.random() * 31)]).join('');
    return body + checkSymbol(body);
  };
  const lookUp = (s: RunningApi, key: string, headers: Record<string, string> = {}) =>
    fetch(`${s.url}/v1/vouchers/${unknownVoucher()}`, { headers: { authorization: `Bearer ${key}`, ...headers } });
  /** The rows of a key in the window, by address, with their reasons. */
  const rowsOf = async (key: string) =>
    (await testDb().owner('api_code_failures as f').join('api_keys as k', 'k.id', 'f.api_key_id').where('k.prefix', key.slice(0, 10)).orderBy('f.id').select('f.client_addr', 'f.reason')) as { client_addr: string; reason: string | null }[];

  it('40 unknown codes sent at once with a limit of 10: 10 looked up (404), 30 refused with 429 and Retry-After', async () => {
    const s = await serve({ failedLookups: { max: 10, windowSeconds: 60 } });
    const key = await keyFor();
    const answers = await Promise.all(Array.from({ length: 40 }, () => lookUp(s, key)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((c) => c === 404)).toHaveLength(10);
    expect(statuses.filter((c) => c === 429)).toHaveLength(30);
    for (const a of answers.filter((x) => x.status === 429)) {
      const wait = Number(a.headers.get('retry-after'));
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(60);
    }
    await Promise.all(answers.map((a) => a.arrayBuffer()));
    // Each look-up made is a failure kept once; none is left in flight.
    expect((await rowsOf(key)).map((r) => r.reason)).toEqual(Array(10).fill('voucher.unknown'));
  });

  it('X-Forwarded-For names the client only from a trusted proxy', async () => {
    const via = { 'x-forwarded-for': '203.0.113.7' };
    const addressSeen = async (api: Partial<Config['api']>, headers: Record<string, string>) => {
      const s = await serve(api);
      const key = await keyFor();
      expect((await lookUp(s, key, headers)).status).toBe(404);
      return (await rowsOf(key)).map((r) => r.client_addr);
    };
    // Not trusted (the default): the header is anyone's to send; the connection's address counts.
    expect(await addressSeen({}, via)).toEqual(['127.0.0.1']);
    expect(await addressSeen({ trustProxy: ['10.0.0.0/8'] }, via)).toEqual(['127.0.0.1']);
    // From a trusted proxy: the client it names.
    expect(await addressSeen({ trustProxy: true }, via)).toEqual(['203.0.113.7']);
    expect(await addressSeen({ trustProxy: ['127.0.0.1'] }, via)).toEqual(['203.0.113.7']);
    expect(await addressSeen({ trustProxy: ['loopback'] }, { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' })).toEqual(['203.0.113.7']);
    // Two clients behind the trusted proxy are counted apart: one at its limit, the other not.
    const s = await serve({ trustProxy: ['127.0.0.0/8'], failedLookups: { max: 2, windowSeconds: 60 } });
    const [a, b] = [await keyFor(), await keyFor()];
    for (let i = 0; i < 2; i++) expect((await lookUp(s, a, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(404);
    expect((await lookUp(s, b, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(429);
    expect((await lookUp(s, b, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(404);
  });

  it('purges rows older than the window as look-ups come, and keeps those inside it', async () => {
    const s = await serve({ failedLookups: { max: 10, windowSeconds: 60 } });
    const key = await keyFor();
    for (let i = 0; i < 3; i++) expect((await lookUp(s, key)).status).toBe(404);
    // Two of them aged past the window (as the owner: no till may move a row's time).
    const ids = (await rowsOf(key)).length;
    expect(ids).toBe(3);
    const [old1, old2] = (await testDb().owner('api_code_failures').join('api_keys as k', 'k.id', 'api_key_id').where('k.prefix', key.slice(0, 10)).orderBy('api_code_failures.id').pluck('api_code_failures.id')) as string[];
    await testDb().owner('api_code_failures').whereIn('id', [old1!, old2!]).update({ at: testDb().owner.raw("now() - interval '61 seconds'") });
    // Another key's look-up purges them: the table keeps no more than the window.
    expect((await lookUp(s, await keyFor())).status).toBe(404);
    expect(await testDb().owner('api_code_failures').whereIn('id', [old1!, old2!]).count({ n: '*' }).first()).toEqual({ n: 0 });
    expect((await rowsOf(key)).map((r) => r.reason)).toEqual(['voucher.unknown']);
    expect(await testDb().owner('api_code_failures').where('at', '<=', testDb().owner.raw("now() - interval '60 seconds'")).count({ n: '*' }).first()).toEqual({ n: 0 });
  });

  it('the tills’ role writes the count only through its functions, and a failure once said stays', async () => {
    const s = await serve({});
    const key = await keyFor();
    expect((await lookUp(s, key)).status).toBe(404);
    const [row] = (await testDb().owner('api_code_failures').join('api_keys as k', 'k.id', 'api_key_id').where('k.prefix', key.slice(0, 10)).select('api_code_failures.id', 'api_key_id')) as { id: string; api_key_id: number }[];
    const refused = (sql: string, params: (string | number)[]) => expect(till.db.raw(sql, params)).rejects.toMatchObject({ code: '42501' });
    await refused("INSERT INTO api_code_failures (api_key_id, client_addr, route, reason, code_hint) VALUES (?, '10.0.0.1', 'voucher.show', 'x', '')", [row!.api_key_id]);
    await refused('DELETE FROM api_code_failures WHERE id = ?', [row!.id]);
    await refused("UPDATE api_code_failures SET at = at - interval '1 hour' WHERE id = ?", [row!.id]);
    // Settling a failure again (forgiving it) does nothing: only a look-up in flight is settled.
    await till.db.raw('SELECT pos_api_code_settle(?, NULL)', [row!.id]);
    expect((await rowsOf(key)).map((r) => r.reason)).toEqual(['voucher.unknown']);
  });

  it('one refused because others are in flight waits a second; a look-up in flight for long died and counts as failed', async () => {
    const s = await serve({ trustProxy: true, failedLookups: { max: 1, windowSeconds: 60 } });
    const key = await keyFor();
    const keyId = (await testDb().owner('api_keys').where('prefix', key.slice(0, 10)).first('id')).id as number;
    const from = { 'x-forwarded-for': '198.51.100.77' };
    // As the owner: a look-up of this key in flight from elsewhere (its row, with no reason yet).
    const [{ id }] = await testDb().owner('api_code_failures').insert({ api_key_id: keyId, client_addr: '198.51.100.1', route: 'voucher.show', reason: null, code_hint: '' }).returning('id');
    const busy = await lookUp(s, key, from);
    expect([busy.status, busy.headers.get('retry-after')]).toEqual([429, '1']);
    await testDb().owner('api_code_failures').where('id', id).update({ at: testDb().owner.raw("now() - interval '20 seconds'") });
    const dead = await lookUp(s, key, from);
    expect(dead.status).toBe(429);
    expect(Number(dead.headers.get('retry-after'))).toBeGreaterThanOrEqual(39);
    expect(Number(dead.headers.get('retry-after'))).toBeLessThanOrEqual(41);
  });
});
