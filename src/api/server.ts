import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import { authenticate } from '../app/apiKeys';
import { faultDetail, Refusal, refusalParams } from '../app/errors';
import { showVoucher } from '../app/vouchers/browse';
import { apiVoucherJson } from '../app/vouchers/json';
import { redeemVoucher } from '../app/vouchers/redeem';
import type { Config } from '../config/schema';
import type { ApiKeyRow } from '../data/apiKeys';
import { isConnectionError } from '../data/db';
import { findStoreByCode } from '../data/places';
import type { Lang } from '../domain/money';
import type { VoucherChannel } from '../domain/voucher';
import { t, type MessageKey } from '../i18n/messages';
import { BadBody, readJson, sendJson } from './http';

// `pos serve`: the e-shop's HTTP JSON API on vouchers.
//   GET  /v1/vouchers/{code}          → 200 the voucher (status, balance, expiry; not the shop's note)
//   POST /v1/vouchers/{code}/redeem   → 200 what was taken and the balance left
//        { "amount_cents": 1250, "channel": "web" | "pickup", "order_ref": "CMD-1042",
//          "idempotency_key": "…" (or an Idempotency-Key header), "store": "M01" (pickup, optional) }
// Authorization: Bearer <key> (see `pos api-key create`). Errors are { error, message }:
// 401 no or wrong key, 400 a bad request (body, code mistyped, amount), 404 unknown voucher,
// 409 a refused redemption (used, expired, cancelled, balance too low, key reused) with the reason.
// An idempotency key is scoped to the API key: another e-shop sending the same one is a new request.

const NOT_FOUND = new Set<MessageKey>(['voucher.unknown']);
const CONFLICT = new Set<MessageKey>(['voucher.used', 'voucher.expired', 'voucher.cancelled', 'voucher.amountAboveBalance', 'voucher.keyReused']);

export interface ApiOptions {
  db: Knex;
  config: Config;
  log: { error(obj: object, msg: string): void };
}

class HttpRefusal extends Refusal {
  constructor(readonly status: number, key: MessageKey, params: Record<string, string | number> = {}) {
    super(key, params);
  }
}

function langOf(req: IncomingMessage, config: Config): Lang {
  const accept = String(req.headers['accept-language'] ?? '').toLowerCase();
  return accept.startsWith('en') ? 'en' : accept.startsWith('fr') ? 'fr' : config.lang;
}

function presentedKey(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const header = req.headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : null;
}

function field<T>(body: Record<string, unknown>, name: string, ok: (v: unknown) => v is T, required = true): T | undefined {
  const v = body[name];
  if (v === undefined && !required) return undefined;
  if (!ok(v)) throw new HttpRefusal(400, 'api.fieldInvalid', { field: name });
  return v;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isCents = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

async function redeem(o: ApiOptions, req: IncomingMessage, key: ApiKeyRow, code: string) {
  let body;
  try {
    body = await readJson(req);
  } catch (error) {
    if (error instanceof BadBody) throw new HttpRefusal(400, error.message as MessageKey);
    throw error;
  }
  const amountCents = field(body, 'amount_cents', isCents)!;
  const channel = field(body, 'channel', (v): v is VoucherChannel => v === 'web' || v === 'pickup')!;
  const orderRef = field(body, 'order_ref', isString)!;
  const header = req.headers['idempotency-key'];
  const idempotencyKey = field(body, 'idempotency_key', isString, false) ?? (typeof header === 'string' ? header : undefined);
  if (idempotencyKey === undefined) throw new HttpRefusal(400, 'api.keyMissing');
  let storeId = key.storeId;
  const storeCode = field(body, 'store', isString, false);
  if (storeCode !== undefined) {
    const store = await findStoreByCode(o.db, storeCode);
    if (!store) throw new HttpRefusal(400, 'apiKey.storeUnknown', { code: storeCode });
    storeId = store.id;
  }
  const r = await redeemVoucher(o.db, { code, amountCents, channel, orderRef, idempotencyKey, storeId, apiKeyId: key.id });
  return {
    replayed: r.replayed, code: r.code, amount_cents: r.amountCents, balance_cents: r.balanceAfterCents,
    channel: r.channel, order_ref: r.orderRef, at: r.at.toISOString(),
  };
}

async function route(o: ApiOptions, req: IncomingMessage): Promise<{ status: number; body: unknown }> {
  const url = new URL(req.url ?? '/', 'http://api');
  const m = /^\/v1\/vouchers\/([^/]+)(\/redeem)?$/.exec(url.pathname);
  if (!m) throw new HttpRefusal(404, 'api.notFound');
  const key = await authenticate(o.db, presentedKey(req));
  if (!key) throw new HttpRefusal(401, 'api.unauthorized');
  const code = decodeURIComponent(m[1]!);
  if (!m[2]) {
    if (req.method !== 'GET') throw new HttpRefusal(405, 'api.methodNotAllowed');
    return { status: 200, body: apiVoucherJson((await showVoucher(o.db, code)).voucher) };
  }
  if (req.method !== 'POST') throw new HttpRefusal(405, 'api.methodNotAllowed');
  return { status: 200, body: await redeem(o, req, key, code) };
}

function statusOf(e: Refusal): number {
  if (e instanceof HttpRefusal) return e.status;
  return NOT_FOUND.has(e.key) ? 404 : CONFLICT.has(e.key) ? 409 : 400;
}

async function handle(o: ApiOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const lang = langOf(req, o.config);
  try {
    const { status, body } = await route(o, req);
    sendJson(res, status, body);
  } catch (error) {
    if (error instanceof Refusal) {
      sendJson(res, statusOf(error), { error: error.key, message: t(lang, error.key, refusalParams(error, lang)), ...error.money });
    } else if (isConnectionError(error)) {
      sendJson(res, 503, { error: 'db.lost', message: t(lang, 'api.unavailable') });
    } else {
      o.log.error({ err: error, url: req.url }, 'api request failed');
      sendJson(res, 500, { error: 'fault', message: t(lang, 'api.fault', { detail: faultDetail(error) }) });
    }
  }
}

export interface RunningApi {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Starts the API on host:port (port 0: any free port, see `url`). */
export async function startApi(o: ApiOptions, host: string, port: number): Promise<RunningApi> {
  const server = createServer((req, res) => void handle(o, req, res));
  // A client that never sends its body does not hold a connection forever.
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
