// The chain's coupons: two definitions and sizes.couponCodes codes, all active and valid at
// every till. Half the codes are single-use 2 € off a ticket of 10 € or more (limited to one
// use each, chain-wide): the generated tickets used some, and each used code has its use and
// its counter at 1. The other half take 10 % off any ticket, with no condition and no limit.
import type { Cell } from './copy';
import type { ChainLayout } from './layout';

export const COUPON_CENTS = 200;
export const COUPON_MIN_CENTS = 1000;

export interface ChainCoupons {
  singleId: number;
  freeId: number;
  singleName: string;
  /** Codes 0 … singles - 1 are single-use; the rest are free. */
  singles: number;
  count: number;
  codeBase: number;
  code(c: number): string;
}

export function chainCoupons(layout: ChainLayout): ChainCoupons {
  const count = layout.sizes.couponCodes;
  const singles = Math.ceil(count / 2);
  return {
    singleId: layout.base.coupon_definitions + 1,
    freeId: layout.base.coupon_definitions + 2,
    singleName: 'Bon de 2 €',
    singles,
    count,
    codeBase: layout.base.coupon_codes,
    code: (c) => (c < singles ? `CHB2${String(c + 1).padStart(8, '0')}` : `CHR10${String(c - singles + 1).padStart(8, '0')}`),
  };
}

/** The single-use code ticket i used: one ticket in ten, each its own code while there are some. */
export function couponOfTicket(coupons: ChainCoupons, i: number): number | null {
  if (i % 10 !== 7) return null;
  const c = Math.floor(i / 10);
  return c < coupons.singles ? c : null;
}

const discount = (value: object, threshold: object | null) =>
  JSON.stringify({ value, bundle: [], target: { itemIds: [], groupCodes: [] }, threshold, maxBundles: null });

export const DEFINITION_COLUMNS = ['id', 'symbol', 'name', 'discount_type', 'discount', 'holder', 'customer_rule', 'limit_scope', 'limit_max', 'conditions'];

export function* definitionRows(coupons: ChainCoupons): Generator<Cell[]> {
  yield [coupons.singleId, 'CHAINB2', coupons.singleName, 'ticket', discount({ kind: 'amount', cents: COUPON_CENTS }, { minQty: null, minCents: COUPON_MIN_CENTS }), 'none', 'optional', 'global', 1, 'Dès 10 € d’achat, une seule fois.'];
  yield [coupons.freeId, 'CHAINR10', '10 % sur le ticket', 'ticket', discount({ kind: 'percent', bp: 1000 }, null), 'none', 'optional', null, null, ''];
}

export const CODE_COLUMNS = ['id', 'definition_id', 'code', 'status', 'source'];

export function* codeRows(coupons: ChainCoupons): Generator<Cell[]> {
  for (let c = 0; c < coupons.count; c++) yield [coupons.codeBase + c + 1, c < coupons.singles ? coupons.singleId : coupons.freeId, coupons.code(c), 'active', 'import'];
}
