import { describe, expect, it } from 'vitest';
import { useCli } from '../testCli';

const BORDEAUX = 'CAVE-001'; // 8,99 €

describe('pos customer, loyalty, account', () => {
  const { db, pos } = useCli();
  const json = async (...args: string[]) => {
    const r = await pos(...args, '--json');
    expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code: 0, stderr: '' });
    return JSON.parse(r.stdout);
  };

  it('adds customers, gives and replaces cards, shows and searches them', async () => {
    const { customer: claire } = await json('customer', 'add', '--operator', '1', '--first-name', 'Claire', '--last-name', 'Martin', '--phone', '06 12 34 56 78', '--email', 'claire@exemple.fr', '--address', '3 rue Neuve', '--address', '69001 Lyon');
    expect(claire).toMatchObject({ name: 'Martin Claire', phone: '0612345678', address: ['3 rue Neuve', '69001 Lyon'], points: 0, account_cents: null });
    expect(claire.code).toMatch(/^C\d{7}$/);
    const card = await json('customer', 'card', '--operator', '1', claire.code, 'FID-100');
    expect(card).toMatchObject({ customer: { code: 'FID-100' }, previous_code: claire.code });
    const text = await pos('customer', 'card', '--operator', '1', 'FID-100', 'FID-101');
    expect(text).toEqual({ code: 0, stdout: 'Carte FID-101 attribuée à Martin Claire ; l’ancienne carte FID-100 est refusée désormais\n', stderr: '' });
    await json('customer', 'add', '--operator', '1', '--company', 'Café du Port', '--card', 'FID-200');

    const shown = await json('customer', 'show', 'fid-101');
    expect(shown.former_cards.map((c: { code: string }) => c.code)).toEqual(['FID-100', claire.code]);
    const plain = await pos('customer', 'show', 'FID-101');
    expect(plain.stdout).toMatch(/^Martin Claire · FID-101\n0612345678 · claire@exemple.fr\n3 rue Neuve\n69001 Lyon\n/);
    expect(plain.stdout).toContain(`Anciennes cartes (refusées) : FID-100, ${claire.code}`);

    const found = await json('customer', 'search', 'mart');
    expect(found.customers.map((c: { code: string }) => c.code)).toEqual(['FID-101']);
    expect((await json('customer', 'search', '06 12 34')).customers).toHaveLength(1);
    const all = await json('customer', 'search', '--limit', '1');
    expect(all.customers).toHaveLength(1);
    const next = await json('customer', 'search', '--limit', '1', '--after', all.next);
    expect(next.customers[0].code).not.toBe(all.customers[0].code);
  });

  it('refuses bad input with exit 1 and one line, changing nothing', async () => {
    // Customers of this test's own: a card replaced, a card in use.
    await json('customer', 'add', '--operator', '1', '--last-name', 'Roux', '--first-name', 'Léa', '--card', 'FID-110');
    await json('customer', 'card', '--operator', '1', 'FID-110', 'FID-111');
    await json('customer', 'add', '--operator', '1', '--company', 'Le Fournil', '--card', 'FID-210');
    const before = await db().db('customers').count<{ n: string }[]>({ n: '*' });
    const refusals: [string[], string][] = [
      [['customer', 'add', '--operator', '1', '--card', 'FID-210', '--last-name', 'Autre'], 'La carte FID-210 est déjà attribuée à Le Fournil'],
      [['customer', 'add', '--operator', '1', '--card', 'FID-110', '--last-name', 'Autre'], 'La carte FID-110 a déjà servi (Roux Léa) : une carte remplacée ne se réattribue pas'],
      [['customer', 'add', '--operator', '1', '--card', '3760000000017', '--last-name', 'Autre'], 'Le code 3760000000017 est celui d’un article : il ne peut pas servir de carte'],
      [['customer', 'add', '--operator', '1', '--email', 'x@', '--last-name', 'Autre'], 'Adresse e-mail invalide : « x@ »'],
      [['customer', 'add', '--operator', '1', '--phone', '12'], 'Nom du client manquant (nom, prénom ou société)'],
      [['customer', 'show', 'FID-110'], 'Carte FID-110 remplacée : elle n’est plus valable (Roux Léa a une nouvelle carte)'],
      [['customer', 'show', 'NOBODY'], 'Client inconnu : NOBODY'],
      [['customer', 'search', '--after', 'garbage'], 'Valeur --after invalide'],
      [['account', 'statement', 'FID-111', '--month', '2026-13'], 'Mois invalide : « 2026-13 » (attendu : AAAA-MM)'],
      [['account', 'pay', 'FID-111', '--operator', '1', '12,345'], 'Montant invalide : « 12,345 » (exemple : 12,50)'],
      [['account', 'pay', 'FID-111', '--operator', '1', '0'], 'Montant du règlement invalide (positif, exemple : 25,00)'],
      [['account', 'pay', 'FID-111', '--operator', '1', '10', '--method', 'bitcoin'], 'Mode de règlement invalide : « bitcoin » (cash, card, cheque ou transfer)'],
      [['loyalty', 'reward', 'add', '--operator', '2', '--name', 'X', '--amount', '5'], 'Donnez le seuil du cadeau : --points N ou --visits N (l’un des deux)'],
      [['loyalty', 'reward', 'add', '--operator', '2', '--name', 'X', '--points', '10'], 'Donnez ce que le cadeau offre : --amount, --percent ou --item (l’un des trois)'],
      [['loyalty', 'program', '--operator', '2', '--visits', 'maybe'], 'Valeur invalide pour --visits : « maybe » (on ou off)'],
    ];
    for (const [args, message] of refusals) {
      const r = await pos(...args);
      expect({ args, ...r }).toEqual({ args, code: 1, stdout: '', stderr: message + '\n' });
    }
    expect(await db().db('customers').count<{ n: string }[]>({ n: '*' })).toEqual(before);
  }, 90_000); // some twenty commands, each a process of its own

  it('runs the program: rewards, item points, a sale to the customer with a reward paid by account, the statement', async () => {
    await json('customer', 'add', '--operator', '1', '--last-name', 'Leroy', '--first-name', 'Anne', '--card', 'FID-120');
    expect((await json('loyalty', 'program', '--operator', '2', '--points-per-euro', '2', '--expiry', '12', '--card-prefix', 'fid')).program).toEqual({ points_per_euro: 2, count_visits: true, points_expire_months: 12, card_prefix: 'FID' });
    const { reward } = await json('loyalty', 'reward', 'add', '--operator', '2', '--name', 'Café offert', '--visits', '1', '--item', 'SNAK-001');
    expect(reward).toMatchObject({ unit: 'visits', cost: 1, gift: { kind: 'item', item_name: 'Café expresso' }, automatic: false });
    expect(await json('loyalty', 'item', '--operator', '2', 'cave-001', '5')).toEqual({ sku: 'CAVE-001', loyalty_points: 5 });
    expect((await pos('loyalty', 'reward', 'list')).stdout).toMatch(/Café offert\s+1 passage\(s\)\s+Café expresso offert\s+par touche/);

    await json('account', 'limit', '--operator', '2', 'FID-120', '50');
    const first = await json('sale', 'create', '--operator', '1', '--customer', 'FID-120', '--line', `${BORDEAUX}:2`, '--tender', 'account:17.98');
    expect(first.sale.total_cents).toBe(1798);
    // 2 × 5 item points + 2 × 17 euros.
    const loyalty = await json('loyalty', 'show', 'FID-120');
    expect(loyalty.loyalty).toMatchObject({ points: 44, visits: 1, rewards_reached: [{ name: 'Café offert' }] });
    expect((await pos('loyalty', 'show', 'FID-120')).stdout).toMatch(/^Leroy Anne \(FID-120\) : 44 point\(s\) · 1 passage\(s\)\nCadeau atteint : Café offert \(Café expresso offert\)\n/);

    const refused = await pos('sale', 'create', '--operator', '1', '--customer', 'FID-120', '--line', `${BORDEAUX}:4`, '--tender', 'account:35.96');
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    // 50 € of overdraft, 17,98 € used: 32,02 € left.
    expect(refused.stderr).toBe('Montant supérieur au solde disponible (32,02 €)\n');
    const paid = await json('account', 'pay', 'FID-120', '10', '--method', 'card', '--operator', '2');
    expect(paid).toEqual({ customer: 'FID-120', amount_cents: 1000, method: 'card', balance_cents: -798 });
    const shown = await json('account', 'show', 'FID-120');
    expect(shown).toMatchObject({ balance_cents: -798, overdraft_limit_cents: 5000, available_cents: 4202 });
    expect(shown.movements.map((m: { kind: string }) => m.kind)).toEqual(['payment', 'sale']);

    // The month of the sale in Paris, not the month the test reads the clock in.
    const month = new Date(first.sale.created_at).toLocaleString('sv-SE', { timeZone: 'Europe/Paris' }).slice(0, 7);
    const statement = await json('account', 'statement', 'FID-120', '--month', month);
    expect(statement).toMatchObject({ customer: 'FID-120', month, opening_cents: 0, debits_cents: 1798, credits_cents: 1000, closing_cents: -798 });
    const text = await pos('account', 'statement', 'FID-120', '--month', month);
    expect(text.stdout).toMatch(new RegExp(`^Relevé du compte de Leroy Anne · ${month}\\nSolde au début du mois : 0,00 €\\n`));
    expect(text.stdout).toMatch(/Achat sur compte\s+T01-\d{6}\s+-17,98 €\s+-17,98 €/);
    expect(text.stdout).toMatch(/Règlement\s+carte\s+10,00 €\s+-7,98 €/);
    expect(text.stdout).toMatch(/Solde à la fin du mois : -7,98 €\n$/);
    expect(await json('loyalty', 'expire', '--operator', '1')).toEqual({ customers: 0, points: 0 });
  }, 90_000);

  it('show: every voucher issued to the customer, with its status, balance and each use', async () => {
    await json('customer', 'add', '--operator', '1', '--last-name', 'Garnier', '--first-name', 'Paul', '--card', 'FID-300');
    expect(await json('customer', 'show', 'FID-300')).toMatchObject({ vouchers: [] });
    expect((await pos('customer', 'show', 'FID-300')).stdout).toContain('Bons d’achat : aucun\n');
    const { voucher: v } = await json('voucher', 'issue', '--amount', '20', '--manager', '2', '--customer', 'FID-300');
    await json('voucher', 'redeem', v.code, '--operator', '1', '--amount', '5', '--channel', 'web', '--order', 'CMD-9');
    await json('voucher', 'redeem', v.code, '--operator', '1', '--amount', '2,50', '--channel', 'pickup', '--order', 'CMD-10');
    const { voucher: spent } = await json('voucher', 'issue', '--amount', '3', '--manager', '2', '--customer', 'FID-300');
    await json('voucher', 'redeem', spent.code, '--operator', '1', '--amount', '3', '--channel', 'web', '--order', 'CMD-11');

    const shown = await json('customer', 'show', 'FID-300');
    expect(shown.vouchers).toMatchObject([
      { code: spent.code, status: 'used', initial_cents: 300, balance_cents: 0, uses: [{ kind: 'use', amount_cents: -300, channel: 'web', order_ref: 'CMD-11' }] },
      {
        code: v.code, code_display: v.code_display, status: 'active', initial_cents: 2000, balance_cents: 1250, expires_on: v.expires_on,
        uses: [
          { kind: 'use', amount_cents: -500, balance_after_cents: 1500, channel: 'web', order_ref: 'CMD-9', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
          { kind: 'use', amount_cents: -250, balance_after_cents: 1250, channel: 'pickup', order_ref: 'CMD-10' },
        ],
      },
    ]);
    const text = (await pos('customer', 'show', 'FID-300')).stdout;
    expect(text).toContain('Bons d’achat de Garnier Paul : 2, dont 1 valable pour 12,50 €\n');
    expect(text).toMatch(new RegExp(`${spent.code_display}\\s+utilisé\\s+0,00 € / 3,00 €`));
    expect(text).toMatch(new RegExp(`${v.code_display}\\s+actif\\s+12,50 € / 20,00 €\\s+jusqu’au \\d\\d/\\d\\d/\\d{4}\\n`));
    expect(text).toMatch(/\d\d\/\d\d\/\d{4} \d\d:\d\d\s+-5,00 €\s+15,00 €\s+web · M01 · T01 · CMD-9\n/);
    expect(text).toMatch(/-2,50 €\s+12,50 €\s+retrait · M01 · T01 · CMD-10\n/);
  });
});
