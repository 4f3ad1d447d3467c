import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Knex } from 'knex';
import { showGiftCard } from '../app/giftcards/browse';
import { giftCardByCode } from '../app/giftcards/codes';
import { giftCardJson } from '../app/giftcards/json';
import { redeemGiftCard } from '../app/giftcards/redeem';
import type { Config } from '../config/schema';
import { redemptionAnswer, redemptionOf } from './redeem';
import { refuseGiftCardOutOfScope } from './storeScope';
import { answer, ApiErrorBody, CODE_ERRORS, COMMON_ERRORS, GiftCardBody, GiftCardCodeParams, RedeemBody, RedeemHeaders, RedemptionBody, SECURED } from './schemas';

// The e-shop's routes on the shop's gift cards, as on vouchers: look one up, spend an amount of
// it for an order. The shop's own cards are spent online too; each use is a row of the card's
// ledger on channel web (or pickup), with the order and the API key.

export function giftCardRoutes(app: FastifyInstance, db: Knex, config: Config, onRequest: onRequestHookHandler[]): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const cards = config.giftCards.preprinted;

  api.route({
    method: 'GET',
    url: '/v1/gift-cards/:code',
    onRequest,
    config: { codeRoute: 'giftCard.show' },
    schema: {
      operationId: 'getGiftCard',
      summary: 'A gift card: status, balance, last day',
      tags: ['gift cards'],
      security: SECURED,
      params: GiftCardCodeParams,
      response: {
        200: answer('The gift card', GiftCardBody),
        404: answer('No gift card has this code (or none the key’s store may see), or the card was never sold', ApiErrorBody),
        ...CODE_ERRORS,
        ...COMMON_ERRORS,
      },
    },
    handler: async (req) => {
      const { card } = await showGiftCard(db, req.params.code, cards);
      refuseGiftCardOutOfScope(config, req.apiKey!, card);
      return giftCardJson(card);
    },
  });

  api.route({
    method: 'POST',
    url: '/v1/gift-cards/:code/redeem',
    onRequest,
    config: { codeRoute: 'giftCard.redeem' },
    schema: {
      operationId: 'redeemGiftCard',
      summary: 'Spends an amount of a gift card for an order; the same idempotency key again takes nothing more',
      tags: ['gift cards'],
      security: SECURED,
      params: GiftCardCodeParams,
      headers: RedeemHeaders,
      body: RedeemBody,
      response: {
        200: answer('What was taken and the balance left (replayed: the key had redeemed already)', RedemptionBody),
        403: answer('A pickup in another store than the key’s, which the shop does not allow (config api.codeScope)', ApiErrorBody),
        404: answer('No gift card has this code (or none the key’s store may see), or the card was never sold', ApiErrorBody),
        409: answer('Refused: used up, expired, cancelled, balance too low (the balance left is in the answer), or the key reused for another redemption', ApiErrorBody),
        ...CODE_ERRORS,
        ...COMMON_ERRORS,
      },
    },
    handler: async (req) => {
      const redemption = await redemptionOf(db, config, req, req.params.code, req.body);
      refuseGiftCardOutOfScope(config, req.apiKey!, await giftCardByCode(db, req.params.code, cards));
      return redemptionAnswer(await redeemGiftCard(db, redemption));
    },
  });
}
