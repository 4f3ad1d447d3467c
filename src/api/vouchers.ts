import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Knex } from 'knex';
import { showVoucher } from '../app/vouchers/browse';
import { voucherByCode } from '../app/vouchers/codes';
import { apiVoucherJson } from '../app/vouchers/json';
import { redeemVoucher } from '../app/vouchers/redeem';
import type { Config } from '../config/schema';
import { redemptionAnswer, redemptionOf } from './redeem';
import { refuseVoucherOutOfScope } from './storeScope';
import { answer, ApiErrorBody, CODE_ERRORS, COMMON_ERRORS, RedeemBody, RedeemHeaders, RedemptionBody, SECURED, VoucherBody, VoucherCodeParams } from './schemas';

// The e-shop's routes on vouchers: look one up, take an amount from it. An idempotency key is
// scoped to the API key: another e-shop sending the same one is a new request.

export function voucherRoutes(app: FastifyInstance, db: Knex, config: Config, onRequest: onRequestHookHandler[]): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.route({
    method: 'GET',
    url: '/v1/vouchers/:code',
    onRequest,
    config: { codeRoute: 'voucher.show' },
    schema: {
      operationId: 'getVoucher',
      summary: 'A voucher: status, balance, last day (not the shop’s own note)',
      tags: ['vouchers'],
      security: SECURED,
      params: VoucherCodeParams,
      response: {
        200: answer('The voucher', VoucherBody),
        404: answer('No voucher has this code (or none the key’s store may see)', ApiErrorBody),
        ...CODE_ERRORS,
        ...COMMON_ERRORS,
      },
    },
    handler: async (req) => {
      const { voucher } = await showVoucher(db, req.params.code);
      refuseVoucherOutOfScope(config, req.apiKey!, voucher);
      return apiVoucherJson(voucher);
    },
  });

  api.route({
    method: 'POST',
    url: '/v1/vouchers/:code/redeem',
    onRequest,
    config: { codeRoute: 'voucher.redeem' },
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
        403: answer('A pickup in another store than the key’s, which the shop does not allow (config api.codeScope)', ApiErrorBody),
        404: answer('No voucher has this code (or none the key’s store may see)', ApiErrorBody),
        409: answer('Refused: used, expired, cancelled, balance too low (the balance left is in the answer), or the key reused for another redemption', ApiErrorBody),
        ...CODE_ERRORS,
        ...COMMON_ERRORS,
      },
    },
    handler: async (req) => {
      const redemption = await redemptionOf(db, config, req, req.params.code, req.body);
      refuseVoucherOutOfScope(config, req.apiKey!, await voucherByCode(db, req.params.code));
      return redemptionAnswer(await redeemVoucher(db, redemption));
    },
  });
}
