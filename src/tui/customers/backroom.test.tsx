import { describe, expect, it } from 'vitest';
import { createCustomer } from '../../app/customers/manage';
import type { Config } from '../../config/schema';
import { useTestDatabase } from '../../testing/db';
import { useTillScreens } from '../../testing/tillScreen';
import { KEYS, testConfig } from '../../testing/tui';

const F11 = '\x1b[23~';
const who = { terminalId: null, operatorId: 2 };


describe('customers in the back room', () => {
  const testDb = useTestDatabase();
  const screens = useTillScreens();
  const start = (config: Config) => screens(config, { bell: () => undefined });
  /** A customer's audit rows, in order. */
  const auditOf = (id: number) =>
    testDb().db('audit_log').whereRaw("(details->>'customer_id')::bigint = ?", [id]).orderBy('id').select('action', 'operator_id', 'approver_id', 'terminal_id', 'details');

  async function openCustomers(s: ReturnType<typeof start>, code: string, pin: string) {
    await s.frame((f) => f.includes('base OK'));
    await s.type(`${code}\r`);
    await s.type(`${pin}\r`);
    await s.frame((f) => f.includes('TOTAL'));
    await s.type(F11);
    const menu = await s.frame((f) => f.includes('Clients'));
    await s.type(/(\d)\. Clients/.exec(menu)![1]!);
    // The screen's first search drawn (its rows, or none): keys typed before it would find the
    // list already showing what they search, and Enter would open its first customer.
    return s.frame((f) => f.includes('Chercher (nom, téléphone, e-mail, carte)') && f.includes('page 1') && (/\b(FID-\d{6}|C\d{7})\b/.test(f) || f.includes('Aucun client')));
  }

  it('searches, filters and pages through customers, opens a record, takes a payment, shows the statement', async () => {
    const { db, url } = testDb();
    await db('customer_groups').insert({ code: 'PRO', name: 'Professionnels', discount_bp: 1000 });
    for (let i = 1; i <= 30; i++) await createCustomer(db, { lastName: `Bernard${String(i).padStart(2, '0')}`, firstName: 'Louis', phone: `06000000${String(i).padStart(2, '0')}`, group: i % 10 === 0 ? 'PRO' : null }, who);
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await openCustomers(s, '2', '9999');
    await s.type('bernard');
    await s.type('\r');
    // The rows of the search typed, not those of the screen's first search (the demo customers).
    const first = await s.frame((f) => f.includes('Bernard01 Louis') && f.includes('page 1') && !f.includes('Lambert Sophie'));
    expect(first).not.toContain('Bernard30 Louis');
    await s.type('\x1b[6~'); // PgDn
    await s.frame((f) => f.includes('page 2') && !f.includes('Bernard01 Louis'));
    await s.type('\x1b[5~'); // PgUp
    await s.frame((f) => f.includes('page 1') && f.includes('Bernard01 Louis'));
    // F3: the PRO group only.
    await s.type(KEYS.f3);
    // The filter is named at once; its rows follow: Bernard10 and Bernard20, not Bernard01.
    const pro = await s.frame((f) => f.includes('groupe PRO') && f.includes('Bernard10 Louis') && !f.includes('Bernard01 Louis'));
    expect(pro).toContain('Bernard20 Louis');
    expect(pro).not.toContain('Bernard11 Louis');
    await s.type('\r');
    const record = await s.frame((f) => f.includes('Groupe : Professionnels · remise : 10 %'));
    expect(record).toContain('Compte : aucun mouvement');
    expect(record).toContain('Bons d’achat : aucun');

    // F4: a payment onto the account, by cheque. As the hint says, Enter on the amount goes to
    // the method (nothing saved yet); ←→ picks it, Enter there saves.
    await s.type(KEYS.f4);
    const pay = await s.frame((f) => f.includes('Règlement sur le compte de Bernard10 Louis'));
    expect(pay).toContain('Entrée : suivant, puis enregistrer');
    await s.type('25,50\r');
    await s.frame((f) => /Mode de règlement \(←→\)\s+›  espèces  carte  chèque  virement  ◂▸/.test(f));
    // Bernard10's own movements (the file's other tests, in any order, move other accounts).
    const bernard10 = () => db('account_movements').whereIn('customer_id', db('customers').select('id').where('last_name', 'Bernard10'));
    expect(Number((await bernard10().count({ n: '*' }).first())!.n)).toBe(0);
    await s.type('\x1b[C');
    await s.type('\x1b[C');
    await s.type('\r');
    await s.frame((f) => f.includes('Règlement de 25,50 € enregistré : nouveau solde 25,50 €') && f.includes('Compte : 25,50 €'));
    expect(await bernard10().select('kind', 'amount_cents', 'method')).toEqual([{ kind: 'payment', amount_cents: 2550, method: 'cheque' }]);
    // F5: this month's statement.
    await s.type(KEYS.f5);
    const statement = await s.frame((f) => f.includes('Relevé du compte de Bernard10 Louis'));
    // The month as the screen writes days: MM/AAAA.
    expect(statement).toMatch(/Relevé du compte de Bernard10 Louis · \d\d\/\d{4}/);
    expect(statement).toContain('Solde au début du mois : 0,00 €');
    expect(statement).toMatch(/Règlement\s+chèque\s+25,50 €\s+25,50 €/);
    expect(statement).toContain('Solde à la fin du mois : 25,50 €');
    await s.type('\x1b[D'); // ← the month before
    await s.frame((f) => f.includes('Aucun mouvement ce mois-ci') && f.includes('Solde à la fin du mois : 0,00 €'));
    s.ui.unmount();
  });

  it('asks to confirm a payment far above what is owed: the same amount entered again is taken', async () => {
    const { db, url } = testDb();
    const c = await createCustomer(db, { lastName: 'Devaux', firstName: 'Rémi' }, who);
    // 25 € owed, as a ledger row (which moves the balance) within a 100 € overdraft.
    await db('customer_accounts').insert({ customer_id: c.id, overdraft_limit_cents: 10000 });
    await db('account_movements').insert({ customer_id: c.id, kind: 'adjust', amount_cents: -2500, channel: 'backoffice' });
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await openCustomers(s, '2', '9999');
    await s.type('devaux\r');
    // The search's answer, not the first list (the demo customers with Devaux): Enter then opens Devaux.
    await s.frame((f) => f.includes('Devaux Rémi') && f.includes('page 1') && !f.includes('Lambert Sophie'));
    await s.type('\r');
    await s.frame((f) => f.includes('Compte : -25,00 €'));
    await s.type(KEYS.f4);
    await s.frame((f) => f.includes('Règlement sur le compte de Devaux Rémi'));
    // 2 500 € typed for 25 € owed: a zero too many, most likely. Enter goes to the method, Enter saves.
    await s.type('2500\r');
    await s.type('\r');
    await s.frame((f) => f.includes('2 500,00 € pour 25,00 € dû (2 475,00 € d’avance) : Entrée encore pour confirmer'));
    expect(await db('account_movements').where({ customer_id: c.id, kind: 'payment' })).toEqual([]);
    await s.type('\r');
    await s.frame((f) => f.includes('Règlement de 2 500,00 € enregistré : nouveau solde 2 475,00 €'));
    expect(await db('account_movements').where('customer_id', c.id).orderBy('id').select('kind', 'amount_cents')).toEqual([{ kind: 'adjust', amount_cents: -2500 }, { kind: 'payment', amount_cents: 250000 }]);
    s.ui.unmount();
  });

  it('makes and edits a customer: a cashier cannot change the discount or the overdraft limit; a taken card is refused', async () => {
    const { db, url } = testDb();
    await createCustomer(db, { company: 'Boulangerie Dupain', card: 'FID-9000' }, who);
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await openCustomers(s, '1', '1234');
    await s.type(KEYS.f5);
    const form = await s.frame((f) => f.includes('Nouveau client'));
    expect(form).toContain('réservé au responsable');
    await s.type('Roux\r');
    await s.type('Inès\r');
    await s.type('\r');
    await s.type('07 11 22 33 44\r');
    await s.type('ines@\r');
    await s.type('\r\r\r');
    await s.type('FID-9000\r');
    await s.frame((f) => f.includes('Adresse e-mail invalide : « ines@ »'));
    // The cursor went back to the e-mail.
    for (let i = 0; i < 5; i++) await s.type('\x7f');
    await s.type('ines@exemple.fr');
    for (let i = 0; i < 5; i++) await s.type('\t');
    await s.type('\r');
    await s.frame((f) => f.includes('La carte FID-9000 est déjà attribuée à Boulangerie Dupain'));
    for (let i = 0; i < 8; i++) await s.type('\x7f');
    await s.type('FID-9001\r');
    const made = await s.frame((f) => f.includes('Client Roux Inès créé'));
    expect(made).toContain('Roux Inès · FID-9001');
    expect(made).toContain('0711223344 · ines@exemple.fr');
    // F3: a new card replaces the lost one; the old one is then refused at the till.
    await s.type(KEYS.f3);
    await s.type('FID-9002\r');
    await s.frame((f) => f.includes('Carte FID-9002 attribuée à Roux Inès ; l’ancienne carte FID-9001 ne fonctionne plus'));
    expect(await db('customer_cards').where('code', 'FID-9001').first('retired_at')).toMatchObject({ retired_at: expect.any(Date) });
    // Who, on which till, from the screen; a cashier's changes are nobody's to approve.
    const ines = (await db('customers').where('code', 'FID-9002').first('id')).id as number;
    const t01 = (await db('terminals').where('code', 'T01').first('id')).id as number;
    expect(await auditOf(ines)).toEqual([
      { action: 'customer_created', operator_id: 1, approver_id: null, terminal_id: t01, details: { customer_id: ines, code: 'FID-9001', via: 'till' } },
      { action: 'customer_card', operator_id: 1, approver_id: null, terminal_id: t01, details: { customer_id: ines, from: 'FID-9001', to: 'FID-9002', via: 'till' } },
    ]);
    s.ui.unmount();
  });

  it('records a manager’s changes with the manager as approver: a discount, an overdraft limit, an edit; a card stays unapproved', async () => {
    const { db, url } = testDb();
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await openCustomers(s, '2', '9999');
    await s.type(KEYS.f5);
    await s.frame((f) => f.includes('Nouveau client') && !f.includes('réservé au responsable'));
    // Name, first name, company, phone, e-mail, address, group, discount 5 %, limit 100 €, notes, card.
    await s.type('Garnier\r');
    await s.type('Paul\r');
    await s.type('\r\r\r\r\r');
    await s.type('5\r');
    await s.type('\x7f\x7f\x7f\x7f100\r');
    await s.type('\r');
    await s.type('FID-9301\r');
    await s.frame((f) => f.includes('Client Garnier Paul créé'));
    const paul = (await db('customers').where('code', 'FID-9301').first('id')).id as number;
    // F2: the record edited (its phone), then F3: a new card.
    await s.type(KEYS.f2);
    await s.frame((f) => f.includes('Actif (o/n)'));
    await s.type('\r\r\r');
    await s.type('0611223344');
    for (let i = 0; i < 8; i++) await s.type('\r');
    await s.frame((f) => f.includes('Fiche de Garnier Paul enregistrée'));
    await s.type(KEYS.f3);
    await s.type('FID-9302\r');
    await s.frame((f) => f.includes('Carte FID-9302 attribuée à Garnier Paul'));
    s.ui.unmount();
    const t01 = (await db('terminals').where('code', 'T01').first('id')).id as number;
    const by = { operator_id: 2, terminal_id: t01 };
    expect(await auditOf(paul)).toEqual([
      { action: 'customer_created', ...by, approver_id: 2, details: { customer_id: paul, code: 'FID-9301', discount_bp: 500, via: 'till' } },
      { action: 'account_limit', ...by, approver_id: 2, details: { customer_id: paul, limit_cents: 10000, via: 'till' } },
      { action: 'customer_edited', ...by, approver_id: 2, details: { customer_id: paul, fields: expect.arrayContaining(['phone', 'discountBp', 'active']), discount_bp: 500, group: '', active: true, via: 'till' } },
      { action: 'customer_card', ...by, approver_id: null, details: { customer_id: paul, from: 'FID-9301', to: 'FID-9302', via: 'till' } },
    ]);
    // When: each row has its time, in order.
    const times = (await db('audit_log').whereRaw("(details->>'customer_id')::bigint = ?", [paul]).orderBy('id').pluck('at')) as Date[];
    expect(times.every((t, i) => t instanceof Date && (i === 0 || t >= times[i - 1]!))).toBe(true);
  });
});
