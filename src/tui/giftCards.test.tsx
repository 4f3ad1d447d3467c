import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { closeTill, openTill } from '../app/till';
import type { Config } from '../config/schema';
import { formatGiftCardCode } from '../domain/giftCardCode';
import { useTestDatabase } from '../testing/db';
import { preprintedNumber, sellGiftCard } from '../testing/giftCards';
import { useTillScreens } from '../testing/tillScreen';
import { KEYS, testConfig } from '../testing/tui';

const BORDEAUX = '3760000000765'; // 8,99 €
const F7 = '\x1b[18~';
const CTRL_G = '\x07';

type Size = { columns: number; rows: number };
const SIZES: Size[] = [{ columns: 80, rows: 24 }, { columns: 60, rows: 20 }];

/** Nothing past the right edge or the last row (the till leaves its last row free). */
function fits(frame: string, size: Size): string {
  const lines = frame.split('\n');
  expect(lines.length, frame).toBeLessThanOrEqual(size.rows - 1);
  for (const line of lines) expect([...line].length, `${line}\n${frame}`).toBeLessThanOrEqual(size.columns);
  return frame;
}

/** A text is on the screen whole, maybe wrapped over lines (joined again by a space). */
const says = (frame: string, text: string) => frame.split('\n').map((l) => l.trim()).join(' ').includes(text);

/** The receipt file once it says `text`: receipts are printed after the commit, through a queue. */
async function paper(file: string, text: string): Promise<string> {
  for (let waited = 0; ; waited += 20) {
    const content = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (content.includes(text)) return content;
    if (waited > 5000) throw new Error(`never printed: ${text}\n${content}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('gift cards at the till', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();

  async function cardOf(config: Config, valueCents: number): Promise<string> {
    const till = await openTill(config);
    try {
      return await sellGiftCard(till, valueCents);
    } finally {
      await closeTill(till);
    }
  }

  for (const size of SIZES) {
    it(`sells cards (a new code, a pre-printed one) and pays with cards, refusing bad input at every prompt, at ${size.columns}×${size.rows}`, async () => {
      const { db, url } = testDb();
      const config = testConfig(url);
      const s = start(config, {}, size);
      const screen = (check: (f: string) => boolean) => s.frame(check).then((f) => fits(f, size));
      const known = Number((await db('gift_cards').max({ id: 'id' }))[0]?.id ?? 0);
      const cardsSince = () => db('gift_cards').where('id', '>', known).orderBy('id').select('code', 'initial_cents', 'status');
      await s.signIn();

      // CADEAU on the entry line: the value is asked, then the code.
      await s.type('CADEAU\r');
      await screen((f) => f.includes('Carte cadeau · valeur (€)'));
      await s.type('2\r');
      await screen((f) => says(f, 'Carte cadeau refusée : moins de 5,00 €, le minimum (giftCards.minCents)'));
      await s.type('2000\r');
      await screen((f) => says(f, 'Carte cadeau refusée : plus de 1 500,00 €, le plafond (limits.giftCardCents)'));
      await s.type('abc\r');
      await screen((f) => says(f, 'Valeur de carte cadeau invalide'));
      await s.type('50\r');
      await screen((f) => f.includes('Carte 50,00 € · code (Entrée : nouveau)'));
      // A number that is not one of the shop's pre-printed cards, then a typo of one.
      await s.type('4111111111111111\r');
      await screen((f) => says(f, 'n’est pas une carte pré-imprimée de la boutique'));
      const number = preprintedNumber();
      const typo = number.slice(0, -1) + String((Number(number.at(-1)) + 1) % 10);
      await s.type(`${typo}\r`);
      await screen((f) => f.includes('caractère de contrôle faux'));
      // Enter alone: the till makes the code.
      await s.type('\r');
      const added = await screen((f) => says(f, 'activée à l’enregistrement du ticket'));
      expect(added).toMatch(/Carte cadeau [2-9A-HJKMNP-Z]{4}-/);
      expect(await cardsSince()).toEqual([]); // nothing sold before the ticket is saved

      // A pre-printed card scanned on the entry line: its value only is asked.
      await s.type(`${number}\r`);
      await screen((f) => f.includes(`Carte ${formatGiftCardCode(number)} · valeur (€)`));
      await s.type('20\r');
      await screen((f) => f.includes('TOTAL') && (f.match(/Carte cadeau/g) ?? []).length >= 2);
      // A discount on a card is refused like one on a fixed-price item.
      await s.type(`${BORDEAUX}\r`);
      await screen((f) => f.includes('Bordeaux rouge'));
      await s.type(KEYS.up);
      await s.type(KEYS.f6);
      await s.type('2\r9999\r');
      // The discount's prompt (not the footer's "F6 Remise"): keys typed before it would go to the approval still being checked.
      await screen((f) => f.includes('Remise : «'));
      await s.type('10%\r');
      await screen((f) => says(f, 'Prix imposé : aucune remise sur cet article'));
      await s.type(KEYS.esc);

      // Paid by bank card: the cards are activated with the ticket, their slips printed with it.
      await s.type(KEYS.f12);
      await screen((f) => f.includes('Reste à payer') && f.includes('78,99 €'));
      // A card does not pay for a card.
      await s.type(F7);
      await screen((f) => f.includes('Carte cadeau · code'));
      await s.type(`${number}\r`);
      await screen((f) => says(f, 'Une carte cadeau ne paie pas une autre carte cadeau'));
      await s.type(KEYS.esc);
      await s.type(KEYS.f3);
      await screen((f) => f.includes('Réglé'));
      await s.type('\r');
      const sold = await screen((f) => f.includes('enregistré'));
      expect(says(sold, `Carte cadeau ${formatGiftCardCode(number)} activée : 20,00 €`)).toBe(true);
      const cards = await cardsSince();
      expect(cards.map((c) => [c.initial_cents, c.status])).toEqual([[5000, 'active'], [2000, 'active']]);
      const made = cards[0]!.code as string;
      const receipt = await paper(config.receipt.file, `[QR ${number}]`);
      expect(receipt).toContain(`[QR ${made}]`);
      expect(receipt).toMatch(/Hors champ TVA \(cartes cadeaux\)\s+70,00 €/);

      // Balance enquiry with no sale open: Ctrl+G, the card.
      await s.type(CTRL_G);
      await screen((f) => f.includes('Solde carte cadeau · code'));
      await s.type(`${formatGiftCardCode(made)}\r`);
      await screen((f) => says(f, `Carte ${formatGiftCardCode(made)} : solde 50,00 €, valable jusqu’au`));

      // Another sale paid with two cards and cash: each card only for what it pays.
      const other = await cardOf(config, 5_00);
      await s.type(`3*${BORDEAUX}\r`);
      await screen((f) => f.includes('26,97 €'));
      await s.type(KEYS.f12);
      await screen((f) => f.includes('Reste à payer'));
      await s.type(F7);
      await s.type(`${made.slice(0, -1)}${made.endsWith('A') ? 'B' : 'A'}\r`);
      await screen((f) => f.includes('caractère de contrôle faux'));
      await s.type(`${preprintedNumber()}\r`);
      await screen((f) => f.includes('jamais vendue'));
      await s.type(`${made}\r`);
      const found = await screen((f) => f.includes('Solde 50,00 € (vendue 50,00 €)'));
      expect(found).toMatch(/Valable jusqu’au \d\d\/\d\d\/\d{4}/);
      expect(found).toContain('(26,97 €) ›'); // what is due, the balance being larger
      await s.type('60\r');
      await screen((f) => says(f, 'Montant supérieur au solde disponible (50,00 €)'));
      await s.type('20\r');
      await screen((f) => /Reste à payer\s+6,97 €/.test(f));
      await s.type(F7);
      await s.type(`${other}\r`);
      await screen((f) => f.includes('(5,00 €) ›')); // the whole of a smaller balance
      await s.type('\r');
      await screen((f) => /Reste à payer\s+1,97 €/.test(f));
      await s.type('\r'); // the rest in cash
      await screen((f) => f.includes('Réglé'));
      await s.type('\r');
      const done = await screen((f) => f.includes('enregistré'));
      expect(says(done, `Carte ${formatGiftCardCode(made)} : reste 30,00 €`)).toBe(true);
      expect(says(done, `Carte ${formatGiftCardCode(other)} : entièrement utilisée`)).toBe(true);
      expect((await db('gift_cards').where('code', made).first()).balance_cents).toBe(3000);
      await paper(config.receipt.file, `Solde carte ${formatGiftCardCode(made)}`);
      s.ui.unmount();
    });
  }

  it('refuses a gift card as the tender of a refund whose ticket is not known, at once', async () => {
    const { url } = testDb();
    const s = start(testConfig(url));
    await s.signIn();
    await s.type(`-1*${BORDEAUX}\r`);
    await s.frame((f) => f.includes('À REMBOURSER'));
    await s.type(KEYS.f12);
    await s.frame((f) => f.includes('Remboursement'));
    await s.type(F7);
    const said = await s.frame((f) => says(f, 'Remboursement sur carte cadeau : seulement pour un retour sur son ticket'));
    expect(said).not.toContain('Carte cadeau · code');
    s.ui.unmount();
  });

  it('cancels a ticket with a card on it: nothing sold, the card may be sold again', async () => {
    const { db, url } = testDb();
    const config = testConfig(url);
    const s = start(config);
    await s.signIn();
    const number = preprintedNumber();
    await s.type(`${number}\r`);
    await s.frame((f) => f.includes('valeur (€)'));
    await s.type('30\r');
    await s.frame((f) => says(f, 'activée à l’enregistrement du ticket'));
    await s.type(KEYS.f8);
    await s.frame((f) => f.includes('Annuler'));
    await s.type('\r');
    await s.frame((f) => f.includes('annulé'));
    expect(await db('gift_cards').where('code', number)).toHaveLength(0);
    await s.type(`${number}\r`);
    await s.frame((f) => f.includes(`Carte ${formatGiftCardCode(number)} · valeur (€)`));
    s.ui.unmount();
  });
});
