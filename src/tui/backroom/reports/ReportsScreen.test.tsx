// The back office's reports at 80×24 and 60×20: today's sales with their chart of sales by hour,
// the payments, what is owed; a bad day said on the message line, the figures kept.
import { describe, expect, it } from 'vitest';
import { commitSale } from '../../../app/commitSale';
import { formatGiftCardCode } from '../../../domain/giftCardCode';
import { useTestDatabase } from '../../../testing/db';
import { sellGiftCard } from '../../../testing/giftCards';
import { saleRequest, terminal } from '../../../testing/fixtures';
import { useTillScreens } from '../../../testing/tillScreen';
import { KEYS, menuEntryKey, testConfig } from '../../../testing/tui';

const F11 = '\x1b[23~';
const PAGE_DOWN = '\x1b[6~';
type Size = { columns: number; rows: number };
const SIZES: Size[] = [{ columns: 80, rows: 24 }, { columns: 60, rows: 20 }];

/** A text is on the screen whole, maybe wrapped over lines (joined again by a space). */
const says = (frame: string, text: string) => frame.split('\n').map((l) => l.trim()).join(' ').includes(text);

/** Nothing past the right edge or the last row. */
function fits(frame: string, size: Size): string {
  const lines = frame.split('\n');
  expect(lines.length, frame).toBeLessThanOrEqual(size.rows - 1);
  for (const line of lines) expect([...line].length, `${line}\n${frame}`).toBeLessThanOrEqual(size.columns);
  return frame;
}

/** The hour it is in Paris: the shop's clock, which the chart counts in. */
const parisHour = () => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' }).format(new Date());

describe('the reports screen of the back office', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();

  // The tests of this file share its database: each reads what the ones before it left first.
  SIZES.forEach((size) => {
    it(`shows today's sales with their chart, then the payments and what is owed, at ${size.columns}×${size.rows}`, async () => {
      const { db, url } = testDb();
      const before = async () => {
        const sum = async (sql: string) => (await db.raw<{ rows: { n: number; c: number }[] }>(sql)).rows[0]!;
        return {
          sales: await sum('SELECT count(*)::int AS n, coalesce(sum(total_cents), 0)::bigint AS c FROM sales'),
          cash: await sum("SELECT count(*)::int AS n, (coalesce(sum(amount_cents), 0) - (SELECT coalesce(sum(change_cents), 0) FROM sales))::bigint AS c FROM sale_tenders WHERE kind = 'cash'"),
          card: await sum("SELECT count(*)::int AS n, coalesce(sum(amount_cents), 0)::bigint AS c FROM sale_tenders WHERE kind = 'card'"),
          tenders: await sum('SELECT count(*)::int AS n, 0::bigint AS c FROM sale_tenders'),
          cards: await sum('SELECT count(*)::int AS n, 0::bigint AS c FROM gift_cards'),
        };
      };
      const was = await before();
      const euros = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')} €`;
      const t01 = await terminal(db, 'T01');
      await commitSale(db, await saleRequest(db, { terminal: t01, lines: [['CAVE-001', 2]], tenders: [['card', null]] }));
      await commitSale(db, await saleRequest(db, { terminal: t01, lines: [['BOUL-001', 1]], tenders: [['cash', 200]] }));
      const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }), {}, size);
      await s.signIn('2', '9999');
      await s.type(F11);
      const menu = await s.frame((f) => f.includes('. Rapports'));
      await s.type(menuEntryKey(menu, 'Rapports'));

      // Today, hour by hour: one bar for the hour of both sales, full width, with its amount.
      const sales = fits(await s.frame((f) => f.includes('Ventes par heure') && f.includes('█')), size);
      expect(sales).toMatch(/^F2 Ventes F3 Encaissements F4 Encours F5 Cartes cadeaux/m);
      expect(sales).toMatch(new RegExp(`^${parisHour()}h █+\\s+[\\d ]+,\\d\\d €$`, 'm'));
      expect(sales).toMatch(new RegExp(`Tickets\\s+${was.sales.n + 2}\n`));
      expect(sales).toMatch(new RegExp(`Total encaissé \\(TTC\\)\\s+${euros(was.sales.c + 19_28)}`));

      // F3: the payments, which add up to the tickets.
      await s.type(KEYS.f3);
      const pay = fits(await s.frame((f) => f.includes('Encaissements du') && f.includes(`Total des tickets (${was.sales.n + 2})`)), size);
      expect(pay).toMatch(new RegExp(`Espèces\\s+${was.cash.n + 1}\\s+${euros(was.cash.c + 1_30)}`));
      expect(pay).toMatch(new RegExp(`Carte bancaire\\s+${was.card.n + 1}\\s+${euros(was.card.c + 17_98)}`));
      expect(pay).toMatch(new RegExp(`Total des encaissements\\s+${was.tenders.n + 2}\\s+${euros(was.sales.c + 19_28)}`));

      // A day that is no day: said, the figures stay.
      await s.type('\x7f'.repeat(10) + 'hier\r');
      fits(await s.frame((f) => says(f, 'Date invalide : « hier »')), size);
      expect(await s.frame(() => true)).toContain(`Total des tickets (${was.sales.n + 2})`);
      await s.type('\x7f'.repeat(4) + '01/01/2020\r');
      fits(await s.frame((f) => f.includes(`Total des tickets (${was.sales.n + 2})`) && f.includes('Encaissements du 01/01/2020') && !f.includes('Date invalide')), size);

      // F2 over the years since: a bar a month, this month's the only one drawn.
      await s.type(KEYS.f2);
      const years = fits(await s.frame((f) => f.includes('Ventes par mois') && f.includes('Ventes du 01/01/2020')), size);
      expect(years).toMatch(/^01\/2020\s+0,00 €$/m);
      const month = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', month: '2-digit', year: 'numeric' }).format(new Date());
      const thisMonth = new RegExp(`^${month.replace('/', '\\/')} █+\\s+${euros(was.sales.c + 19_28)}$`, 'm');
      // Page down the months (as many pages as it takes, a few at most) to this one.
      for (let p = 0; p < 12 && !thisMonth.test(s.ui.lastFrame() ?? ''); p++) await s.type(PAGE_DOWN);
      fits(await s.frame((f) => thisMonth.test(f)), size);

      // F4: what the shop owes, by age; Esc back to the menu.
      await s.type(KEYS.f4);
      const owed = fits(await s.frame((f) => f.includes('Encours au') && f.includes('0–3 mois')), size);
      expect(owed).toMatch(/Cartes cadeaux/);

      // F5: the gift cards one by one; one sold now shows with its balance, within the width.
      const code = await sellGiftCard(s.tills[0]!, 25_00);
      await s.type(KEYS.f5);
      const cards = fits(await s.frame((f) => f.includes('Cartes cadeaux du 01/01/2020') && f.includes(formatGiftCardCode(code))), size);
      expect(cards).toMatch(new RegExp(`^${formatGiftCardCode(code)}\\s.*25,00 €$`, 'm'));
      expect(cards).toMatch(new RegExp(`^Total \\(${was.cards.n + 1} cartes\\)`, 'm'));
      await s.type(KEYS.esc);
      await s.frame((f) => f.includes('. Rapports'));
    });
  });
});
