import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../config/schema';
import { certificate, FakeBigCommerce } from '../app/giftcerts/testing/fakeBigCommerce';
import { loadContract } from '../app/giftcerts/testing/openapi';
import { useTestDatabase } from '../testing/db';
import { useTillScreens } from '../testing/tillScreen';
import { KEYS, testConfig } from '../testing/tui';

const BORDEAUX = '3760000000765'; // 8,99 €
const LIVRE = '3760000002035'; // 25,00 €
const F8 = KEYS.f8;

/** The receipt file once it says `text`: receipts are printed after the commit, through a queue. */
async function paper(file: string, text: RegExp): Promise<string> {
  for (let waited = 0; ; waited += 20) {
    const content = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (text.test(content)) return content;
    if (waited > 5000) throw new Error(`never printed: ${text}\n${content}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('e-shop gift certificates at the till (F8 on the payment screen)', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();
  let fake: FakeBigCommerce;
  let config: Config;
  let nextId = 200;
  beforeAll(async () => {
    fake = new FakeBigCommerce(await loadContract());
    await fake.start();
    config = testConfig(testDb().url, fake.env({ POS_GIFTCERTS_BIGCOMMERCE_TIMEOUT_MS: '1000' }));
  });
  afterAll(async () => {
    await fake.close();
  });

  const newCert = (amount: string, balance = amount) => {
    const id = (nextId += 1);
    return fake.add(certificate(id, `GC7-K2P-${id}`, amount, balance)) as { id: number; code: string };
  };

  /** Signed in, the items scanned, on the payment screen, the certificate key pressed. */
  async function atCertificatePrompt(items: string[]) {
    const s = start(config);
    await s.signIn();
    for (const item of items) await s.type(`${item}\r`);
    await s.frame((f) => f.includes(items.length > 1 ? 'Livre de cuisine' : 'Bordeaux rouge'));
    await s.type(KEYS.f12);
    await s.frame((f) => f.includes('Reste à payer'));
    await s.type(F8);
    await s.frame((f) => f.includes('Chèque-cadeau web · code'));
    return s;
  }

  it('the code typed, the balance shown, the amount taken from it, the rest in cash: the ticket is saved and the debit linked to it', async () => {
    const c = newCert('50.0000', '20.0000');
    const s = await atCertificatePrompt([BORDEAUX, LIVRE]); // 33,99 €
    await s.type(`${c.code}\r`);
    const shown = await s.frame((f) => f.includes('Valeur 50,00 € · solde 20,00 €'));
    expect(shown).toContain(`Chèque-cadeau web …${c.code.slice(-4)}`);
    expect(shown).toContain('Sans date de fin');
    expect(shown).toContain('Pour : Claire Martin');
    expect(shown).toContain('(20,00 €)'); // min(balance, due), pre-filled
    expect(shown).not.toContain(c.code); // the code is a bearer instrument: its last four only
    await s.type('\r');
    const paid = await s.frame((f) => /Reste à payer\s+13,99 €/.test(f));
    expect(paid).toMatch(/Chèque-cadeau débité de 20,00 € \(débit #\d+\) : solde 0,00 €/);
    expect(paid).toMatch(new RegExp(`Chèque-cadeau web …${c.code.slice(-4)}\\s+20,00 €`));
    expect(fake.balance(c.id)).toBe('0.0000');
    await s.type('15\r');
    await s.frame((f) => f.includes('Réglé'));
    await s.type('\r');
    const done = await s.frame((f) => f.includes('enregistré'));
    expect(done).toContain(`Chèque-cadeau …${c.code.slice(-4)} : reste 0,00 €`);
    // The receipt names it by its last four characters, with what it has left.
    const receipt = await paper(config.receipt.file, new RegExp(`Solde chèque-cadeau …${c.code.slice(-4)}\\s+0,00 €`));
    expect(receipt).toMatch(new RegExp(`Chèque-cadeau web …${c.code.slice(-4)}\\s+20,00 €`));
    expect(receipt).not.toContain(c.code);
    const { db } = testDb();
    const [head] = await db('giftcert_uses').where({ kind: 'debit', certificate_id: String(c.id) });
    const rows = await db('giftcert_uses').where('use_id', head.id).orderBy('id');
    expect(rows.map((r) => r.kind)).toEqual(['debited', 'sale']);
    const tenders = await db('sale_tenders').where('sale_id', rows[1].sale_id).orderBy('seq').select('kind', 'amount_cents');
    expect(tenders).toEqual([{ kind: 'giftcert', amount_cents: 2000 }, { kind: 'cash', amount_cents: 1500 }]);
  });

  it('a provider error is shown to the cashier and nothing is paid: on the lookup, and on the debit', async () => {
    const c = newCert('50.0000');
    const s = await atCertificatePrompt([BORDEAUX]);
    fake.script({ method: 'GET', status: 503 });
    await s.type(`${c.code}\r`);
    const refused = await s.frame((f) => f.includes('BigCommerce en panne (HTTP 503) ; rien n’est débité'));
    expect(refused).toMatch(/Reste à payer\s+8,99 €/);
    expect(refused).not.toContain('Déjà réglé');
    // Once more; this time the write is refused.
    await s.type(F8);
    await s.frame((f) => f.includes('Chèque-cadeau web · code'));
    await s.type(`${c.code}\r`);
    await s.frame((f) => f.includes('Valeur 50,00 € · solde 50,00 €'));
    fake.script({ method: 'PUT', status: 401 });
    await s.type('\r');
    const notPaid = await s.frame((f) => f.includes('BigCommerce refuse le jeton d’API (HTTP 401)'));
    expect(notPaid).toMatch(/Reste à payer\s+8,99 €/);
    expect(notPaid).not.toContain('Déjà réglé');
    expect(fake.balance(c.id)).toBe('50.0000');
    expect(s.bells()).toBeGreaterThanOrEqual(2);
    // Enter would try the same amount again; Esc leaves it. A lookup that does not answer in time: said with its limit.
    await s.type(KEYS.esc);
    await s.frame((f) => !f.includes('Pour : Claire Martin'));
    await s.type(F8);
    await s.frame((f) => f.includes('Chèque-cadeau web · code'));
    fake.script({ method: 'GET', delayMs: 2500 });
    await s.type(`${c.code}\r`);
    const late = await s.frame((f) => f.includes('BigCommerce ne répond pas (plus de 1 s) ; rien n’est débité'));
    expect(late).toMatch(/Reste à payer\s+8,99 €/);
  });

  it('F4 takes the payment off and gives the amount back to the certificate; a balance read back that differs is said', async () => {
    const c = newCert('30.0000');
    const s = await atCertificatePrompt([BORDEAUX]);
    await s.type(`${c.code}\r`);
    await s.frame((f) => f.includes('Valeur 30,00 € · solde 30,00 €'));
    fake.afterWrite = (cert) => void (cert.balance = '11.0100'); // 10,00 € spent online just after our write
    await s.type('\r');
    const warned = await s.frame((f) => /Solde relu 11,01 € ≠ écrit 21,01 €/.test(f));
    expect(warned).toMatch(/Réglé/);
    await s.type(KEYS.f4);
    const removed = await s.frame((f) => /Chèque-cadeau recrédité de 8,99 € \(débit #\d+\) : solde 20,00 €/.test(f));
    expect(removed).toMatch(/Reste à payer\s+8,99 €/);
    expect(fake.balance(c.id)).toBe('20.0000');
  });
});
