import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Knex } from 'knex';
import { showVoucher } from '../app/vouchers/browse';
import { apiVoucherJson } from '../app/vouchers/json';
import { redeemVoucher } from '../app/vouchers/redeem';
import { findStoreByCode } from '../data/places';
import { ApiRefusal } from './errors';
import { answer, ApiErrorBody, COMMON_ERRORS, RedeemBody, RedeemHeaders, RedemptionBody, VoucherBody, VoucherCodeParams } from './schemas';

// The e-shop's routes on vouchers: look one up, take an amount from it. An idempotency key is
// scoped to the API key: another e-shop sending the same one is a new request.

const SECURED: Record<string, string[]>[] = [{ bearer: [] }, { apiKey: [] }];

export function voucherRoutes(app: FastifyInstance, db: Knex, authenticated: onRequestHookHandler): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.route({
    method: 'GET',
    url: '/v1/vouchers/:code',
    onRequest: authenticated,
    schema: {
      operationId: 'getVoucher',
      summary: 'A voucher: status, balance, last day (not the shop’s own note)',
      tags: ['vouchers'],
      security: SECURED,
      params: VoucherCodeParams,
      response: {
        200: answer('The voucher', VoucherBody),
        404: answer('No voucher has this code', ApiErrorBody),
        ...COMMON_ERRORS,
      },
    },
    handler: async (req) => apiVoucherJson((await showVoucher(db, req.params.code)).voucher),
  });

  api.route({
    method: 'POST',
    url: '/v1/vouchers/:code/redeem',
    onRequest: authenticated,
    schema: {
      operationId: 'redeemVoucher',
      summary: 'Takes an amount from a voucher for an order; the same idempotency key again takes nothing more',
      tags: ['vouchers'],
      security: SECURED,
      params: VoucherCodeParams,
      headers: RedeemHeaders,
      body: RedeemBody,
      response: {
        200: answer('What was taken and the balance left (replayed: the key had redeemed already)', RedemptionBody),
        404: answer('No voucher has this code', ApiErrorBody),
        409: answer('Refused: used, expired, cancelled, balance too low (the balance left is in the answer), or the key reused for another redemption', ApiErrorBody),
        ...COMMON_ERRORS,
      },
    },
    handler: async (req) => {
      const key = req.apiKey!;
      const b = req.body;
      const idempotencyKey = b.idempotency_key ?? req.headers['idempotency-key'];
      if (idempotencyKey === undefined) throw new ApiRefusal(400, 'api.keyMissing');
      let storeId = key.storeId;
      if (b.store !== undefined) {
        const store = await findStoreByCode(db, b.store);
        if (!store) throw new ApiRefusal(400, 'apiKey.storeUnknown', { code: b.store });
        storeId = store.id;
      }
      const r = await redeemVoucher(db, { code: req.params.code, amountCents: b.amount_cents, channel: b.channel, orderRef: b.order_ref, idempotencyKey, storeId, apiKeyId: key.id });
      return {
        replayed: r.replayed, code: r.code, amount_cents: r.amountCents, balance_cents: r.balanceAfterCents,
        channel: r.channel, order_ref: r.orderRef, at: r.at.toISOString(),
      };
    },
  });
}
