import type { FastifyError, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Knex } from 'knex';
import { Refusal } from '../app/errors';
import { insertCodeFailure, lockedForSeconds } from '../data/apiCodeFailures';
import type { MessageKey } from '../i18n/messages';
import { ApiRefusal } from './errors';

// Guessing codes through the API: each failed look-up (a code unknown, never sold, mistyped,
// malformed, or of a store the key may not see) is logged and kept as a row of
// api_code_failures; once a key or a client address has `max` of them in the last window, every
// code route answers 429 with Retry-After until the oldest of them leaves the window.
// @fastify/rate-limit counts every request, and an e-shop's honest traffic is mostly successful
// look-ups: limiting those would refuse a busy shop and still let a slow guesser through, so only
// failures are counted here. Its store is memory or Redis; the rows are in PostgreSQL, which
// every `pos serve` on the database already shares, and they are the audit trail as well.
// Requests in flight together are checked before any of them has failed: the limit can be
// passed by as many look-ups as a caller has in flight at once, never more.

export type CodeRoute = 'voucher.show' | 'voucher.redeem' | 'giftCard.show' | 'giftCard.redeem';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A route that looks a code up: guarded by the failure limit. */
    codeRoute?: CodeRoute;
  }
}

export interface ApiLog {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface FailureLimit {
  max: number;
  windowSeconds: number;
}

const FAILURES = new Set<MessageKey>([
  'voucher.unknown', 'voucher.codeMistyped', 'voucher.codeMalformed',
  'giftCard.unknown', 'giftCard.notSold', 'giftCard.codeMistyped', 'giftCard.codeMalformed',
]);

/** Why an error is a failed look-up of a code, or null when it is not one (a used voucher, a bad amount…). */
export function failureReason(error: unknown): string | null {
  if (error instanceof Refusal) return FAILURES.has(error.key) ? error.key : null;
  // A code the schema refuses outright (too long): a guess all the same.
  return (error as FastifyError)?.validationContext === 'params' ? 'api.codeInvalid' : null;
}

/** The first characters of the code as sent, letters and digits only: enough to read a sweep in the trail, never a whole code. */
function codeHint(req: FastifyRequest): string {
  const code = (req.params as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code.replace(/[^A-Za-z0-9]/g, '').slice(0, 4) : '';
}

export interface CodeGuard {
  /** onRequest, after the key is known: 429 while the key or the address is at its limit. */
  check: onRequestHookHandler;
  /** Keeps and logs a failed look-up (before its answer is sent, so the next request sees it). */
  noteFailure(req: FastifyRequest, error: unknown): Promise<void>;
}

export function codeGuard(db: Knex, limit: FailureLimit, log: ApiLog): CodeGuard {
  const routeOf = (req: FastifyRequest) => req.routeOptions?.config?.codeRoute;
  return {
    check: async (req) => {
      const route = routeOf(req);
      if (!route || !req.apiKey) return;
      const seconds = await lockedForSeconds(db, req.apiKey.id, req.ip, limit.max, limit.windowSeconds);
      if (seconds === null) return;
      log.warn({ apiKey: req.apiKey.name, addr: req.ip, route, retryAfter: seconds }, 'api code look-up refused: too many failed look-ups');
      throw new ApiRefusal(429, 'api.tooManyFailures', { seconds }, { 'retry-after': String(seconds) });
    },
    async noteFailure(req, error) {
      const route = routeOf(req);
      const reason = route && req.apiKey ? failureReason(error) : null;
      if (!route || !reason || !req.apiKey) return;
      const failure = { apiKeyId: req.apiKey.id, clientAddr: req.ip.slice(0, 64), route, reason, codeHint: codeHint(req) };
      log.warn({ apiKey: req.apiKey.name, addr: failure.clientAddr, route, reason, codeHint: failure.codeHint }, 'api code look-up failed');
      try {
        await insertCodeFailure(db, failure);
      } catch (e) {
        // The caller still gets its 4xx; the log keeps what the table could not.
        log.error({ err: e, ...failure }, 'api code look-up failure not recorded');
      }
    },
  };
}
