import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/db';
import { fieldsOf } from './definitionFields';
import { activateScheme, couponBySymbol, defineCoupon, defineScheme, editCoupon } from './definitions';
import { setStatus } from './codes';
import { generateCodes } from './generate';
import { addCustomer, fields } from './testFixtures';

const TODAY = '2026-11-22';

describe('coupon definitions against PostgreSQL', () => {
  const testDb = useTestDatabase();

  it('defines a coupon from typed fields: items by SKU, groups with @, stores, dates in French, a schedule', async () => {
    const { db } = testDb();
    const def = await defineCoupon(db, fields({
      symbol: 'cave10', name: 'Cave −10 %', type: 'customer', value: '10', items: 'CAVE-001, @BOUL', validFrom: '01/12/2026', validUntil: '2026-12-31',
      schedule: 'mar-jeu 14h-16h', stores: 'M01', limitScope: 'store', limit: '50', conditions: 'Hors promotions.',
    }));
    const bordeaux = await db('items').where('sku', 'CAVE-001').first('id');
    const m01 = await db('stores').where('code', 'M01').first('id');
    expect(def).toMatchObject({
      symbol: 'CAVE10', name: 'Cave −10 %', active: true, conditions: 'Hors promotions.',
      discount: { type: 'customer', value: { kind: 'percent', bp: 1000 }, target: { itemIds: [bordeaux.id], groupCodes: ['BOUL'] }, threshold: null },
      terms: { holder: 'none', customerRule: 'optional', limit: { scope: 'store', max: 50 }, validFrom: '2026-12-01', validUntil: '2026-12-31', schedule: [{ days: [2, 3, 4], from: 840, to: 960 }], storeIds: [m01.id] },
    });
    // Read back as the form shows it.
    expect(await fieldsOf(db, def)).toMatchObject({ items: 'CAVE-001, @BOUL', value: '10', validFrom: '2026-12-01', schedule: 'mar-jeu 14:00-16:00', stores: 'M01', limitScope: 'store', limit: '50' });
  });

  it('applies the table\'s defaults: a customer-group discount is for a group and must match the code', async () => {
    const { db } = testDb();
    const def = await defineCoupon(db, fields({ symbol: 'PRO', type: 'customer_group', items: '@CAVE' }));
    expect(def.terms).toMatchObject({ holder: 'group', customerRule: 'matching' });
    const perCustomer = await defineCoupon(db, fields({ symbol: 'UNEFOIS', limitScope: 'customer', limit: '1' }));
    expect(perCustomer.terms).toMatchObject({ holder: 'none', customerRule: 'required', limit: { scope: 'customer', max: 1 } });
  });

  it('refuses, each mistake with its own message, and writes nothing', async () => {
    const { db } = testDb();
    await defineCoupon(db, fields({ symbol: 'PRIS' })); // a symbol already taken, this test's own
    const before = await db('coupon_definitions').count<{ n: string }[]>({ n: '*' });
    const cases: [Parameters<typeof fields>[0], string, Record<string, unknown>?][] = [
      [{ symbol: 'A1', name: '' }, 'coupon.def.name'],
      [{ symbol: 'A B' }, 'coupon.def.symbol'],
      [{ symbol: 'A1', type: 'coupon' }, 'coupon.def.type', { text: 'coupon' }],
      [{ symbol: 'A1', value: 'dix' }, 'coupon.def.valueInvalid', { text: 'dix' }],
      [{ symbol: 'A1', value: '' }, 'coupon.def.valueNeeded'],
      [{ symbol: 'A1', type: 'customer', items: 'NOPE-1' }, 'coupon.def.unknownItem', { code: 'NOPE-1' }],
      [{ symbol: 'A1', type: 'customer', items: '@NOPE' }, 'coupon.def.unknownGroup', { code: 'NOPE' }],
      [{ symbol: 'A1', stores: 'M99' }, 'coupon.def.unknownStore', { code: 'M99' }],
      [{ symbol: 'A1', validUntil: '31/02/2026' }, 'coupon.def.dateInvalid', { text: '31/02/2026' }],
      [{ symbol: 'A1', schedule: 'mardi soir' }, 'coupon.def.scheduleInvalid'],
      [{ symbol: 'A1', limitScope: 'global' }, 'coupon.def.limitBoth'],
      [{ symbol: 'A1', type: 'customer', items: '@CAVE', holder: 'group' }, 'coupon.def.holder'],
      [{ symbol: 'A1', limitScope: 'customer', limit: '1', customerRule: 'optional' }, 'coupon.def.limitCustomer'],
      [{ symbol: 'A1', valueKind: 'price', value: '2' }, 'coupon.def.priceNotBundle'],
      [{ symbol: 'A1', scheme: 'NOPE' }, 'coupon.scheme.unknown'],
      [{ symbol: 'PRIS' }, 'coupon.def.symbolTaken', { symbol: 'PRIS' }],
    ];
    for (const [f, key, params] of cases) {
      await expect(defineCoupon(db, fields(f)), key).rejects.toMatchObject({ key, ...(params && { params: expect.objectContaining(params) }) });
    }
    expect(await db('coupon_definitions').count<{ n: string }[]>({ n: '*' })).toEqual(before);
  });

  it('edits a definition: the options given change, the others stay', async () => {
    const { db } = testDb();
    await defineCoupon(db, fields({ symbol: 'EDIT', name: 'Avant', value: '5', valueKind: 'amount', stores: 'M01' }));
    const after = await editCoupon(db, 'edit', { name: 'Après', exclusive: true, schedule: 'sam' });
    expect(after).toMatchObject({ symbol: 'EDIT', name: 'Après', discount: { value: { kind: 'amount', cents: 500 } }, terms: { exclusive: true, schedule: [{ days: [6], from: 0, to: 0 }] } });
    expect(after.terms.storeIds).toHaveLength(1);
    await expect(editCoupon(db, 'EDIT', { limitScope: 'customer', limit: '1', customerRule: 'optional' })).rejects.toMatchObject({ key: 'coupon.def.limitCustomer' });
    expect((await couponBySymbol(db, 'EDIT')).name).toBe('Après');
    await expect(editCoupon(db, 'NOPE', {})).rejects.toMatchObject({ key: 'coupon.def.unknown' });
  });

  it('refuses an edit its codes would no longer fit, saying how many, and changes nothing', async () => {
    const { db } = testDb();
    await defineCoupon(db, fields({ symbol: 'DATEE', validFrom: '2026-12-01', validUntil: '2026-12-31' }));
    await generateCodes(db, { symbol: 'DATEE', count: 3 }, TODAY);
    await generateCodes(db, { symbol: 'DATEE', validFrom: '2026-12-10', validUntil: '2026-12-20' }, TODAY);
    // Widened, or narrowed around every code: fine.
    await editCoupon(db, 'DATEE', { validFrom: '2026-11-01', validUntil: '2027-01-31' });
    // The three codes made with the first dates would start before, or end after.
    await expect(editCoupon(db, 'DATEE', { validFrom: '2026-12-05' })).rejects.toMatchObject({ key: 'coupon.def.codesOutsideDates', params: { n: 3, symbol: 'DATEE' } });
    await expect(editCoupon(db, 'DATEE', { validUntil: '2026-12-25' })).rejects.toMatchObject({ key: 'coupon.def.codesOutsideDates', params: { n: 3 } });
    // Blocked codes are done with: they no longer hold the dates back.
    await setStatus(db, ['DATEE', 'DATEE1', 'DATEE2'], 'blocked');
    expect((await editCoupon(db, 'DATEE', { validFrom: '2026-12-05', validUntil: '2026-12-25' })).terms).toMatchObject({ validFrom: '2026-12-05', validUntil: '2026-12-25' });

    await addCustomer(db, 'C-1');
    await defineCoupon(db, fields({ symbol: 'NOMINATIF', holder: 'customer', customerRule: 'matching' }));
    await generateCodes(db, { symbol: 'NOMINATIF', customers: ['C-1'] }, TODAY);
    await expect(editCoupon(db, 'NOMINATIF', { holder: 'none', customerRule: 'required' })).rejects.toMatchObject({ key: 'coupon.def.codesHolder.none', params: { n: 1, symbol: 'NOMINATIF' } });
    await expect(editCoupon(db, 'NOMINATIF', { holder: 'group' })).rejects.toMatchObject({ key: 'coupon.def.codesHolder.group', params: { n: 1 } });
    await defineCoupon(db, fields({ symbol: 'ANONYME' }));
    await generateCodes(db, { symbol: 'ANONYME', count: 2 }, TODAY);
    await expect(editCoupon(db, 'ANONYME', { holder: 'customer' })).rejects.toMatchObject({ key: 'coupon.def.codesHolder.customer', params: { n: 2 } });
    expect((await couponBySymbol(db, 'NOMINATIF')).terms.holder).toBe('customer');
    expect((await couponBySymbol(db, 'ANONYME')).terms.holder).toBe('none');
  });

  it('an edit made while codes are being made waits for them, then counts them', async () => {
    const { db } = testDb();
    await defineCoupon(db, fields({ symbol: 'COURSE', validFrom: '2026-12-01', validUntil: '2026-12-31' }));
    // Another connection's batch, not yet committed: the edit must wait for it, not miss it.
    const batch = await db.transaction();
    try {
      await generateCodes(batch, { symbol: 'COURSE', count: 2 }, TODAY);
      let settled = false;
      const edit = editCoupon(db, 'COURSE', { validUntil: '2026-12-15' }).finally(() => (settled = true));
      edit.catch(() => undefined);
      await new Promise((r) => setTimeout(r, 300));
      expect(settled).toBe(false);
      await batch.commit();
      await expect(edit).rejects.toMatchObject({ key: 'coupon.def.codesOutsideDates', params: { n: 2, symbol: 'COURSE' } });
    } finally {
      if (!batch.isCompleted()) await batch.rollback();
    }
    expect((await couponBySymbol(db, 'COURSE')).terms.validUntil).toBe('2026-12-31');
  });

  it('numbering schemes: a pattern checked, only an active scheme may be chosen', async () => {
    const { db } = testDb();
    expect(await defineScheme(db, { code: 'br', name: 'Bons', pattern: 'BR{YY}-{n:6}', active: true })).toMatchObject({ code: 'BR', pattern: 'BR{YY}-{N:6}', nextNo: 1 });
    await expect(defineScheme(db, { code: 'X', name: '', pattern: 'NOEL', active: true })).rejects.toMatchObject({ key: 'coupon.scheme.pattern' });
    await expect(defineScheme(db, { code: 'BR', name: '', pattern: '{N}', active: true })).rejects.toMatchObject({ key: 'coupon.scheme.taken' });
    expect(await defineCoupon(db, fields({ symbol: 'SCHEMA', scheme: 'br' }))).toMatchObject({ schemeCode: 'BR' });
    await activateScheme(db, 'BR', false);
    await expect(defineCoupon(db, fields({ symbol: 'SCHEMA2', scheme: 'BR' }))).rejects.toMatchObject({ key: 'coupon.scheme.inactive' });
    // The coupon that had it before it was deactivated is still edited (and switched off) like any other.
    expect(await editCoupon(db, 'SCHEMA', { name: 'Plus utilisé', active: false })).toMatchObject({ name: 'Plus utilisé', active: false, schemeCode: 'BR' });
  });
});
