import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Operator } from '../app/session';
import { closeTill, openTill } from '../app/till';
import { issueVoucher } from '../app/vouchers/issue';
import { redeemVoucher } from '../app/vouchers/redeem';
import type { Config } from '../config/schema';
import { formatVoucherCode } from '../domain/voucherCode';
import { useTestDatabase } from '../testing/db';
import { useTillScreens } from '../testing/tillScreen';
import { KEYS, testConfig } from '../testing/tui';

const BORDEAUX = '3760000000765'; // 8,99 €
const MANAGER: Operator = { id: 2, code: '2', name: 'Dominique', role: 'manager' };
const CTRL_B = '\x02';
const F11 = '\x1b[23~';

/** The receipt file once it says `text`: receipts are printed after the commit, through a queue. */
async function paper(file: string, text: string | RegExp): Promise<string> {
  for (let waited = 0; ; waited += 20) {
    const content = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (typeof text === 'string' ? content.includes(text) : text.test(content)) return content;
    if (waited > 5000) throw new Error(`never printed: ${text}\n${content}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('vouchers at the till', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();

  async function voucherFor(config: Config, amountCents: number, lastName = 'Martin') {
    const till = await openTill(config);
    try {
      await till.db('customers').insert({ code: `C-${amountCents}`, first_name: 'Claire', last_name: lastName });
      return await issueVoucher(till.db, config, { origin: 'trade_in', amountCents, customerCode: `C-${amountCents}`, terminal: till.terminal, operatorId: 2, approver: MANAGER });
    } finally {
      await closeTill(till);
    }
  }

  it('pays part of a sale with a voucher: F5, the code, what it holds shown, the amount changed, the balance left said', async () => {
    const { db, url } = testDb();
    const config = testConfig(url);
    const v = await voucherFor(config, 2000);
    const code = formatVoucherCode(v.code);
    const s = start(config);
    await s.signIn();
    await s.type(`${BORDEAUX}\r`);
    await s.frame((f) => f.includes('Bordeaux rouge'));
    // Scanned on the entry line, the voucher is told apart from an item and sent to the payment screen.
    await s.type(`${v.code}\r`);
    await s.frame((f) => f.includes(`Bon d’achat ${code} : il se règle à l’encaissement`));
    await s.type(KEYS.f12);
    await s.frame((f) => f.includes('Reste à payer'));
    await s.type(KEYS.f5);
    await s.frame((f) => f.includes('Bon d’achat · code'));
    // A typo is refused at once, before any lookup.
    const typo = code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A');
    await s.type(`${typo}\r`);
    await s.frame((f) => f.includes('caractère de contrôle faux'));
    await s.type(`${code.toLowerCase()}\r`);
    const shown = await s.frame((f) => f.includes('Martin Claire'));
    expect(shown).toContain('Montant initial 20,00 € · solde disponible 20,00 €');
    expect(shown).toMatch(/Valable jusqu’au \d\d\/\d\d\/\d{4}/);
    expect(shown).toContain('(8,99 €) ›'); // min(balance, due), pre-filled
    await s.type('25\r');
    await s.frame((f) => f.includes('Montant supérieur au solde disponible'));
    await s.type('5\r');
    await s.frame((f) => /Reste à payer\s+3,99 €/.test(f));
    await s.type('\r'); // the rest in cash
    await s.frame((f) => f.includes('Réglé'));
    await s.type('\r');
    const done = await s.frame((f) => f.includes('enregistré'));
    expect(done).toContain(`Bon ${code} : reste 15,00 €`);
    expect((await db('vouchers').where('code', v.code).first()).balance_cents).toBe(1500);
    await paper(config.receipt.file, new RegExp(`Solde bon ${code}\\s+15,00 €`));
    // The note goes with the next item scanned.
    await s.type(`${BORDEAUX}\r`);
    await s.frame((f) => f.includes('Bordeaux rouge') && !f.includes('reste 15,00 €'));
    s.ui.unmount();
  });

  it('refunds a return as a new voucher from the voucher key of the payment screen', async () => {
    const { db, url } = testDb();
    const config = testConfig(url);
    const s = start(config);
    await s.signIn();
    await s.type(`-1*${BORDEAUX}\r`);
    await s.frame((f) => f.includes('À REMBOURSER'));
    await s.type(KEYS.f12);
    await s.frame((f) => f.includes('Remboursement'));
    await s.type(KEYS.f5);
    await s.frame((f) => f.includes('Nouveau bon d’achat, émis pour ce remboursement') && f.includes('(8,99 €) ›'));
    await s.type('\r');
    await s.frame((f) => f.includes('Réglé'));
    await s.type('\r');
    const done = await s.frame((f) => f.includes('enregistré'));
    const [voucher] = await db('vouchers').where('origin', 'refund').orderBy('id', 'desc').limit(1);
    expect(voucher).toMatchObject({ initial_cents: 899, balance_cents: 899, status: 'active' });
    expect(done).toContain(`Bon ${formatVoucherCode(voucher.code)} émis : 8,99 €`);
    expect(await paper(config.receipt.file, `[QR ${voucher.code}]`)).toContain('BON D’ACHAT');
    s.ui.unmount();
  });

  it('issues a trade-in voucher with Ctrl+B: a manager approves, the slip is printed, Esc goes back to the till', async () => {
    const { db, url } = testDb();
    const config = testConfig(url);
    const s = start(config);
    await s.signIn();
    await s.type(CTRL_B);
    await s.frame((f) => f.includes('Émettre un bon demande un responsable'));
    await s.type('1\r1234\r');
    await s.frame((f) => f.includes('Camille n’est pas responsable'));
    await s.type('2\r9999\r');
    await s.frame((f) => f.includes('Montant (€)') && f.includes('Reprise'));
    await s.type('0\r');
    await s.frame((f) => f.includes('Montant nul refusé'));
    await s.type('\x7f');
    await s.type('15\t');
    await s.type('\t');
    await s.type('vélo enfant\r');
    const done = await s.frame((f) => f.includes('émis : 15,00 €'));
    const [voucher] = await db('vouchers').where('origin', 'trade_in').orderBy('id', 'desc').limit(1);
    expect(voucher).toMatchObject({ initial_cents: 1500, approved_by: 2, issued_by: 1, note: 'vélo enfant' });
    expect(done).toContain(formatVoucherCode(voucher.code));
    await paper(config.receipt.file, `|| ${voucher.code} ||`);
    await s.type(KEYS.esc);
    await s.frame((f) => f.includes('TOTAL') && !f.includes('Émettre un bon'));
    s.ui.unmount();
  });

  it('finds vouchers in the back office, shows every use with its channel, and cancels one with a manager', async () => {
    const { db, url } = testDb();
    const config = testConfig(url);
    // A customer of this test's own: the others' vouchers (any order of tests) are not in its search.
    const v = await voucherFor(config, 3000, 'Marchand');
    // Another customer's, so that the newest vouchers shown on opening (2 or more) are not the search's answer (1).
    await voucherFor(config, 3100, 'Leclerc');
    await redeemVoucher(db, { code: v.code, amountCents: 500, channel: 'pickup', orderRef: 'CMD-7', idempotencyKey: 'pickup-7', storeId: (await db('stores').where('code', 'M01').first()).id });
    const s = start(config);
    await s.signIn();
    await s.type(F11);
    await s.frame((f) => f.includes('Bons d’achat'));
    await s.type('1');
    await s.frame((f) => f.includes('Valable du'));
    await s.type('\t');
    await s.type('marchand\r');
    const list = await s.frame((f) => /Page 1\/1 · 1 bon\b/.test(f) && f.includes('Marchand Claire'));
    expect(list).toMatch(/Marchand Claire\s+\d\d\/\d\d\/\d{4}\s+30,00 €\s+25,00 € actif/);
    await s.type('\r');
    const detail = await s.frame((f) => f.includes('Montant initial 30,00 € · solde 25,00 €'));
    expect(detail).toMatch(/Émission\s+30,00 €\s+30,00 €/);
    expect(detail).toMatch(/Utilisation\s+-5,00 €\s+25,00 €\s+retrait · M01 · CMD-7/);
    expect(detail).toContain('Origine : Reprise · magasin M01');
    await s.type(KEYS.f8);
    await s.frame((f) => f.includes('Annuler le solde du bon (25,00 €)'));
    await s.type('\r');
    await s.frame((f) => f.includes('Responsable'));
    await s.type('2\r9999\r');
    const cancelled = await s.frame((f) => f.includes(`Bon ${formatVoucherCode(v.code)} annulé`));
    expect(cancelled).toMatch(/Annulation\s+-25,00 €\s+0,00 €/);
    expect((await db('vouchers').where('id', v.id).first()).status).toBe('cancelled');
    await s.type(KEYS.esc);
    await s.type(KEYS.esc);
    await s.frame((f) => f.includes('Gestion') && f.includes('Émettre un bon d’achat'));
    s.ui.unmount();
  });

  it('F11 › Bons d’achat opens on the newest vouchers; its days are typed JJ/MM/AAAA and a day that does not exist is refused', async () => {
    const { url } = testDb();
    const config = testConfig(url);
    const older = await voucherFor(config, 1100);
    const newer = await voucherFor(config, 2200);
    const s = start(config);
    await s.signIn();
    await s.type(F11);
    await s.frame((f) => f.includes('Bons d’achat'));
    await s.type('1');
    // No search typed: the newest first, at once.
    const opened = await s.frame((f) => f.includes(formatVoucherCode(older.code)));
    expect(opened.indexOf(formatVoucherCode(newer.code))).toBeLessThan(opened.indexOf(formatVoucherCode(older.code)));
    expect(opened).toMatch(/Valable du › JJ\/MM\/AAAA/);
    expect(opened).toMatch(/\d\d\/\d\d\/\d{4}\s+22,00 €/);
    // The keys are on the code filter: Tab twice to the first day.
    await s.type('\t');
    await s.type('\t');
    await s.type('31/02/2030\r');
    await s.frame((f) => f.includes('Date invalide : « 31/02/2030 » (ce mois n’a que 28 jours)'));
    for (let i = 0; i < 10; i++) await s.type('\x7f');
    await s.type(`01/01/2020\r`);
    const found = await s.frame((f) => f.includes('Page 1/1'));
    expect(found).toContain(formatVoucherCode(newer.code));
    s.ui.unmount();
  });

  it('takes a voucher scanned on the payment screen without its key first', async () => {
    const { url } = testDb();
    const config = testConfig(url);
    const v = await voucherFor(config, 500);
    const s = start(config);
    await s.signIn();
    await s.type(`${BORDEAUX}\r`);
    await s.type(KEYS.f12);
    await s.frame((f) => f.includes('Reste à payer'));
    // A keyboard-wedge scanner: the whole code and its Enter in one burst.
    await s.type(`${v.code}\r`);
    const shown = await s.frame((f) => f.includes('Martin Claire'));
    expect(shown).toContain('(5,00 €) ›');
    await s.type('\r');
    await s.frame((f) => /Reste à payer\s+3,99 €/.test(f));
    s.ui.unmount();
  });
});
