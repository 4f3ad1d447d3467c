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
      'src/app/accounts/effect.test.ts',
      'src/app/coupons/limits.test.ts',
      'src/app/coupons/effect.test.ts',
      'src/app/coupons/till.test.ts',
      'src/app/loyalty/loyalty.test.ts',
      'src/app/loyalty/effect.test.ts',
      'src/app/vouchers/vouchers.test.ts',
      'src/app/vouchers/effect.test.ts',
      'src/app/giftcards/giftCards.test.ts',
      'src/app/giftcards/effect.test.ts',
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
      // What the four tests above leave unread: a return's tenders and lines, the audit lines.
      'src/app/commitSale.audit.test.ts',
      'src/app/returns/returns.test.ts',
      // Each data module read in process, in full (the CLI tests run the bundle, out of reach):
      // the ways a sale or a movement is found again, coupon-use answers, loyalty settings.
      'src/data/accounts.test.ts',
      'src/data/sales.test.ts',
      'src/data/couponUses.test.ts',
      'src/data/loyalty.test.ts',
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

const list = (value) => (value ?? '').split(',').map((f) => f.trim()).filter(Boolean);

/**
 * The name of this run's selection, for its report and incremental files. A narrowed run
 * (MUTATE_FILES) keeps a report of its own, so it neither replaces the group's report nor spoils
 * its incremental file; the score takes each file's mutants from its newest report.
 */
export function selectionName(env = process.env) {
  const wanted = list(env.MUTATE);
  const name = wanted.length > 0 ? wanted.join('+') : 'all';
  const only = list(env.MUTATE_FILES);
  return only.length > 0 ? `${name}@${only.map((f) => f.replace(/^src\//, '').replace(/\.ts$/, '').replace(/[^\w]+/g, '_')).join('+')}` : name;
}

/**
 * A run narrowed to a few files and the tests that reach them, to work on one module in
 * minutes: MUTATE_FILES=src/app/giftcards/effect.ts MUTATE_TESTS=src/app/giftcards/giftCards.test.ts.
 * Each narrows its side of the selected groups' lists; a file of no selected group is refused.
 */
export function mutateFiles(env = process.env) {
  const all = [...new Set(selectedGroups(env).flatMap((g) => g.mutate))];
  return narrowed(all, list(env.MUTATE_FILES), 'MUTATE_FILES');
}
export function testFiles(env = process.env) {
  const all = [...new Set(selectedGroups(env).flatMap((g) => g.tests))];
  return narrowed(all, list(env.MUTATE_TESTS), 'MUTATE_TESTS');
}

function narrowed(all, only, name) {
  if (only.length === 0) return all;
  const unknown = only.filter((f) => !all.includes(f));
  if (unknown.length > 0) throw new Error(`${name}: not in the selected groups: ${unknown.join(', ')}`);
  return only;
}
