import type { FastifyError, FastifyRequest } from 'fastify';
import { faultDetail, Refusal, refusalParams } from '../app/errors';
import type { Config } from '../config/schema';
import { isConnectionError } from '../data/db';
import type { Lang } from '../domain/money';
import { t, type MessageKey } from '../i18n/messages';

// Every answer that is not a success has one shape, `{ error, message }` (plus the amounts its
// message speaks of, in cents): bad input of any kind is a 4xx with the reason in the caller's
// language, never a 500 and never a trace.

/** A refusal with its HTTP status (one the use cases do not know about: no key, no route…). */
export class ApiRefusal extends Refusal {
  constructor(readonly status: number, key: MessageKey, params: Record<string, string | number> = {}, readonly headers: Record<string, string> = {}) {
    super(key, params);
  }
}

const NOT_FOUND = new Set<MessageKey>(['voucher.unknown', 'giftCard.unknown', 'giftCard.notSold']);
const CONFLICT = new Set<MessageKey>([
  'voucher.used', 'voucher.expired', 'voucher.cancelled', 'voucher.amountAboveBalance', 'voucher.keyReused',
  'giftCard.used', 'giftCard.expired', 'giftCard.cancelled', 'giftCard.amountAboveBalance', 'giftCard.keyReused',
]);

/** PostgreSQL's invalid_byte_sequence and untranslatable_character. */
const INVALID_TEXT = new Set(['22021', '22P05']);

/** What fastify itself refuses before a handler runs, as our keys. */
const FRAMEWORK: Record<string, [number, MessageKey]> = {
  FST_ERR_BAD_URL: [400, 'api.urlMalformed'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'api.bodyInvalid'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'api.bodyInvalid'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'api.bodyInvalid'],
  // Said with 400 as before the move to fastify: clients written then read it so.
  FST_ERR_CTP_BODY_TOO_LARGE: [400, 'api.bodyTooLarge'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'api.mediaType'],
};

export interface ErrorAnswer {
  status: number;
  body: { error: string; message: string } & Record<string, string | number>;
}

export function langOf(req: FastifyRequest, config: Pick<Config, 'lang'>): Lang {
  const accept = String(req.headers['accept-language'] ?? '').toLowerCase();
  return accept.startsWith('en') ? 'en' : accept.startsWith('fr') ? 'fr' : config.lang;
}

function said(status: number, key: MessageKey, lang: Lang, params: Record<string, string | number> = {}): ErrorAnswer {
  return { status, body: { error: key, message: t(lang, key, params) } };
}

/** The field a schema refused: the first one named, or none when the body as a whole is wrong. */
function invalidField(e: FastifyError): string | null {
  if (e.validationContext === 'params') return 'code';
  const path = e.validation?.[0]?.instancePath ?? '';
  const field = path.split('/').filter(Boolean)[0];
  if (field) return field;
  return e.validationContext === 'headers' ? 'idempotency-key' : null;
}

/** The answer to an error; `fault` is told of what nobody expected (for the log). */
export function errorAnswer(error: unknown, lang: Lang, fault: (error: unknown) => void): ErrorAnswer {
  if (error instanceof Refusal) {
    const status = error instanceof ApiRefusal ? error.status : NOT_FOUND.has(error.key) ? 404 : CONFLICT.has(error.key) ? 409 : 400;
    return { status, body: { error: error.key, message: t(lang, error.key, refusalParams(error, lang)), ...error.money } };
  }
  const e = error as FastifyError;
  if (e?.validation) {
    const field = invalidField(e);
    return field ? said(400, 'api.fieldInvalid', lang, { field }) : said(400, 'api.bodyInvalid', lang);
  }
  const known = e?.code ? FRAMEWORK[e.code] : undefined;
  if (known) return said(known[0], known[1], lang);
  // Bytes PostgreSQL cannot take (a NUL in a text): only a request brings them.
  if (INVALID_TEXT.has((error as { code?: string })?.code ?? '')) return said(400, 'api.badRequest', lang);
  if (isConnectionError(error)) return { status: 503, body: { error: 'db.lost', message: t(lang, 'api.unavailable') } };
  // Any other refusal of the framework's (a header it cannot read…): its status, our shape.
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) return said(e.statusCode, 'api.badRequest', lang);
  fault(error);
  return { status: 500, body: { error: 'fault', message: t(lang, 'api.fault', { detail: faultDetail(error) }) } };
}
