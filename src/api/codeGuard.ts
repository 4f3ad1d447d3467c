import type { FastifyError, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Knex } from 'knex';
import { Refusal } from '../app/errors';
import { reserveCodeLookup, settleCodeLookup, type FailureLimit } from '../data/apiCodeFailures';
import type { MessageKey } from '../i18n/messages';
import { ApiRefusal } from './errors';

// Guessing codes through the API: each failed look-up (a code unknown, never sold, mistyped,
// malformed, or of a store the key may not see) is logged and kept as a row of
// api_code_failures; once a key or a client address has `max` of them in the last window, every
// code route answers 429 with Retry-After until the oldest of them leaves the window.
// @fastify/rate-limit counts every request, and an e-shop's honest traffic is mostly successful
// look-ups: limiting those would refuse a busy shop and still let a slow guesser through, so only
// failures are counted here. Its store is memory or Redis; the rows are in PostgreSQL, which
// every `pos serve` on the database already shares.
// Look-ups sent together must not pass the limit by their number: each one takes its place in
// the count before it is made (reserveCodeLookup, atomic in the database), and gives it back
// when it finds its code. A key may so have at most `max` look-ups failed or in flight at once.

export type CodeRoute = 'voucher.show' | 'voucher.redeem' | 'giftCard.show' | 'giftCard.redeem';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A route that looks a code up: guarded by the failure limit. */
    codeRoute?: CodeRoute;
  }
  interface FastifyRequest {
    /** The look-up's place in the failure count, until it is settled (a code route's request only). */
    codeAttempt: string | null;
  }
}

export interface ApiLog {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export type { FailureLimit };

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
  /** onRequest, after the key is known: the look-up's place in the count, or 429 while the key or the address is at its limit. */
  check: onRequestHookHandler;
  /** The error handler's: keeps and logs a failed look-up, or gives back the place of a refusal that is no guess. */
  noteFailure(req: FastifyRequest, error: unknown): Promise<void>;
  /** onSend: gives back the place of a look-up that found its code (before its answer leaves, so the next request sees it). */
  release(req: FastifyRequest): Promise<void>;
}

export function codeGuard(db: Knex, limit: FailureLimit, log: ApiLog): CodeGuard {
  const routeOf = (req: FastifyRequest) => req.routeOptions?.config?.codeRoute;
  const settle = async (req: FastifyRequest, reason: string | null) => {
    const attempt = req.codeAttempt;
    if (attempt === null) return;
    req.codeAttempt = null;
    try {
      await settleCodeLookup(db, attempt, reason);
    } catch (e) {
      // The caller still gets its answer; a place never settled counts as a failure until the window passes.
      log.error({ err: e, attempt, reason }, 'api code look-up not settled');
    }
  };
  return {
    check: async (req) => {
      const route = routeOf(req);
      if (!route || !req.apiKey) return;
      const r = await reserveCodeLookup(db, { apiKeyId: req.apiKey.id, clientAddr: req.ip.slice(0, 64), route, codeHint: codeHint(req) }, limit);
      if ('attempt' in r) {
        req.codeAttempt = r.attempt;
        return;
      }
      const seconds = r.retryAfter;
      log.warn({ apiKey: req.apiKey.name, addr: req.ip, route, retryAfter: seconds }, 'api code look-up refused: too many failed look-ups');
      throw new ApiRefusal(429, 'api.tooManyFailures', { seconds }, { 'retry-after': String(seconds) });
    },
    async noteFailure(req, error) {
      if (req.codeAttempt === null) return;
      const reason = failureReason(error);
      if (reason && req.apiKey) {
        log.warn({ apiKey: req.apiKey.name, addr: req.ip.slice(0, 64), route: routeOf(req), reason, codeHint: codeHint(req) }, 'api code look-up failed');
      }
      await settle(req, reason);
    },
    release: (req) => settle(req, null),
  };
}
