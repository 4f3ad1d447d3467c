import type { FastifyRequest } from 'fastify';
import type { Knex } from 'knex';
import type { Redeemed, Redemption } from '../app/redemption';
import type { Config } from '../config/schema';
import { findStoreByCode } from '../data/places';
import { ApiRefusal } from './errors';
import { refuseStoreOutOfScope } from './storeScope';

// What the e-shop's redeem routes (vouchers, gift cards) share: who asks, under which
// idempotency key, for which store, and the answer's shape.

interface RedeemRequest {
  amount_cents: number;
  channel: Redemption['channel'];
  order_ref: string;
  idempotency_key?: string;
  store?: string;
}

/** The redemption a request asks for: the key from the body or the Idempotency-Key header, the store of a pickup. */
export async function redemptionOf(db: Knex, config: Pick<Config, 'api'>, req: FastifyRequest, code: string, b: RedeemRequest): Promise<Redemption> {
  const key = req.apiKey!;
  const idempotencyKey = b.idempotency_key ?? (req.headers['idempotency-key'] as string | undefined);
  if (idempotencyKey === undefined) throw new ApiRefusal(400, 'api.keyMissing');
  let storeId = key.storeId;
  if (b.store !== undefined) {
    const store = await findStoreByCode(db, b.store);
    if (!store) throw new ApiRefusal(400, 'apiKey.storeUnknown', { code: b.store });
    refuseStoreOutOfScope(config, key, store.code);
    storeId = store.id;
  }
  return { code, amountCents: b.amount_cents, channel: b.channel, orderRef: b.order_ref, idempotencyKey, storeId, apiKeyId: key.id };
}

export function redemptionAnswer(r: Redeemed) {
  return { replayed: r.replayed, code: r.code, amount_cents: r.amountCents, balance_cents: r.balanceAfterCents, channel: r.channel, order_ref: r.orderRef, at: r.at.toISOString() };
}
