// Every screen of the till at the sizes it supports (80×24, and 60×20: the smallest, see
// README) and below: nothing past the right edge or the last row, nothing cut, a gap between
// the columns of every table, messages wrapped rather than cut.
import { describe, expect, it } from 'vitest';
import type { Operator } from '../app/session';
import { closeTill, openTill } from '../app/till';
import { issueVoucher } from '../app/vouchers/issue';
import { redeemVoucher } from '../app/vouchers/redeem';
import type { Config } from '../config/schema';
import { insertReward } from '../data/loyalty';
import { formatVoucherCode } from '../domain/voucherCode';
import { useTestDatabase } from '../testing/db';
import { resize, useTillScreens, type TillScreen } from '../testing/tillScreen';
import { KEYS, testConfig } from '../testing/tui';

const BAGUETTE = '3760000000017';
const BORDEAUX = '3760000000765';
const F7 = '\x1b[18~';
const F11 = '\x1b[23~';
const CTRL_F = '\x06';
const MANAGER: Operator = { id: 2, code: '2', name: 'Dominique', role: 'manager' };

type Size = { columns: number; rows: number };
const SIZES: Size[] = [{ columns: 80, rows: 24 }, { columns: 60, rows: 20 }];

/**
 * The frame fits the terminal, starts with the status bar and has nothing cut in it but the
 * names `elided` (a long name in a table ends at a word with "…").
 */
function fits(frame: string, size: Size, elided: string[] = []): string {
  const lines = frame.split('\n');
  // The till draws one row short of the terminal (see App): its last row stays free.
  expect(lines.length, frame).toBeLessThanOrEqual(size.rows - 1);
  for (const line of lines) expect([...line].length, `${line}\n${frame}`).toBeLessThanOrEqual(size.columns);
  expect(lines[0], frame).toMatch(/^ Épicerie du Centre · T01 .*base OK\s+\d\d:\d\d\s*$/);
  // A screen may be caught while it works ("Un instant…"): that "…" is not a cut.
  const busy = ['Un instant…', 'connexion…', 'Enregistrement du ticket…', 'Demande en cours, patientez…'];
  expect([...elided, ...busy].reduce((f, e) => f.replaceAll(e, ''), frame), 'nothing cut').not.toContain('…');
  return frame;
}

/** A text is on the screen whole, maybe wrapped over lines (joined again by a space). */
const says = (frame: string, text: string) => frame.split('\n').map((l) => l.trim()).join(' ').includes(text);

describe('the screens at 80×24 and 60×20', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();

  let shops = 0;
  async function shop(config: Config) {
    const till = await openTill(config);
    const n = ++shops;
    try {
      // Sophie reaches two rewards (the picker), and Claire Martin holds a voucher used once on the web.
      if (n === 1) await insertReward(till.db, { name: '2 € offerts', unit: 'points', cost: 50, gift: { kind: 'amount', cents: 200 }, automatic: false });
      await till.db('customers').insert({ code: `C-${n}`, first_name: 'Claire', last_name: `Martin${n}` });
      const v = await issueVoucher(till.db, config, { origin: 'trade_in', amountCents: 3000, customerCode: `C-${n}`, terminal: till.terminal, operatorId: 2, approver: MANAGER });
      await redeemVoucher(till.db, { code: v.code, amountCents: 500, channel: 'web', orderRef: `CMD-104${n}`, idempotencyKey: `web-${n}`, storeId: till.terminal.storeId });
      return { code: v.code, name: `Martin${n} Claire`, order: `CMD-104${n}` };
    } finally {
      await closeTill(till);
    }
  }

  for (const size of SIZES) {
    it(`lays out the sale, its panels, the help and the payment at ${size.columns}×${size.rows}`, async () => {
      const { url } = testDb();
      const config = testConfig(url, { POS_RECEIPT_OUTPUT: 'none' });
      const voucher = await shop(config);
      const s = start(config, {}, size);
      const screen = (check: (f: string) => boolean) => s.frame(check).then((f) => fits(f, size));

      await screen((f) => f.includes('Ouverture de session') && f.includes('base OK'));
      await s.signIn('2', '9999');
      await s.type('FID-000001\r');
      await s.type(`${BAGUETTE}\r`);
      await s.type('CAVE-001\r');
      await s.type('VINS10\r');
      const sale = await screen((f) => f.includes('Vins −10 %') && f.includes('appliqué'));
      expect(sale).toMatch(/Bordeaux rouge 75 cl\s+1\s+8,99 €\s+8,99 €/);
      // The customer line says who, and the reward with its key, whole (on two rows when narrow).
      expect(says(sale, 'Lambert Sophie (FID-000001) · 230 pts · 4 passages')).toBe(true);
      expect(sale).toContain('★ 10 € offerts : Ctrl+F');
      // The footer: a space between a key and its name, the back office always there.
      expect(sale).toContain('F12 Encaisser');
      expect(sale).toContain('F11 Gestion');
      expect(sale).toContain('F7 Client');

      // A message too long for the line wraps, whole.
      await s.type('FID-999999\r');
      const unknown = await screen((f) => f.includes('FID-999999'));
      expect(says(unknown, 'Carte client inconnue : FID-999999 (le client du ticket reste Lambert Sophie)')).toBe(true);

      // The help: every key of both screens, named in French, on its pages (PgSuiv turns them).
      await s.type(KEYS.f1);
      let help = await screen((f) => f.includes('Aide : touches'));
      for (let page = 1; / page (\d+)\/(\d+)/.exec(help) && page < Number(/ page \d+\/(\d+)/.exec(help)![1]); page++) {
        await s.type('\x1b[6~');
        help += await screen((f) => f.includes(`page ${page + 1}/`));
      }
      for (const cell of ['F4, Suppr Annuler ligne', 'F5 Prix', 'F12, Ctrl+T Encaisser', 'Ctrl+F Cadeau fidélité', 'F11 Gestion', 'Ctrl+B Émettre un bon', 'PgPréc/PgSuiv Lignes par 10', 'Échap Retour', 'F4 Retirer paiement', 'F6 Compte client', 'F7 Carte cadeau', 'F8 Chèque-cadeau web', 'Entrée Espèces']) {
        expect(help.replace(/ +/g, ' '), cell).toContain(cell);
      }
      expect(says(help, '« -1* » pour un retour')).toBe(true);
      await s.type(KEYS.esc);

      // The customer panel: the message of the action before it is gone.
      await s.type(F7);
      const panel = await screen((f) => f.includes('Client du ticket'));
      expect(panel).not.toContain('FID-999999');
      expect(says(panel, '↑↓ choisir · Entrée : sur le ticket · F2 : carte · F4 : retirer · Échap')).toBe(true);
      await s.type('lambert\r');
      await screen((f) => /Lambert Sophie\s+FID-000001\s+0611223344/.test(f));
      await s.type(KEYS.esc);

      // The customer's purchases.
      await s.type('\x12');
      await screen((f) => f.includes('Achats de Lambert Sophie') && f.includes('Aucun achat enregistré'));
      await s.type(KEYS.esc);
      await screen((f) => f.includes('TOTAL'));

      // A search by name: the items found, their columns apart.
      await s.type(KEYS.f2);
      await s.type('pain\r');
      const found = await screen((f) => f.includes('Articles trouvés pour « pain »'));
      expect(found).toMatch(/[a-z]\s+[A-Z]{4}-\d{3}\s+\d+,\d\d €/);
      await s.type(KEYS.esc);

      // The reward picker: the gifts in full.
      await s.type(CTRL_F);
      const picker = await screen((f) => f.includes('Cadeaux atteints par Lambert Sophie'));
      expect(picker).toMatch(/10 € offerts\s+200 points\s+\S/);
      await s.type(KEYS.esc);
      await screen((f) => !f.includes('Cadeaux atteints'));

      // Payment: a voucher found shows what it holds; the status bar stays on the first row.
      await s.type(KEYS.f12);
      await screen((f) => f.includes('Reste à payer'));
      await s.type(KEYS.f5);
      const typo = voucher.code.slice(0, -1) + (voucher.code.endsWith('A') ? 'B' : 'A');
      await s.type(`${typo}\r`);
      await screen((f) => f.includes('mal saisi'));
      await s.type(`${voucher.code}\r`);
      const shown = await screen((f) => f.includes(voucher.name));
      expect(shown).toContain(formatVoucherCode(voucher.code));
      // The refusal belonged to the typo: the voucher found replaces it.
      expect(shown).not.toContain('mal saisi');
      await s.type('\r');
      const paid = await screen((f) => /Déjà réglé\s+9,39 €/.test(f) || /Déjà réglé/.test(f));
      expect(paid).toMatch(/Reste à payer\s+0,00 €/);
      s.ui.unmount();
    });

    it(`lays out the back office at ${size.columns}×${size.rows}`, async () => {
      const { url } = testDb();
      const config = testConfig(url, { POS_RECEIPT_OUTPUT: 'none' });
      const voucher = await shop(config);
      const s = start(config, {}, size);
      const screen = (check: (f: string) => boolean, elided?: string[]) => s.frame(check).then((f) => fits(f, size, elided));
      await s.signIn('2', '9999');
      await s.type(F11);
      const menu = await screen((f) => f.includes('Gestion') && f.includes('Clients'));
      const item = (name: string) => /(\d)\. /.exec(menu.split('\n').find((l) => l.includes(`. ${name}`))!)![1]!;

      // Vouchers: the list, then one voucher with its movements and their references whole.
      await s.type(item('Bons d’achat'));
      // The newest vouchers first (this one): the filters take keys once the screen is drawn.
      await screen((f) => f.includes('Code ›') && f.includes(formatVoucherCode(voucher.code)));
      await s.type('\t');
      await s.type(`${voucher.name.split(' ')[0]}\r`);
      // The list of the search typed (its keys), not the newest vouchers shown as the screen opened.
      const list = await screen((f) => f.includes('Entrée détail') && f.includes(formatVoucherCode(voucher.code)));
      // The initial amount and the last day give way on a narrow screen; the balance stays.
      expect(list).toMatch(new RegExp(size.columns >= 80 ? `${voucher.name}\\s+\\d\\d/\\d\\d/\\d{4}\\s+30,00 €\\s+25,00 €\\s+actif` : `${voucher.name}\\s+25,00 €\\s+actif`));
      await s.type('\r');
      const detail = await screen((f) => f.includes('Utilisation'));
      expect(detail).toMatch(new RegExp(`Utilisation\\s+-5,00 €\\s+25,00 €\\s+web · M01 · ${voucher.order}`));
      await s.type(KEYS.esc);
      await s.type(KEYS.esc);
      await screen((f) => f.includes('Clients') && f.includes('Bons de réduction'));
      await s.type(item('Émettre un bon d’achat'));
      await screen((f) => f.includes('Émettre un bon demande un responsable') || f.includes('Montant'));
      await s.type(KEYS.esc);
      await screen((f) => f.includes('Clients') && f.includes('Bons de réduction'));

      // Coupons: the definitions, a gap between every column ("Vins −10 %oui" before).
      await s.type(item('Bons de réduction'));
      // The demo's "Bienvenue : 3 € dès 15 €" is elided at a word, never inside its amounts.
      const coupons = await screen((f) => f.includes('VINS10'), ['Bienvenue : 3 €…', 'Bienvenue…']);
      expect(coupons).toMatch(/VINS10\s+Vins −10 %\s+oui\s/);
      await s.type(KEYS.down);
      await s.type('\r');
      await screen((f) => f.includes('Codes du bon VINS10'));
      await s.type(KEYS.esc);
      await screen((f) => f.includes('VINS10') && !f.includes('Codes du bon'), ['Bienvenue : 3 €…', 'Bienvenue…']);
      await s.type(KEYS.esc);

      // Customers: the list, a record, the statement.
      await screen((f) => f.includes('Bons de réduction'));
      await s.type(item('Clients'));
      const customers = await screen((f) => f.includes('Brasserie du Marché'));
      // The phone gives way on a narrow screen; the points and the balance stay.
      expect(customers).toMatch(size.columns >= 80 ? /Lambert Sophie\s+FID-000001\s+0611223344\s+230/ : /Lambert Sophie\s+FID-000001\s+230/);
      expect(customers).toMatch(/Brasserie du Marché\s+FID-000003\s+(0478000000\s+)?0\s+0,00 €/);
      await s.type(KEYS.down);
      await s.type(KEYS.down);
      await s.type('\r');
      await screen((f) => f.includes('F5 relevé'));
      await s.type(KEYS.f5);
      await screen((f) => f.includes('Relevé du compte de Brasserie du Marché'));
      await s.type(KEYS.esc);
      await screen((f) => f.includes('F5 relevé'));
      await s.type('\x1b[17~'); // F6: the customer's vouchers
      await screen((f) => f.includes('Bons d’achat de Brasserie du Marché'));
      await s.type(KEYS.esc);
      await s.type(KEYS.esc);
      await screen((f) => f.includes('Chercher (nom, téléphone, e-mail, carte)'));
      // Claire Martin's voucher and its use on the web, its order reference whole.
      await s.type(`${voucher.name.split(' ')[0]}\r`);
      await screen((f) => f.includes(voucher.name) && !f.includes('Brasserie du Marché'));
      await s.type('\r');
      await screen((f) => f.includes('F5 relevé') && f.includes(voucher.name));
      await s.type('\x1b[17~');
      const uses = await screen((f) => f.includes(`Bons d’achat de ${voucher.name}`));
      expect(uses).toContain(formatVoucherCode(voucher.code));
      expect(uses).toMatch(new RegExp(`-5,00 €\\s+25,00 €\\s+web · M01 · ${voucher.order}`));
      s.ui.unmount();
    });
  }

  for (const size of SIZES) {
    it(`lays out the loyalty program's back office at ${size.columns}×${size.rows}`, async () => {
      const { url } = testDb();
      const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }), {}, size);
      const screen = (check: (f: string) => boolean) => s.frame(check).then((f) => fits(f, size));
      await s.signIn('2', '9999');
      await s.type(F11);
      const menu = await screen((f) => f.includes('Gestion') && f.includes('Fidélité'));
      await s.type(/(\d)\. Fidélité/.exec(menu)![1]!);
      // Nothing is saved here: the other walks of this file find the demo's program as it is.
      const program = await screen((f) => f.includes('Points par euro :') && f.includes('cadeaux proposés'));
      expect(program).toMatch(/Fidélité\s+Programme\s+Cadeaux\s+Points par article/);
      await s.type('\r');
      await screen((f) => f.includes('Modifier le programme') && f.includes('Préfixe des cartes'));
      await s.type(KEYS.esc);

      // The rewards: what each gives whole; the number and the mode give way on a narrow screen.
      await s.type('\t');
      const rewards = await screen((f) => f.includes('F2 nouveau') && f.includes('10 € offerts'));
      expect(rewards).toMatch(size.columns >= 80 ? /\d+\s+10 € offerts\s+200 points\s+10,00 € de remise\s+par touche\s+oui/ : /10 € offerts\s+200 points\s+10,00 € de remise\s+oui/);
      expect(rewards).toMatch(/Café offert\s+10 passages\s+Café expresso offert/);
      await s.type(KEYS.f2);
      await screen((f) => f.includes('Nouveau cadeau') && f.includes('Appliqué'));
      // A refusal wraps rather than being cut.
      await s.type(KEYS.f12);
      const refused = await screen((f) => f.includes('Nom du cadeau'));
      expect(says(refused, 'Nom du cadeau manquant ou trop long (40 caractères au plus)')).toBe(true);
      await s.type(KEYS.esc);
      await s.type(KEYS.f3);
      await screen((f) => f.includes('Seuil du cadeau') && f.includes('Seuil (points)'));
      await s.type(KEYS.esc);

      // The items: a search, its rows apart, then an item's points.
      await s.type('\t');
      await screen((f) => f.includes('Article (nom, réf., code-barres)'));
      await s.type('pain\r');
      const found = await screen((f) => f.includes('articles trouvés pour « pain »'));
      expect(found).toMatch(size.columns >= 80 ? /BOUL-\d{3}\s+Pain de campagne 400 g\s+\d{13}\s+0/ : /BOUL-\d{3}\s+Pain de campagne 400 g\s+(\d{13}\s+)?0/);
      await s.type('\r');
      await screen((f) => f.includes('Points par unité vendue'));
      await s.type(KEYS.esc);
      await screen((f) => f.includes('articles trouvés pour « pain »'));
      s.ui.unmount();
    });
  }

  it('speaks English at 60×20: "1 item", "2 items", no French space before a colon', async () => {
    const { url } = testDb();
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none', POS_LANG: 'en' }), {}, SIZES[1]);
    await s.frame((f) => f.includes('database OK'));
    await s.signIn();
    await s.type('FID-000001\r');
    await s.type(`${BAGUETTE}\r`);
    const one = await s.frame((f) => /1 item\s+TOTAL/.test(f) && f.includes('Lambert Sophie'));
    expect(one).toContain('4 visits');
    await s.type(`${BAGUETTE}\r`);
    const two = await s.frame((f) => /2 items\s+TOTAL/.test(f));
    await s.type('FID-999999\r');
    const unknown = await s.frame((f) => f.includes('FID-999999'));
    expect(says(unknown, 'Unknown loyalty card: FID-999999 (Lambert Sophie stays on the ticket)')).toBe(true);
    await s.type(KEYS.f1);
    const help = await s.frame((f) => f.includes('Help: keys'));
    expect(help.replace(/ +/g, ' ')).toContain('F4, Del Void line');
    expect(help.replace(/ +/g, ' ')).toContain('PgUp/PgDn Lines by ten');
    for (const frame of [one, two, unknown, help]) expect(frame).not.toMatch(/\S [:;!?](\s|$)/m);
    s.ui.unmount();
  });

  it('asks for a larger window below 60×20, and keeps the open ticket for when it grows again', async () => {
    const { url } = testDb();
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }), {}, SIZES[1]);
    await s.signIn();
    await s.type(`${BAGUETTE}\r`);
    await s.frame((f) => f.includes('Baguette tradition'));
    resize(s.ui.stdout, { columns: 59, rows: 20 });
    const small = await s.frame((f) => f.includes('Agrandissez'));
    expect(small).toBe('Agrandissez la fenêtre à 60×20 (ici 59×20)');
    // Keys wait while nobody can see what they do.
    await s.type(`${BAGUETTE}\r`);
    resize(s.ui.stdout, { columns: 60, rows: 19 });
    await s.frame((f) => f.includes('(ici 60×19)'));
    resize(s.ui.stdout, { columns: 60, rows: 20 });
    const back = fits(await s.frame((f) => f.includes('Baguette tradition')), SIZES[1]!);
    expect(back).toMatch(/Baguette tradition\s+1\s+1,30 €\s+1,30 €/);
    expect(back).toMatch(/TOTAL\s+1,30 €/);
    s.ui.unmount();
  });
});
