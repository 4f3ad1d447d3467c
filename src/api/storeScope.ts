import { refuse } from '../app/errors';
import type { Config } from '../config/schema';
import type { ApiKeyRow } from '../data/apiKeys';
import { formatGiftCardCode } from '../domain/giftCardCode';
import { formatVoucherCode } from '../domain/voucherCode';
import { ApiRefusal } from './errors';

// What a key may do beyond its own store is the shop's choice (config api.codeScope): `store`
// (the default: a leaked e-shop key then reaches one store's balances) or `shop` (vouchers and
// gift cards of every store, pickups in any store). A voucher or card of another store is
// answered as unknown, so a key cannot learn which codes exist elsewhere.

function sees(config: Pick<Config, 'api'>, key: ApiKeyRow, storeCode: string): boolean {
  return config.api.codeScope === 'shop' || storeCode === key.storeCode;
}

export function refuseVoucherOutOfScope(config: Pick<Config, 'api'>, key: ApiKeyRow, v: { code: string; storeCode: string }): void {
  if (!sees(config, key, v.storeCode)) refuse('voucher.unknown', { code: formatVoucherCode(v.code) });
}

export function refuseGiftCardOutOfScope(config: Pick<Config, 'api'>, key: ApiKeyRow, c: { code: string; storeCode: string }): void {
  if (!sees(config, key, c.storeCode)) refuse('giftCard.unknown', { code: formatGiftCardCode(c.code) });
}

/** A pickup in another store than the key's: only when the shop said so. */
export function refuseStoreOutOfScope(config: Pick<Config, 'api'>, key: ApiKeyRow, storeCode: string): void {
  if (!sees(config, key, storeCode)) throw new ApiRefusal(403, 'api.storeForbidden', { store: storeCode });
}
