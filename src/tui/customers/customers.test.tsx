import { existsSync, readFileSync } from 'node:fs';
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { createCustomer } from '../../app/customers/manage';
import { insertReward } from '../../data/loyalty';
import { useTestDatabase } from '../../testing/db';
import { useTillScreens } from '../../testing/tillScreen';
import { KEYS, testConfig } from '../../testing/tui';

const BORDEAUX = '3760000000765'; // 8,99 €
const BAGUETTE = '3760000000017'; // 1,30 €
const CROISSANT = '3760000000062'; // 1,20 €
const F7 = '\x1b[18~';
const CTRL_F = '\x06';
const CTRL_R = '\x12';
const who = { terminalId: null, operatorId: 2 };

async function paper(file: string, text: RegExp): Promise<string> {
  for (let waited = 0; ; waited += 20) {
    const content = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (text.test(content)) return content;
    if (waited > 5000) throw new Error(`never printed: ${text}\n${content}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until every ticket has its receipt queued: closing the till earlier would cut it off. */
async function receiptsQueued(db: Knex): Promise<void> {
  for (let waited = 0; waited < 5000; waited += 20) {
    const { rows } = await db.raw<{ rows: { waiting: boolean }[] }>("SELECT (SELECT count(*) FROM sales) > (SELECT count(*) FROM print_jobs WHERE kind = 'receipt') AS waiting");
    if (!rows[0]!.waiting) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('a receipt was never queued');
}

describe('customers at the till', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();

  async function points(db: Knex, code: string): Promise<{ points: number; visits: number }> {
    const r = await db('loyalty_balances as b').join('customers as c', 'c.id', 'b.customer_id').where('c.code', code).first('b.points', 'b.visits');
    return r ?? { points: 0, visits: 0 };
  }

  it('attaches the customer when their card is scanned mid-sale, shows their points, and applies the reward reached with one key', async () => {
    const { db, url } = testDb();
    const config = testConfig(url);
    const claire = await createCustomer(db, { firstName: 'Claire', lastName: 'Martin', card: 'FID-0042' }, who);
    // A ledger row moves the balance (the ledger's trigger).
    await db('loyalty_movements').insert({ customer_id: claire.id, unit: 'points', kind: 'adjust', amount: 120, channel: 'backoffice' });
    await insertReward(db, { name: '5 € offerts', unit: 'points', cost: 100, gift: { kind: 'amount', cents: 500 }, automatic: false });
    const s = start(config);
    await s.signIn();
    await s.type(`${BORDEAUX}\r`);
    await s.frame((f) => f.includes('Bordeaux rouge'));
    // An unknown card: said so, and the sale goes on without a customer.
    await s.type('C9999999\r');
    await s.frame((f) => f.includes('Carte client inconnue : C9999999'));
    await s.type('FID-0042\r');
    const attached = await s.frame((f) => f.includes('SEUIL ATTEINT'));
    expect(attached).toContain('Client Martin Claire · SEUIL ATTEINT : « 5 € offerts » disponible');
    expect(attached).toMatch(/Martin Claire \(FID-0042\) · 120 pts · 0 passage · ★ 5 € offerts : Ctrl\+F/);
    await s.type(`${BAGUETTE}\r`);
    await s.frame((f) => f.includes('Baguette tradition'));
    await s.type(CTRL_F);
    await s.frame((f) => f.includes('Cadeau fidélité appliqué : 5 € offerts') && /5 € offerts\s+-5,00 €/.test(f) && /TOTAL\s+5,29 €/.test(f));
    // The key again takes it off, and once more puts it back.
    await s.type(CTRL_F);
    await s.frame((f) => f.includes('Cadeau fidélité retiré') && /TOTAL\s+10,29 €/.test(f));
    await s.type(CTRL_F);
    await s.frame((f) => /TOTAL\s+5,29 €/.test(f));
    await s.type(KEYS.f12);
    await s.frame((f) => f.includes('Reste à payer'));
    await s.type('\r');
    await s.type('\r');
    const done = await s.frame((f) => f.includes('enregistré'));
    // 120 − 100 + 5 points for 5,29 €.
    expect(done).toContain('Martin Claire : +5 points · solde 25 points, 1 passage');
    expect(await points(db, 'FID-0042')).toEqual({ points: 25, visits: 1 });
    const receipt = await paper(config.receipt.file, /Solde de points\s+25/);
    expect(receipt).toMatch(/Points utilisés \(5 € offerts\)\s+-100/);
    s.ui.unmount();
  });

  it('shows the customer’s purchases without leaving the sale and copies an earlier ticket’s items onto this one', async () => {
    const { db, url } = testDb();
    const config = testConfig(url, { POS_RECEIPT_OUTPUT: 'none' });
    await createCustomer(db, { firstName: 'Zoé', lastName: 'Garnier', card: 'FID-0777' }, who);
    const s = start(config);
    await s.signIn();
    await s.type(CTRL_R);
    await s.frame((f) => f.includes('Aucun client sur ce ticket : scannez sa carte pour voir ses achats'));
    // A first sale to Zoé: 3 baguettes, a croissant.
    await s.type('FID-0777\r');
    await s.frame((f) => f.includes('Client Garnier Zoé'));
    await s.type(`3*${BAGUETTE}\r`);
    await s.type(`${CROISSANT}\r`);
    await s.frame((f) => /TOTAL\s+5,10 €/.test(f));
    await s.type(KEYS.f12);
    await s.type('\r');
    await s.type('\r');
    await s.frame((f) => f.includes('enregistré'));
    // The next time: the history panel, then her last ticket copied.
    await s.type('FID-0777\r');
    await s.frame((f) => f.includes('Garnier Zoé (FID-0777)'));
    await s.type(CTRL_R);
    const panel = await s.frame((f) => f.includes('Achats de Garnier Zoé') && f.includes('Baguette tradition'));
    expect(panel).toMatch(/T01-\d{6}\s+4 art\.\s+5,10 €/);
    expect(panel).toMatch(/3 × Baguette tradition\s+1,30 €\s+3,90 €/);
    await s.type('\r');
    const copied = await s.frame((f) => /lignes? reprises?/.test(f));
    expect(copied).toMatch(/2 lignes reprises du ticket T01-\d{6}/);
    expect(copied).toMatch(/Baguette tradition\s+3\s+1,30 €\s+3,90 €/);
    expect(copied).toMatch(/TOTAL\s+5,10 €/);
    // Editable after: one more croissant.
    await s.type(`${CROISSANT}\r`);
    await s.frame((f) => /TOTAL\s+6,30 €/.test(f));
    await receiptsQueued(db);
    s.ui.unmount();
  });

  it('adds “X” as a new customer from the sale screen, gives a card, refuses one already given, and pays by account', async () => {
    const { db, url } = testDb();
    const config = testConfig(url, { POS_RECEIPT_OUTPUT: 'none' });
    await createCustomer(db, { company: 'Café du Port', card: 'FID-0100' }, who);
    const s = start(config);
    await s.signIn();
    await s.type(`${BORDEAUX}\r`);
    await s.frame((f) => f.includes('Bordeaux rouge'));
    await s.type(F7);
    await s.frame((f) => f.includes('Client du ticket'));
    // Typed in the order lists show names: the last name first.
    await s.type('Durand Paul');
    await s.type('\r');
    await s.frame((f) => f.includes('Aucun client ne correspond à « Durand Paul »') && f.includes('+ Nouveau client : nom « Durand », prénom « Paul »'));
    await s.type('\r');
    const form = await s.frame((f) => f.includes('Nouveau client') && f.includes('Prénom'));
    expect(form).toMatch(/Nom\s+› Durand/);
    expect(form).toMatch(/Prénom\s+› Paul/);
    // Last name, first name (prefilled), phone, e-mail, then the card: one already given is refused.
    await s.type('\r');
    await s.type('\r');
    await s.type('0612345678\r');
    await s.type('\r');
    await s.type('FID-0100\r');
    await s.frame((f) => f.includes('La carte FID-0100 est déjà attribuée à Café du Port'));
    for (let i = 0; i < 8; i++) await s.type('\x7f');
    await s.type('FID-0101\r');
    const made = await s.frame((f) => f.includes('Client Durand Paul créé'));
    expect(made).toMatch(/Durand Paul \(FID-0101\) · 0 pts/);
    expect(await db('customers').where('code', 'FID-0101').first('first_name', 'last_name', 'phone')).toEqual({ first_name: 'Paul', last_name: 'Durand', phone: '0612345678' });

    // F6 on the payment screen: refused without credit, taken once there is an overdraft limit.
    await s.type(KEYS.f12);
    await s.frame((f) => f.includes('Reste à payer'));
    await s.type(KEYS.f6);
    await s.frame((f) => f.includes('Compte de Durand Paul : rien de disponible (solde 0,00 €, découvert autorisé 0,00 €)'));
    await db('customer_accounts').insert({ customer_id: (await db('customers').where('code', 'FID-0101').first('id')).id, overdraft_limit_cents: 5000 });
    await s.type(KEYS.f6);
    await s.frame((f) => f.includes('Disponible : 50,00 €') && f.includes('(8,99 €)'));
    await s.type('60\r');
    await s.frame((f) => f.includes('Montant supérieur au solde disponible (50,00 €)'));
    await s.type('\r');
    await s.frame((f) => f.includes('Réglé'));
    await s.type('\r');
    const done = await s.frame((f) => f.includes('enregistré'));
    expect(done).toContain('Compte de Durand Paul : nouveau solde -8,99 €');
    await receiptsQueued(db);
    s.ui.unmount();
  });

  it('takes a loyalty card scanned on the payment screen: the customer joins the ticket and it is priced again, once no payment is entered', async () => {
    const { db, url } = testDb();
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn();
    await s.type(`${BORDEAUX}\r`);
    await s.frame((f) => f.includes('Bordeaux rouge'));
    await s.type(KEYS.f12);
    await s.frame((f) => /Reste à payer\s+8,99 €/.test(f));
    // Cash already entered was for 8,99 €: it comes off before the total may move.
    await s.type('1\r');
    await s.frame((f) => /Reste à payer\s+7,99 €/.test(f));
    await s.type('FID-000003\r');
    await s.frame((f) => f.includes('Des paiements sont saisis : retirez-les d’abord'));
    await s.type(KEYS.f4);
    await s.frame((f) => /Reste à payer\s+8,99 €/.test(f));
    // Neither a card nor a voucher (an item), then a card never given: said, nothing changes.
    await s.type(`${BAGUETTE}\r`);
    await s.frame((f) => f.includes(`${BAGUETTE} : ni carte de fidélité ni bon d’achat`));
    await s.type('FID-999999\r');
    await s.frame((f) => f.includes('Carte client inconnue : FID-999999'));
    // The restaurant's group takes 5 % off: 8,99 € becomes 8,54 €.
    await s.type('FID-000003\r');
    await s.frame((f) => f.includes('Brasserie du Marché') && /Reste à payer\s+8,54 €/.test(f));
    await s.type('\r');
    await s.frame((f) => f.includes('Réglé'));
    await s.type('\r');
    await s.frame((f) => f.includes('enregistré'));
    const [sale] = await db('sales').orderBy('id', 'desc').limit(1);
    expect(sale.total_cents).toBe(854);
    expect((await db('customers').where('id', sale.customer_id).first('code')).code).toBe('FID-000003');
    s.ui.unmount();
  });
});
