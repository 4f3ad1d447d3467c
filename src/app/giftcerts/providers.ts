import type { Config } from '../../config/schema';
import { bigCommerce } from './bigcommerce';
import type { GiftCertProvider } from './provider';

/** The provider this till is configured for, or null when none is (no store hash, no token). */
export function giftcertProvider(config: Config): GiftCertProvider | null {
  const bc = config.giftcerts.bigcommerce;
  if (bc.storeHash === '' || bc.accessToken === '') return null;
  return bigCommerce(bc);
}
