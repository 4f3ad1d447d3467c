import type { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { customerForSale } from '../../../app/customers/attach';
import { createCustomer } from '../../../app/customers/manage';
import { useTestDatabase } from '../../../testing/db';
import { terminal } from '../../../testing/fixtures';
import { useTillScreens, type TillScreen } from '../../../testing/tillScreen';
import { KEYS, testConfig } from '../../../testing/tui';

const BAGUETTE = '3760000000017'; // BOUL-001, 1,30 €
const BORDEAUX = '3760000000765'; // CAVE-001, 8,99 €
const F11 = '\x1b[23~';
const RIGHT = '\x1b[C';
const CTRL_F = '\x06';

/** What a refusal must leave as it was. */
const snapshot = async (db: Knex) => ({
  settings: await db('loyalty_settings').first('points_per_euro', 'count_visits', 'points_expire_months', 'card_prefix'),
  rewards: await db('loyalty_rewards').orderBy('id').select('id', 'name', 'cost', 'active'),
  items: await db('items').where('loyalty_points', '>', 0).orderBy('id').select('sku', 'loyalty_points'),
  audits: await db('audit_log').where('action', 'like', 'loyalty%').orderBy('id').pluck('id'),
});

/** The last audit row of `action`, as the back office writes it. */
const lastAudit = async (db: Knex, action: string) =>
  db('audit_log').where({ action }).orderBy('id', 'desc').first('operator_id', 'approver_id', 'terminal_id', 'details');
/** The manager signed in (code 2) on this till. */
const byManager = async (db: Knex) => {
  const manager = (await db('operators').where('code', '2').first('id')).id as number;
  return { operator_id: manager, approver_id: manager, terminal_id: (await terminal(db)).id };
};

/** Backspace `n` times, a key at a time as a person presses it. */
async function erase(s: TillScreen, n: number) {
  for (let i = 0; i < n; i++) await s.type('\x7f');
}

/** From the sale screen: F11, then the loyalty screen by its number in the menu, read. */
async function openLoyalty(s: TillScreen) {
  await s.type(F11);
  const menu = await s.frame((f) => f.includes('Gestion') && f.includes('Fidélité'));
  await s.type(/(\d)\. Fidélité/.exec(menu)![1]!);
  return s.frame((f) => f.includes('Points par euro :') && !f.includes('Un instant'));
}

describe('the loyalty program in the back office', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();

  it('a manager sets the points per euro, adds a reward and gives an item points: the next sales at the till earn them and offer the reward', async () => {
    const { db, url } = testDb();
    // A customer of this test's own, with no points yet.
    const card = `FID-${randomBytes(3).toString('hex').toUpperCase()}`;
    const customer = await createCustomer(db, { lastName: 'Fidèle', firstName: 'Alice', card }, { terminalId: null, operatorId: 1 });
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn('2', '9999');
    await openLoyalty(s);

    // The program: 3 points per euro, typed ahead of the form in one chunk (they land in its first field).
    await s.type(`\r${'\x7f'.repeat(4)}3`);
    await s.frame((x) => x.includes('Modifier le programme') && /Points par euro\s+› 3\n/.test(x));
    await s.type(KEYS.f12);
    let f = await s.frame((x) => x.includes('Programme de fidélité enregistré'));
    expect(f).toContain('Points par euro : 3');
    expect(await db('loyalty_settings').first('points_per_euro')).toEqual({ points_per_euro: 3 });
    const by = await byManager(db);
    expect(await lastAudit(db, 'loyalty_program')).toEqual({ ...by, details: { changed: expect.objectContaining({ pointsPerEuro: 3 }), via: 'till' } });

    // A reward: 4 € off at 30 points, by the reward key.
    await s.type('\t');
    await s.frame((x) => x.includes('F2 nouveau'));
    await s.type(KEYS.f2);
    await s.frame((x) => x.includes('Nouveau cadeau'));
    await s.type('Remise fidèle\r');
    await s.type(KEYS.down);
    await s.type('30\r');
    await s.type(KEYS.down);
    await s.type('4\r');
    await s.type('\r'); // Enter on the last field saves
    f = await s.frame((x) => x.includes('Cadeau « Remise fidèle » ajouté'));
    expect(f).toMatch(/Remise fidèle\s+30 points\s+4,00 € de remise\s+par touche\s+oui/);
    expect(await lastAudit(db, 'loyalty_reward_add')).toEqual({
      ...by, details: { reward_id: expect.any(Number), name: 'Remise fidèle', unit: 'points', cost: 30, gift: { kind: 'amount', cents: 400 }, automatic: false, via: 'till' },
    });

    // The baguette earns 5 points of its own.
    await s.type('\t');
    await s.frame((x) => x.includes('Article (nom, réf., code-barres)'));
    await s.type(`${BAGUETTE}\r`);
    await s.frame((x) => x.includes('1 article trouvé pour « 3760000000017 »'));
    await s.type('\r');
    await s.frame((x) => x.includes('Points de Baguette tradition (BOUL-001)'));
    await erase(s, 6);
    await s.type('5\r');
    f = await s.frame((x) => x.includes('Baguette tradition (BOUL-001) : 5 points par unité vendue'));
    expect(await lastAudit(db, 'loyalty_item_points')).toEqual({ ...by, details: { sku: 'BOUL-001', points: 5, via: 'till' } });
    expect(f).toMatch(/BOUL-001\s+Baguette tradition\s+3760000000017\s+5/);
    // The search emptied: the items that earn points.
    await erase(s, 13);
    await s.type('\r');
    f = await s.frame((x) => /\d+ articles? rapporte/.test(x));
    expect(f).toMatch(/BOUL-001\s+Baguette tradition\s+3760000000017\s+5/);

    // Back at the till: two baguettes and a Bordeaux, 11,59 €: 2 × 5 + 11 × 3 points.
    await s.type(KEYS.esc);
    await s.type(KEYS.esc);
    await s.frame((x) => x.includes('TOTAL'));
    await s.type(`${card}\r`);
    await s.frame((x) => x.includes('Fidèle Alice'));
    await s.type(`2*${BAGUETTE}\r`);
    await s.type(`${BORDEAUX}\r`);
    await s.frame((x) => /TOTAL\s+11,59 €/.test(x));
    await s.type(KEYS.f12);
    await s.frame((x) => x.includes('Reste à payer'));
    await s.type('\r');
    await s.type('\r');
    await s.frame((x) => x.includes('enregistré'));
    expect(await db('loyalty_balances').where('customer_id', customer.id).first('points', 'visits')).toEqual({ points: 43, visits: 1 });

    // The next sale: the reward is reached and offered; Ctrl+F takes it off the ticket.
    await s.type(`${card}\r`);
    f = await s.frame((x) => x.includes('Fidèle Alice') && x.includes('★ Remise fidèle'));
    expect(f).toContain('43 pts');
    await s.type(`${BORDEAUX}\r`);
    await s.frame((x) => /TOTAL\s+8,99 €/.test(x));
    await s.type(CTRL_F);
    await s.frame((x) => x.includes('Cadeau fidélité appliqué : Remise fidèle') && /TOTAL\s+4,99 €/.test(x));
    s.ui.unmount();
  });

  it('refuses bad input in every field with its message, and changes nothing', async () => {
    const { db, url } = testDb();
    const before = await snapshot(db);
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn('2', '9999');
    await openLoyalty(s);
    const refused = (text: string) => s.frame((x) => x.includes(text));

    // The program's fields, one after the other (each put right before the next).
    await s.type('\r');
    await s.frame((f) => f.includes('Modifier le programme'));
    await erase(s, 4);
    await s.type('deux');
    await s.type(KEYS.f12);
    await refused('Points par euro invalides');
    await erase(s, 4);
    await s.type('1\r');
    await s.type(KEYS.down);
    await s.type('0');
    await s.type(KEYS.f12);
    await refused('Expiration invalide');
    await erase(s, 1);
    await s.type('\r');
    await erase(s, 10);
    await s.type('FI D');
    await s.type(KEYS.f12);
    await refused('Préfixe de carte invalide : « FI D »');
    await s.type(KEYS.esc);
    await s.frame((f) => f.includes('Points par euro :') && !f.includes('Modifier le programme'));

    // A new reward: no name, a threshold of 0, an amount of 12,345, 150 %, an unknown item.
    await s.type('\t');
    await s.frame((f) => f.includes('F2 nouveau'));
    await s.type(KEYS.f2);
    await s.frame((f) => f.includes('Nouveau cadeau'));
    await s.type(KEYS.f12);
    await refused('Nom du cadeau manquant');
    await s.type('Essai\r');
    await s.type(KEYS.down);
    await s.type('0\r');
    await s.type(KEYS.down);
    await s.type('4');
    await s.type(KEYS.f12);
    await refused('Seuil invalide');
    // The cursor went to the threshold: put right, then the amount.
    await erase(s, 1);
    await s.type('10\r');
    await s.type(KEYS.down);
    await erase(s, 1);
    await s.type('12,345');
    await s.type(KEYS.f12);
    await refused('Montant invalide : « 12,345 »');
    await erase(s, 6);
    await s.type(KEYS.up);
    await s.type(RIGHT);
    await s.frame((f) => f.includes('Pourcentage'));
    await s.type(KEYS.down);
    await s.type('150');
    await s.type(KEYS.f12);
    await refused('Pourcentage invalide : « 150 »');
    await erase(s, 3);
    await s.type(KEYS.up);
    await s.type(RIGHT);
    await s.frame((f) => f.includes('Article (réf. ou code)'));
    await s.type(KEYS.down);
    await s.type(KEYS.f12);
    await refused('Indiquez l’article offert');
    await s.type('XYZ-999');
    await s.type(KEYS.f12);
    await refused('Article inconnu : XYZ-999');
    await s.type(KEYS.esc);
    await s.frame((f) => f.includes('F2 nouveau') && !f.includes('Nouveau cadeau'));

    // A reward's threshold.
    await s.type(KEYS.f3);
    await s.frame((f) => f.includes('Seuil du cadeau'));
    await erase(s, 7);
    await s.type('beaucoup\r');
    await refused('Seuil invalide');
    await s.type(KEYS.esc);

    // The items: a search too short, digits that are no item, points below zero.
    await s.type('\t');
    await s.frame((f) => f.includes('Article (nom, réf., code-barres)'));
    await s.type('b\r');
    await refused('Tapez au moins 2 lettres');
    await erase(s, 1);
    await s.type('123\r');
    await refused('Article inconnu : 123');
    await erase(s, 3);
    await s.type('croissant\r');
    await s.frame((f) => f.includes('1 article trouvé pour « croissant »'));
    await s.type('\r');
    await s.frame((f) => f.includes('Points de Croissant'));
    await erase(s, 6);
    await s.type('-3\r');
    await refused('Points par article invalides');
    await s.type(KEYS.esc);
    await s.frame((f) => f.includes('1 article trouvé') && !f.includes('Points de Croissant'));

    expect(await snapshot(db)).toEqual(before);
    s.ui.unmount();
  });

  it('takes a reward out of the program and puts it back: the till offers it no more, then again', async () => {
    const { db, url } = testDb();
    // Sophie (demo card FID-000001) has 230 points: this reward, the dearest within her reach, is the one the till offers her.
    const name = `Cadeau ${randomBytes(2).toString('hex')}`;
    const [{ id }] = await db('loyalty_rewards').insert({ name, unit: 'points', cost: 220, kind: 'amount', amount_cents: 300 }).returning('id');
    const offered = async () => (await customerForSale(db, 'FID-000001', 'fr')).facts!.rewards.map((r) => r.name);
    expect(await offered()).toContain(name);
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn('2', '9999');
    await openLoyalty(s);
    await s.type('\t');
    await s.frame((f) => f.includes(name));
    // Down to it (the list is by unit, then threshold).
    const order = await db('loyalty_rewards').orderBy([{ column: 'unit' }, { column: 'cost' }, { column: 'id' }]).pluck('id');
    for (let i = 0; i < order.indexOf(id); i++) await s.type(KEYS.down);
    await s.frame((f) => f.includes(`Cadeau n° ${id},`));
    await s.type(KEYS.f4);
    const off = await s.frame((x) => x.includes(`Cadeau « ${name} » retiré du programme`));
    expect(off).toMatch(new RegExp(`${name}\\s+220 points\\s+3,00 € de remise\\s+par touche\\s+non`));
    expect(off).toContain('retiré du programme');
    expect(await offered()).not.toContain(name);

    // At the till, Sophie is offered another reward.
    await s.type(KEYS.esc);
    await s.type(KEYS.esc);
    await s.frame((x) => x.includes('TOTAL'));
    await s.type('FID-000001\r');
    const line = await s.frame((x) => x.includes('Lambert Sophie (FID-000001)') && x.includes('★'));
    expect(line).not.toContain(name);

    // F4 again puts it back.
    await openLoyalty(s);
    await s.type('\t');
    for (let i = 0; i < order.indexOf(id); i++) await s.type(KEYS.down);
    await s.frame((x) => x.includes(`Cadeau n° ${id},`));
    await s.type(KEYS.f4);
    await s.frame((x) => x.includes(`Cadeau « ${name} » remis au programme`));
    const turned = (await db('audit_log').whereIn('action', ['loyalty_reward_off', 'loyalty_reward_on']).orderBy('id').select('action', 'operator_id', 'approver_id', 'terminal_id', 'details'))
      .filter((r: { details: { reward_id: number } }) => r.details.reward_id === id);
    const by = await byManager(db);
    expect(turned).toEqual([
      { action: 'loyalty_reward_off', ...by, details: { reward_id: id, active: false, via: 'till' } },
      { action: 'loyalty_reward_on', ...by, details: { reward_id: id, active: true, via: 'till' } },
    ]);
    expect(await offered()).toContain(name);
    // Out again, so that no other test finds it.
    await db('loyalty_rewards').where('id', id).update({ active: false });
    s.ui.unmount();
  });

  it('is not in a cashier’s back office', async () => {
    const { url } = testDb();
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn();
    await s.type(F11);
    const menu = await s.frame((f) => f.includes('Gestion') && f.includes('Clients'));
    expect(menu).not.toContain('Fidélité');
    s.ui.unmount();
  });
});
