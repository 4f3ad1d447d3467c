import { describe, expect, it } from 'vitest';
import { customerById } from '../../data/customers';
import { searchCustomers } from '../../data/customersSearch';
import { findCustomers } from './search';
import { useTestDatabase } from '../../testing/db';
import { terminal } from '../../testing/fixtures';
import { commitSale } from '../commitSale';
import { lookupEntry } from '../lookup';
import { createCustomer, editCustomer, giveCard } from './manage';
import { purchaseHistory, saleAgain } from './history';
import { customerSale } from './testSale';

const who = { terminalId: null, operatorId: 1 };

describe('customers and their cards against PostgreSQL', () => {
  const testDb = useTestDatabase();

  it('creates a customer with a code of the till’s when no card is given, and gives a card later', async () => {
    const { db } = testDb();
    const c = await createCustomer(db, { firstName: 'Claire', lastName: 'Martin', phone: '06 12 34 56 78' }, who);
    expect(c).toMatchObject({ name: 'Martin Claire', phone: '0612345678', points: 0, accountCents: null });
    expect(c.code).toMatch(/^C\d{7}$/);
    const { customer, previous } = await giveCard(db, c.id, '2900000000011', who);
    expect(customer.code).toBe('2900000000011');
    expect(previous).toBe(c.code);
    expect(await db('audit_log').where('action', 'customer_card').whereRaw("(details->>'customer_id')::bigint = ?", [c.id]).pluck('details')).toEqual([{ customer_id: c.id, from: c.code, to: '2900000000011', via: 'till' }]);
  });

  it('refuses a card code given to someone else, one replaced before, an item’s code, a malformed one', async () => {
    const { db } = testDb();
    const paul = await createCustomer(db, { lastName: 'Durand', firstName: 'Paul', card: 'FID-0001' }, who);
    const anne = await createCustomer(db, { lastName: 'Petit', firstName: 'Anne' }, who);
    await expect(giveCard(db, anne.id, 'fid-0001', who)).rejects.toMatchObject({ key: 'customer.codeTaken', params: { code: 'FID-0001', name: 'Durand Paul' } });
    await expect(createCustomer(db, { lastName: 'Roux', card: 'FID-0001' }, who)).rejects.toMatchObject({ key: 'customer.codeTaken' });
    // Paul loses his card: the new one replaces it, and the old code is never given again.
    await giveCard(db, paul.id, 'FID-0002', who);
    await expect(giveCard(db, anne.id, 'FID-0001', who)).rejects.toMatchObject({ key: 'customer.codeRetired', params: { code: 'FID-0001', name: 'Durand Paul' } });
    await expect(giveCard(db, paul.id, 'FID-0001', who)).rejects.toMatchObject({ key: 'customer.codeRetired' });
    await expect(giveCard(db, anne.id, '3760000000017', who)).rejects.toMatchObject({ key: 'customer.codeIsItem' });
    await expect(giveCard(db, anne.id, 'BOUL-001', who)).rejects.toMatchObject({ key: 'customer.codeIsItem' });
    await expect(giveCard(db, anne.id, 'FID 3', who)).rejects.toMatchObject({ key: 'customer.codeInvalid' });
    await expect(giveCard(db, anne.id, '2912345012342', who)).rejects.toMatchObject({ key: 'customer.codeIsScale' });
    await expect(createCustomer(db, { lastName: ' ' }, who)).rejects.toMatchObject({ key: 'customer.nameMissing' });
    await expect(createCustomer(db, { lastName: 'Roux', group: 'NOPE' }, who)).rejects.toMatchObject({ key: 'customer.groupUnknown' });
    expect((await customerById(db, anne.id))!.code).toBe(anne.code);
  });

  it('attaches the customer when their card is scanned; a replaced card or an unknown card-shaped code is refused', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    const c = await createCustomer(db, { lastName: 'Lefèvre', firstName: 'Marc', card: 'CARTE-77' }, who);
    const ctx = { basket: (await customerSale(db, { terminal: t01, lines: [['3760000000017', 1]] })).basket, terminal: t01, operatorId: 1 };
    const found = await lookupEntry(db, 'CARTE-77', ctx);
    expect(found).toMatchObject({ kind: 'action', action: { type: 'customer', customer: { id: c.id, name: 'Lefèvre Marc', facts: { points: 0, accountCents: null } } }, message: { key: 'customer.attached' } });
    await giveCard(db, c.id, 'CARTE-78', who);
    await expect(lookupEntry(db, 'CARTE-77', ctx)).rejects.toMatchObject({ key: 'customer.cardReplaced', params: { name: 'Lefèvre Marc' } });
    await expect(lookupEntry(db, 'C9999999', ctx)).rejects.toMatchObject({ key: 'customer.unknownCard' });
    // Items come first: an item barcode is never taken for a card.
    expect(await lookupEntry(db, '3760000000017', ctx)).toMatchObject({ kind: 'item' });
    // The demo shop's cards start with FID: one never given is an unknown card, not a name search.
    await expect(lookupEntry(db, 'FID-999999', ctx)).rejects.toMatchObject({ key: 'customer.unknownCard', params: { code: 'FID-999999' } });
    // With a customer already on the ticket, the refusal says they stay on it.
    const withSophie = { ...ctx, basket: (await customerSale(db, { terminal: t01, customer: 'FID-000001', lines: [['3760000000017', 1]] })).basket };
    await expect(lookupEntry(db, 'FID-999999', withSophie)).rejects.toMatchObject({ key: 'customer.unknownCardKept', params: { code: 'FID-999999', name: 'Lambert Sophie' } });
    expect(await lookupEntry(db, 'FID-000001', ctx)).toMatchObject({ kind: 'action', action: { customer: { name: 'Lambert Sophie' } } });
    // The shop's card prefix changes for this test only.
    const { card_prefix: prefix } = await db('loyalty_settings').first('card_prefix');
    await db('loyalty_settings').update({ card_prefix: 'CARTE' });
    try {
      await expect(lookupEntry(db, 'FID-999999', ctx)).rejects.toMatchObject({ key: 'entry.unknownCode' });
      await expect(lookupEntry(db, 'CARTE-99', ctx)).rejects.toMatchObject({ key: 'customer.unknownCard', params: { code: 'CARTE-99' } });
    } finally {
      await db('loyalty_settings').update({ card_prefix: prefix });
    }
    await editCustomer(db, c.id, { active: false }, who);
    await expect(lookupEntry(db, 'CARTE-78', ctx)).rejects.toMatchObject({ key: 'customer.inactive' });
  });

  it('brings the customer’s or their group’s standing discount to the basket', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    await db('customer_groups').insert({ code: 'PRO', name: 'Professionnels', discount_bp: 1000 });
    await createCustomer(db, { company: 'Café du Port', group: 'pro', card: 'PRO-1' }, who);
    const own = await createCustomer(db, { company: 'Hôtel Bellevue', group: 'PRO', card: 'PRO-2', discountBp: 500 }, who);
    const req = await customerSale(db, { terminal: t01, customer: 'PRO-1', lines: [['CAVE-001', 2]] });
    expect(req.basket.adjustments).toEqual([{ kind: 'customerDiscount', ref: 'CLIENT-PRO-1', label: 'Remise client 10 %', cents: 180, lineIds: null }]);
    const { sale } = await commitSale(db, req);
    expect(sale.totalCents).toBe(1798 - 180);
    expect(await db('sale_adjustments').where('sale_id', sale.id).pluck('label')).toEqual(['Remise client 10 %']);
    const second = await customerSale(db, { terminal: t01, customer: 'PRO-2', lines: [['CAVE-001', 2]] });
    expect(second.basket.adjustments[0]).toMatchObject({ label: 'Remise client 5 %', cents: 90 });
    expect((await customerById(db, own.id))!.discountBp).toBe(500);
  });

  it('finds customers by name fragment, phone, e-mail or code, filtered, page by page, in customer-number order', async () => {
    const { db } = testDb();
    await db('customer_groups').insert({ code: 'VIP', name: 'VIP' });
    for (let i = 1; i <= 25; i++) {
      await createCustomer(db, { lastName: `Moreau${String(i).padStart(2, '0')}`, firstName: 'Léa', phone: `07000000${String(i).padStart(2, '0')}`, email: `lea${i}@exemple.fr`, group: i % 5 === 0 ? 'VIP' : null }, who);
      await createCustomer(db, { lastName: `Autre${i}`, firstName: 'Jean' }, who);
    }
    const names = (r: { rows: { name: string }[] }) => r.rows.map((x) => x.name);
    // Both ways to a page: the walk through the next customers by number (a window large
    // enough to hold them), and past a small window, the trigram index.
    for (const window of [20_000, 3]) {
      const first = await searchCustomers(db, 'moreau', {}, { limit: 10, window });
      expect(names(first)).toEqual(Array.from({ length: 10 }, (_, i) => `Moreau${String(i + 1).padStart(2, '0')} Léa`));
      const second = await searchCustomers(db, 'moreau', {}, { after: first.next, limit: 10, window });
      const third = await searchCustomers(db, 'moreau', {}, { after: second.next, limit: 10, window });
      expect(names(second)[0]).toBe('Moreau11 Léa');
      expect(names(third)).toHaveLength(5);
      expect(third.next).toBeNull();
      expect(names(await searchCustomers(db, 'LEA moreau2', {}, { limit: 50, window }))).toHaveLength(6);
      expect(names(await searchCustomers(db, 'moreau', { groupCode: 'VIP' }, { limit: 50, window }))).toEqual(['Moreau05 Léa', 'Moreau10 Léa', 'Moreau15 Léa', 'Moreau20 Léa', 'Moreau25 Léa']);
    }
    expect((await findCustomers(db, '07 00 00 00 1', {}, { limit: 50 })).rows).toHaveLength(10);
    expect(names(await findCustomers(db, 'LEA17@', {}, { limit: 50 }))).toEqual(['Moreau17 Léa']);
    const byCode = (await findCustomers(db, 'moreau', {}, { limit: 1 })).rows[0]!;
    const c = await customerById(db, byCode.id);
    expect((await findCustomers(db, c!.code.toLowerCase(), {}, { limit: 5 })).rows[0]!.id).toBe(byCode.id);
    // Too short for an index: a code is looked for, nothing else; words that cannot be a code are refused.
    expect((await findCustomers(db, 'mo', {}, { limit: 5 })).rows).toEqual([]);
    await expect(findCustomers(db, 'mo le', {}, { limit: 5 })).rejects.toMatchObject({ key: 'customer.searchTooShort' });
    await editCustomer(db, byCode.id, { active: false }, who);
    expect((await findCustomers(db, 'moreau01', {}, { limit: 5 })).rows).toEqual([]);
    expect((await findCustomers(db, 'moreau01', { status: 'inactive' }, { limit: 5 })).rows).toHaveLength(1);
  });

  it('shows a customer’s last tickets and copies one’s sold lines into a new basket at today’s prices', async () => {
    const { db } = testDb();
    const t01 = await terminal(db);
    await createCustomer(db, { lastName: 'Garnier', firstName: 'Zoé', card: 'ZOE-1' }, who);
    const c = await customerForCode(db, 'ZOE-1');
    const { sale: first } = await commitSale(db, await customerSale(db, { terminal: t01, customer: 'ZOE-1', lines: [['3760000000017', 3], ['CAVE-001', 1]] }));
    await commitSale(db, await customerSale(db, { terminal: t01, customer: 'ZOE-1', lines: [['3760000000062', 2], ['CAVE-001', -1]] }));
    const history = await purchaseHistory(db, c, 10);
    expect(history.map((s) => s.lines.map((l) => [l.sku, l.qty]))).toEqual([[['BOUL-006', 2], ['CAVE-001', -1]], [['BOUL-001', 3], ['CAVE-001', 1]]]);
    // The catalogue changes for this test only: the other tests of the file sell these items as the demo has them.
    const catalogue = await db('items').whereIn('sku', ['CAVE-001', 'BOUL-001']).select('sku', 'price_cents', 'active');
    try {
      await db('items').where('sku', 'CAVE-001').update({ price_cents: 950 });
      const again = await saleAgain(db, first);
      expect(again.actions).toMatchObject([{ type: 'add', qty: 3, item: { sku: 'BOUL-001' } }, { type: 'add', qty: 1, item: { sku: 'CAVE-001', priceCents: 950 } }]);
      expect(again.message).toMatchObject({ key: 'history.copied', params: { n: 2 } });
      await db('items').where('sku', 'BOUL-001').update({ active: false });
      expect((await saleAgain(db, first)).message).toMatchObject({ key: 'history.copiedSome', params: { n: 1, missing: 1 } });
    } finally {
      for (const { sku, ...was } of catalogue) await db('items').where('sku', sku).update(was);
    }
  });
});

async function customerForCode(db: import('knex').Knex, code: string): Promise<number> {
  return (await db('customers').where('code', code).first('id')).id;
}
