import { z } from 'zod';
import { GIFT_CARD_STATUSES } from '../domain/giftCard';
import { VOUCHER_CHANNELS, VOUCHER_ORIGINS, VOUCHER_STATUSES } from '../domain/voucher';

// What the e-shop API takes and answers, once: the routes validate requests and serialise
// answers with these schemas, and the OpenAPI document (/v1/openapi.json) is made from them.
// Amounts are integer cents, dates ISO 8601.

const cents = z.int().describe('An amount in integer cents (euro cents)');

/** The channels the e-shop redeems on: its web orders, and orders picked up in a store. */
export const API_CHANNELS = ['web', 'pickup'] as const;

export const VoucherCodeParams = z.object({
  code: z.string().min(1).max(100).describe('The voucher code, as printed (K7QM-4HXT-9CWR-PN) or without its dashes'),
});

export const ApiErrorBody = z
  .object({
    error: z.string().describe('What went wrong, as a stable key (voucher.used, api.unauthorized…)'),
    message: z.string().describe('The same, said in the language of Accept-Language (fr or en)'),
  })
  .catchall(z.int().describe('An amount the message speaks of, in cents (the balance left…)'))
  .meta({ id: 'Error' });

export const VoucherBody = z
  .object({
    code: z.string(),
    code_display: z.string().describe('The code as printed, in groups'),
    status: z.enum(VOUCHER_STATUSES).describe('expired as soon as its last day is past'),
    origin: z.enum(VOUCHER_ORIGINS),
    initial_cents: cents,
    balance_cents: cents,
    customer: z.object({ code: z.string(), name: z.string() }).nullable(),
    store: z.string().describe('The store that issued it'),
    ticket: z.string().nullable().describe('The ticket that issued it (a refund)'),
    created_at: z.iso.datetime({ offset: true }),
    expires_on: z.iso.date().describe('The last day it can be used, in the shop’s time zone'),
    closed_at: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'Voucher' });

export const RedeemBody = z
  .object({
    amount_cents: cents.describe('What to take from the voucher or gift card, in cents (more than 0)'),
    channel: z.enum(API_CHANNELS),
    order_ref: z.string().describe('The e-shop’s order (1 to 100 visible characters)'),
    idempotency_key: z.string().optional().describe('The same key again answers as the first time and takes nothing more (or an Idempotency-Key header)'),
    store: z.string().regex(/^[\x21-\x7e]{1,40}$/).optional().describe('The store of a pickup, by code (default: the API key’s store)'),
  })
  .meta({ id: 'RedeemRequest' });

export const RedeemHeaders = z.looseObject({
  'idempotency-key': z.string().optional().describe('In place of idempotency_key in the body'),
});

export const RedemptionBody = z
  .object({
    replayed: z.boolean().describe('True when this key had redeemed already: nothing was taken now'),
    code: z.string(),
    amount_cents: cents,
    balance_cents: cents.describe('What the voucher or gift card holds after this use'),
    channel: z.enum(VOUCHER_CHANNELS),
    order_ref: z.string().nullable(),
    at: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'Redemption' });

export const GiftCardCodeParams = z.object({
  code: z.string().min(1).max(100).describe('The gift card code, as printed (K7QM-4HXT-9CWR-PN2A, 9250 0000 0000 0018) or without its dashes and spaces'),
});

export const GiftCardBody = z
  .object({
    code: z.string(),
    code_display: z.string().describe('The code as printed, in groups'),
    kind: z.enum(['generated', 'preprinted']).describe('Made by the till when sold, or a pre-printed card'),
    status: z.enum(GIFT_CARD_STATUSES).describe('expired as soon as its last day is past'),
    initial_cents: cents.describe('What it was sold for'),
    balance_cents: cents,
    store: z.string().describe('The store that sold it'),
    ticket: z.string().describe('The ticket that sold it'),
    created_at: z.iso.datetime({ offset: true }),
    expires_on: z.iso.date().describe('The last day it can be spent, in the shop’s time zone'),
    closed_at: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'GiftCard' });

/** Routes that need an API key: as a bearer token or an X-Api-Key header. */
export const SECURED: Record<string, string[]>[] = [{ bearer: [] }, { apiKey: [] }];

/** The OpenAPI document itself: an object whose `openapi` names the version. */
export const OpenApiBody = z.looseObject({ openapi: z.string() });

/** An answer as fastify takes it: the OpenAPI document says what it means, the schema what it holds. */
export function answer<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { 'application/json': { schema } } };
}

/** The answers of the routes that look a code up, besides their own. */
export const CODE_ERRORS = {
  429: answer('Too many failed code look-ups (unknown, mistyped) by this API key or from this address in the last window: wait for Retry-After (seconds)', ApiErrorBody),
};

/** The answers every route may give besides its own: bad input, no key, the database away. */
export const COMMON_ERRORS = {
  400: answer('A bad request: malformed address, a body that is not a JSON object or is too large (16 KiB), a missing or invalid field, a code mistyped, a bad amount', ApiErrorBody),
  401: answer('No API key, or an unknown or revoked one', ApiErrorBody),
  415: answer('A body that is not application/json', ApiErrorBody),
  500: answer('An unexpected fault (logged; never a trace)', ApiErrorBody),
  503: answer('The database cannot be reached: try again with the same idempotency key', ApiErrorBody),
};
