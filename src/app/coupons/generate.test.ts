import { describe, expect, it } from 'vitest';
import { openDb } from '../../data/db';
import { useTestDatabase } from '../../testing/db';
import { setStatus } from './codes';
import { defineCoupon, defineScheme } from './definitions';
import { generateCodes } from './generate';
import { addCustomer, fields } from './testFixtures';

const TODAY = '2026-11-22';

describe('making coupon codes against PostgreSQL', () => {
  const testDb = useTestDatabase();

  it('from the symbol: REMISE, REMISE1, REMISE2, then the next batch goes on', async () => {
    const { db } = testDb();
    await defineCoupon(db, fields({ symbol: 'REMISE', validFrom: '2026-11-01', validUntil: '2026-12-31' }));
    expect(await generateCodes(db, { symbol: 'remise', count: 3 }, TODAY)).toEqual({ created: 3, codes: ['REMISE', 'REMISE1', 'REMISE2'] });
    expect((await generateCodes(db, { symbol: 'REMISE', count: 2 }, TODAY)).codes).toEqual(['REMISE3', 'REMISE4']);
    const rows = await db('coupon_codes').where('code', 'REMISE').select('status', 'source', db.raw('valid_from::text AS valid_from'), db.raw('valid_until::text AS valid_until'));
    // Inactive by default, the definition's validity, added by hand.
    expect(rows).toEqual([{ status: 'inactive', source: 'manual', valid_from: '2026-11-01', valid_until: '2026-12-31' }]);
  });

  it('skips a text another code already has and takes the next number', async () => {
    const { db } = testDb();
    await defineCoupon(db, fields({ symbol: 'BIENV' }));
    await defineCoupon(db, fields({ symbol: 'BIENV2' }));
    expect((await generateCodes(db, { symbol: 'BIENV2', count: 1 }, TODAY)).codes).toEqual(['BIENV2']);
    expect((await generateCodes(db, { symbol: 'BIENV', count: 4 }, TODAY)).codes).toEqual(['BIENV', 'BIENV1', 'BIENV3', 'BIENV4']);
  });

  it('two batches made at once by two connections never share a number', async () => {
    const { db, url } = testDb();
    await defineCoupon(db, fields({ symbol: 'DUO' }));
    const pools = [openDb({ url }), openDb({ url })];
    try {
      const made = await Promise.all(pools.flatMap((p) => [generateCodes(p, { symbol: 'DUO', count: 40 }, TODAY), generateCodes(p, { symbol: 'DUO', count: 10 }, TODAY)]));
      const all = made.flatMap((m) => m.codes);
      expect(all).toHaveLength(100);
      expect(new Set(all).size).toBe(100);
      // Each batch is a run of consecutive numbers, and together they are 0…99.
      const numbers = all.map((c) => (c === 'DUO' ? 0 : Number(c.slice(3)))).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: 100 }, (_, i) => i));
    } finally {
      await Promise.all(pools.map((p) => p.destroy()));
    }
  });

  it('from a numbering scheme, shared by the definitions that use it', async () => {
    const { db } = testDb();
    await defineScheme(db, { code: 'BR', name: 'Bons', pattern: 'BR{YY}-{N:6}', active: true });
    await defineCoupon(db, fields({ symbol: 'S1', scheme: 'BR' }));
    await defineCoupon(db, fields({ symbol: 'S2', scheme: 'BR' }));
    expect((await generateCodes(db, { symbol: 'S1', count: 2 }, TODAY)).codes).toEqual(['BR26-000001', 'BR26-000002']);
    expect((await generateCodes(db, { symbol: 'S2', count: 1 }, TODAY)).codes).toEqual(['BR26-000003']);
    await defineScheme(db, { code: 'RND', name: 'Au hasard', pattern: 'NOEL{R:8}', active: true });
    await defineCoupon(db, fields({ symbol: 'S3', scheme: 'RND' }));
    const random = (await generateCodes(db, { symbol: 'S3', count: 50 }, TODAY)).codes;
    expect(new Set(random).size).toBe(50);
    for (const c of random) expect(c).toMatch(/^NOEL[ACDEFGHJKMNPQRTUVWXY34679]{8}$/);
  });

  it('typed by hand; unique among live codes, and a blocked code gives its text back', async () => {
    const { db } = testDb();
    await defineCoupon(db, fields({ symbol: 'MAIN' }));
    expect(await generateCodes(db, { symbol: 'MAIN', code: 'noel2026', status: 'active', description: 'affiche vitrine' }, TODAY)).toEqual({ created: 1, codes: ['NOEL2026'] });
    await expect(generateCodes(db, { symbol: 'MAIN', code: 'NOEL2026' }, TODAY)).rejects.toMatchObject({ key: 'coupon.code.taken', params: { code: 'NOEL2026' } });
    await setStatus(db, ['NOEL2026'], 'blocked');
    expect((await generateCodes(db, { symbol: 'MAIN', code: 'NOEL2026' }, TODAY)).codes).toEqual(['NOEL2026']);
    expect(await db('coupon_codes').where('code', 'NOEL2026').orderBy('id').pluck('status')).toEqual(['blocked', 'inactive']);
    await expect(generateCodes(db, { symbol: 'MAIN', code: 'NOËL' }, TODAY)).rejects.toMatchObject({ key: 'coupon.code.invalid' });
  });

  it('one code per customer of a list or of a group, or per customer group, as the definition allows', async () => {
    const { db } = testDb();
    const ids = [await addCustomer(db, 'C-1', { group: 'VIP' }), await addCustomer(db, 'C-2', { group: 'VIP' }), await addCustomer(db, 'C-3')];
    await defineCoupon(db, fields({ symbol: 'PERSO', holder: 'customer', customerRule: 'matching' }));
    const one = await generateCodes(db, { symbol: 'PERSO', customers: ['C-3'], membersOf: 'vip' }, TODAY);
    expect(one.created).toBe(3);
    const rows = await db('coupon_codes').whereIn('code', one.codes).orderBy('customer_id').pluck('customer_id');
    expect(rows).toEqual([...ids].sort((a, b) => a - b));
    await defineCoupon(db, fields({ symbol: 'GRP', type: 'customer_group', items: '@CAVE' }));
    expect((await generateCodes(db, { symbol: 'GRP', groups: ['VIP'] }, TODAY)).codes).toEqual(['GRP']);
    await defineCoupon(db, fields({ symbol: 'SANSNOM' })); // a coupon for anyone, this test's own
    const refusals: [Parameters<typeof generateCodes>[1], string][] = [
      [{ symbol: 'PERSO', count: 2 }, 'coupon.codes.customerNeeded'],
      [{ symbol: 'PERSO', groups: ['VIP'] }, 'coupon.codes.customersOnly'],
      [{ symbol: 'GRP', customers: ['C-1'] }, 'coupon.codes.groupsOnly'],
      [{ symbol: 'GRP', groups: ['NOPE'] }, 'coupon.codes.unknownGroup'],
      [{ symbol: 'PERSO', customers: ['C-404'] }, 'customer.unknownCode'],
      [{ symbol: 'PERSO', customers: ['C-1'], count: 1 }, 'coupon.codes.countOrHolders'],
      [{ symbol: 'SANSNOM', customers: ['C-1'] }, 'coupon.codes.noHolderAllowed'],
      [{ symbol: 'SANSNOM', count: 0 }, 'coupon.codes.countInvalid'],
      [{ symbol: 'SANSNOM', status: 'blocked' }, 'coupon.codes.statusInvalid'],
      [{ symbol: 'NOPE', count: 1 }, 'coupon.def.unknown'],
    ];
    for (const [req, key] of refusals) await expect(generateCodes(db, req, TODAY), key).rejects.toMatchObject({ key });
  });

  it('codes in bulk for customers or groups only when the customer on the document must match the code', async () => {
    const { db } = testDb();
    await addCustomer(db, 'C-11', { group: 'PRO' });
    await addCustomer(db, 'C-12', { group: 'PRO' });
    await defineCoupon(db, fields({ symbol: 'REQUIS', holder: 'customer', customerRule: 'required' }));
    await defineCoupon(db, fields({ symbol: 'GROUPES', holder: 'group', customerRule: 'required' }));
    const before = await db('coupon_codes').count<{ n: string }[]>({ n: '*' });
    const bulk: Parameters<typeof generateCodes>[1][] = [
      { symbol: 'REQUIS', membersOf: 'PRO' },
      { symbol: 'REQUIS', customers: ['C-11', 'C-12'] },
      { symbol: 'GROUPES', groups: ['PRO', 'VIP'] },
    ];
    for (const req of bulk) await expect(generateCodes(db, req, TODAY), JSON.stringify(req)).rejects.toMatchObject({ key: 'coupon.codes.bulkNeedsMatching', params: { symbol: req.symbol } });
    expect(await db('coupon_codes').count<{ n: string }[]>({ n: '*' })).toEqual(before);
    // One code for one customer or group is added as by hand.
    expect((await generateCodes(db, { symbol: 'REQUIS', customers: ['C-11'] }, TODAY)).created).toBe(1);
    expect((await generateCodes(db, { symbol: 'GROUPES', groups: ['PRO'] }, TODAY)).created).toBe(1);
  });

  it('a code\'s dates lie inside its definition\'s', async () => {
    const { db } = testDb();
    await defineCoupon(db, fields({ symbol: 'DATES', validFrom: '2026-12-01', validUntil: '2026-12-31' }));
    expect((await generateCodes(db, { symbol: 'DATES', validFrom: '10/12/2026', validUntil: '20/12/2026' }, TODAY)).created).toBe(1);
    await expect(generateCodes(db, { symbol: 'DATES', validFrom: '2026-11-30' }, TODAY)).rejects.toMatchObject({ key: 'coupon.code.beforeDefinition' });
    await expect(generateCodes(db, { symbol: 'DATES', validUntil: '2027-01-01' }, TODAY)).rejects.toMatchObject({ key: 'coupon.code.afterDefinition' });
    await expect(generateCodes(db, { symbol: 'DATES', validUntil: 'demain' }, TODAY)).rejects.toMatchObject({ key: 'coupon.def.dateInvalid' });
  });
});
