// The money paths under mutation testing (`npm run mutate`), in groups: `MUTATE=money` (a group of
// pure rules, minutes) or `MUTATE=app,data` narrows a run; without it every group is mutated.
// Each selection keeps its own report (.stryker/report-<groups>.json); the score adds up the
// newest report of each file.
// The Stryker config and its vitest config both read this list, so a run loads only the tests
// that can kill its mutants. Survivors that no test can kill are listed in mutation-survivors.md.

const domainTests = ['src/domain/**/*.test.ts'];

export const groups = {
  money: {
    mutate: ['src/domain/money.ts', 'src/domain/tender.ts', 'src/domain/vat.ts', 'src/domain/limits.ts', 'src/domain/voucher.ts'],
    tests: domainTests,
  },
  basket: {
    mutate: ['src/domain/basket.ts', 'src/domain/pricing.ts', 'src/domain/pricingRule.ts'],
    tests: domainTests,
  },
  coupon: {
    mutate: ['src/domain/coupon/rule.ts', 'src/domain/coupon/engine.ts', 'src/domain/coupon/check.ts'],
    tests: domainTests,
  },
  loyalty: {
    mutate: ['src/domain/loyalty/earning.ts', 'src/domain/loyalty/rewards.ts', 'src/domain/loyalty/expiry.ts'],
    tests: domainTests,
  },
  app: {
    mutate: [
      'src/app/commitSale.ts',
      'src/app/saleEffects.ts',
      'src/app/accounts/effect.ts',
      'src/app/coupons/effect.ts',
      'src/app/loyalty/effect.ts',
      'src/app/vouchers/effect.ts',
      'src/app/giftcards/effect.ts',
    ],
    tests: [
      'src/app/commitSale.test.ts',
      'src/app/commitSale.audit.test.ts',
      'src/app/moneyRules.test.ts',
      'src/app/accounts/accounts.test.ts',
      'src/app/coupons/limits.test.ts',
      'src/app/coupons/effect.test.ts',
      'src/app/coupons/till.test.ts',
      'src/app/loyalty/loyalty.test.ts',
      'src/app/vouchers/vouchers.test.ts',
      'src/app/giftcards/giftCards.test.ts',
      'src/app/offline/offline.test.ts',
    ],
  },
  data: {
    mutate: ['src/data/accounts.ts', 'src/data/couponUses.ts', 'src/data/sales.ts', 'src/data/loyalty.ts'],
    tests: [
      'src/app/commitSale.test.ts',
      'src/app/accounts/accounts.test.ts',
      'src/app/coupons/limits.test.ts',
      'src/app/loyalty/loyalty.test.ts',
    ],
  },
};

/** The groups this run mutates: MUTATE=domain,app (comma-separated), or all of them. */
export function selectedGroups(env = process.env) {
  const wanted = (env.MUTATE ?? '').split(',').map((g) => g.trim()).filter(Boolean);
  const unknown = wanted.filter((g) => !(g in groups));
  if (unknown.length > 0) {
    throw new Error(`MUTATE: unknown group ${unknown.join(', ')} (known: ${Object.keys(groups).join(', ')})`);
  }
  return (wanted.length > 0 ? wanted : Object.keys(groups)).map((g) => groups[g]);
}

/** The name of this run's selection, for its report and incremental files. */
export function selectionName(env = process.env) {
  const wanted = (env.MUTATE ?? '').split(',').map((g) => g.trim()).filter(Boolean);
  return wanted.length > 0 ? wanted.join('+') : 'all';
}

export const mutateFiles = (env) => [...new Set(selectedGroups(env).flatMap((g) => g.mutate))];
export const testFiles = (env) => [...new Set(selectedGroups(env).flatMap((g) => g.tests))];
