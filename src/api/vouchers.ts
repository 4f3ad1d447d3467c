import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Knex } from 'knex';
import { showVoucher } from '../app/vouchers/browse';
import { apiVoucherJson } from '../app/vouchers/json';
import { redeemVoucher } from '../app/vouchers/redeem';
import { redemptionAnswer, redemptionOf } from './redeem';
import { answer, ApiErrorBody, COMMON_ERRORS, RedeemBody, RedeemHeaders, RedemptionBody, SECURED, VoucherBody, VoucherCodeParams } from './schemas';

// The e-shop's routes on vouchers: look one up, take an amount from it. An idempotency key is
// scoped to the API key: another e-shop sending the same one is a new request.

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
    handler: async (req) => redemptionAnswer(await redeemVoucher(db, await redemptionOf(db, req, req.params.code, req.body))),
  });
}
