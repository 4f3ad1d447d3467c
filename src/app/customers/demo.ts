import type { Knex } from 'knex';

// The demo shop's customers and loyalty program: cards to scan at the till (FID-000001…), a
// reward reached and one nearly reached, a business customer with a discount and an account.
// Made once: loading the demo again leaves them, their points and their account as they are.

const CUSTOMERS = [
  { code: 'FID-000001', first_name: 'Sophie', last_name: 'Lambert', phone: '0611223344', email: 'sophie.lambert@exemple.fr', points: 230, visits: 4 },
  { code: 'FID-000002', first_name: 'Hugo', last_name: 'Marchand', phone: '0699887766', email: null, points: 40, visits: 9 },
  { code: 'FID-000003', first_name: '', last_name: '', company: 'Brasserie du Marché', phone: '0478000000', email: 'compta@brasserie.exemple.fr', points: 0, visits: 0, group: 'RESTO', limitCents: 200_00 },
];

export async function seedDemoCustomers(trx: Knex.Transaction): Promise<void> {
  // The demo's cards start with FID: an unknown FID-… scanned is told to be an unknown card.
  await trx('loyalty_settings').whereNull('card_prefix').update({ card_prefix: 'FID' });
  await trx('customer_groups').insert({ code: 'RESTO', name: 'Restaurants', discount_bp: 500 }).onConflict('code').ignore();
  const group = (await trx('customer_groups').where('code', 'RESTO').first('id')) as { id: number };
  for (const c of CUSTOMERS) {
    const [made] = (await trx('customers')
      .insert({ code: c.code, first_name: c.first_name, last_name: c.last_name, company: 'company' in c ? c.company : null, phone: c.phone, email: c.email, group_id: 'group' in c ? group.id : null })
      .onConflict('code').ignore()
      .returning('id')) as { id: number }[];
    if (!made) continue;
    if (c.points || c.visits) {
      const moves = [
        { unit: 'points', amount: c.points },
        { unit: 'visits', amount: c.visits },
      ].filter((m) => m.amount > 0);
      // Each ledger row moves the balance (the ledger's trigger).
      await trx('loyalty_movements').insert(moves.map((m) => ({ customer_id: made.id, unit: m.unit, kind: 'adjust', amount: m.amount, channel: 'backoffice', note: 'démo' })));
    }
    if ('limitCents' in c) await trx('customer_accounts').insert({ customer_id: made.id, overdraft_limit_cents: c.limitCents });
  }
  if (Number((await trx('loyalty_rewards').count<{ n: string }[]>({ n: '*' }))[0]!.n) === 0) {
    const coffee = (await trx('items').where('sku', 'SNAK-001').first('id')) as { id: number } | undefined;
    await trx('loyalty_rewards').insert([
      { name: '10 € offerts', unit: 'points', cost: 200, kind: 'amount', amount_cents: 1000 },
      ...(coffee ? [{ name: 'Café offert', unit: 'visits', cost: 10, kind: 'item', item_id: coffee.id }] : []),
    ]);
  }
}
