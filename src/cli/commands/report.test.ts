// `pos report sales|payments|liabilities|giftcards` through bin/pos, against real PostgreSQL: an
// empty period prints zeros; a day of sales with a gift card sold and spent, a return refunded
// onto a voucher and that voucher spent reconciles: the tenders add up to the tickets, the
// liabilities to the ledgers (summed here on their own), and each card's balance to what was
// sold less what was spent, expired and cancelled.
import { beforeAll, describe, expect, it } from 'vitest';
import { closeTill, openTill, type Till } from '../../app/till';
import { loadConfig } from '../../config/load';
import { sellGiftCard } from '../../testing/giftCards';
import { ledgerMismatches } from '../../testing/ledgers';
import { useCli } from '../testCli';

const BORDEAUX = 'CAVE-001'; // 8,99 € at 20 %

/** The day and hour it is in Paris, as the shop's reports count them. */
function paris(now = new Date()) {
  const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' }).format(now));
  return { day, hour };
}

describe('pos report', () => {
  const { db, pos } = useCli();
  async function withShop<T>(work: (till: Till) => Promise<T>): Promise<T> {
    const till = await openTill(loadConfig({ root: '/nonexistent', env: { DATABASE_URL: db().url } }));
    try {
      return await work(till);
    } finally {
      await closeTill(till);
    }
  }
  const json = async (...args: string[]) => {
    const r = await pos('report', ...args, '--json');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(r.stdout);
  };

  it('prints zeros for a period without a sale, as text, JSON and CSV', async () => {
    const text = await pos('report', 'sales', '--from', '01/01/2020', '--to', '2020-01-31');
    expect(text).toMatchObject({ code: 0, stderr: '' });
    const lines = text.stdout.split('\n');
    expect(lines[0]).toBe('Ventes du 01/01/2020 au 31/01/2020');
    expect(text.stdout).toMatch(/Tickets\s+0\n/);
    expect(text.stdout).toMatch(/Total encaissé \(TTC\)\s+0,00 €/);
    expect(text.stdout).toContain('Aucune vente sur la période');
    expect(await json('sales', '--from', '2020-01-01', '--to', '2020-01-31')).toMatchObject({ tickets: 0, total_cents: 0, gift_card_cents: 0, vatable_cents: 0, items: [], groups: [] });
    const pay = await json('payments', '--from', '2020-01-01', '--to', '2020-01-31');
    expect(pay.tenders.map((x: { kind: string; count: number; cents: number }) => [x.kind, x.count, x.cents])).toEqual(
      [['cash', 0, 0], ['card', 0, 0], ['voucher', 0, 0], ['gift_card', 0, 0], ['giftcert', 0, 0], ['account', 0, 0]]);
    const payText = (await pos('report', 'payments', '--from', '2020-01-01', '--to', '2020-01-31')).stdout;
    expect(payText).toMatch(/Chèque-cadeau web\s+0\s+0,00 €/);
    expect(payText).toMatch(/Total des tickets \(0\)\s+0,00 €/);
    const liab = await json('liabilities', '--to', '31/01/2020');
    expect(liab.gift_cards).toMatchObject({ count: 0, outstanding_cents: 0, expired_cents: 0 });
    expect(liab.gift_cards.ageing).toEqual([{ months: '0-3', count: 0, cents: 0 }, { months: '3-6', count: 0, cents: 0 }, { months: '6-12', count: 0, cents: 0 }, { months: '12+', count: 0, cents: 0 }]);
    expect((await pos('report', 'giftcards', '--from', '2020-01-01', '--to', '2020-01-31')).stdout).toContain('Aucune carte cadeau active ou utilisée sur la période');
    const csv = await pos('report', 'payments', '--from', '2020-01-01', '--to', '2020-01-31', '--csv');
    expect(csv.stdout.split('\r\n')).toEqual(['tender,count,amount', 'cash,0,0.00', 'card,0,0.00', 'voucher,0,0.00', 'gift_card,0,0.00', 'giftcert,0,0.00', 'account,0,0.00', 'total,0,0.00', 'tickets,0,0.00', '']);
  });

  it('refuses a bad day, a period backwards, an unknown store or report, and --json with --csv: exit 1, one line', async () => {
    expect(await pos('report', 'sales', '--from', 'hier')).toEqual({ code: 1, stdout: '', stderr: 'Date invalide : « hier » (attendu : JJ/MM/AAAA ou AAAA-MM-JJ)\n' });
    expect(await pos('report', 'payments', '--from', '02/02/2026', '--to', '01/02/2026')).toEqual({ code: 1, stdout: '', stderr: 'Période à l’envers : du 02/02/2026 au 01/02/2026\n' });
    expect(await pos('report', 'liabilities', '--to', '31/02/2026')).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('31/02/2026') });
    expect(await pos('report', 'sales', '--store', 'ZZ9')).toEqual({ code: 1, stdout: '', stderr: 'Magasin inconnu : ZZ9\n' });
    expect(await pos('report', 'sales', '--json', '--csv')).toEqual({ code: 1, stdout: '', stderr: 'Choisissez --json ou --csv, pas les deux\n' });
    expect(await pos('report', 'sales', '--from', 'yesterday', '--lang', 'en')).toMatchObject({ code: 1, stdout: '', stderr: 'Invalid date: “yesterday” (expected: DD/MM/YYYY or YYYY-MM-DD)\n' });
  });

  describe('a day of sales with gift cards, vouchers and a return', () => {
    const { day, hour } = paris();
    let card = '';
    let lapsed = '';
    const payments = () => json('payments', '--from', day, '--to', day);
    beforeAll(async () => {
      // A card sold (50 €, paid by bank card) and spent in part on a second ticket with cash.
      card = await withShop((till) => sellGiftCard(till, 50_00));
      const spend = await pos('sale', 'create', '--operator', '1', '--line', `${BORDEAUX}:2`, '--tender', `gift_card:${card}:10`, '--tender', 'cash:10', '--json');
      expect(spend).toMatchObject({ code: 0 });
      expect(JSON.parse(spend.stdout).sale.change_cents).toBe(2_02);
      // A return refunded onto a store-credit voucher, which is then spent in part.
      const back = await pos('sale', 'create', '--operator', '2', '--line', `${BORDEAUX}:-1`, '--tender', 'voucher:8.99', '--json');
      expect(back).toMatchObject({ code: 0, stderr: '' });
      const voucher = JSON.parse(back.stdout).sale.tenders[0].ref as string;
      expect(await pos('sale', 'create', '--operator', '1', '--line', 'BOUL-001:4', '--tender', `voucher:${voucher}:5`, '--tender', 'card:0.20')).toMatchObject({ code: 0 });
      // One card sold four months ago, one sold eight months ago and now past its last day: the expiry run writes it off today.
      const older = await withShop((till) => sellGiftCard(till, 20_00));
      lapsed = await withShop((till) => sellGiftCard(till, 7_00));
      await db().owner.raw("UPDATE gift_cards SET created_at = now() - interval '4 months' WHERE code = ?", [older]);
      await db().owner.raw("UPDATE gift_cards SET created_at = now() - interval '8 months', expires_on = current_date - 1, expires_at = now() - interval '1 day' WHERE code = ?", [lapsed]);
      expect(await pos('giftcard', 'expire', '--operator', '1')).toMatchObject({ code: 0 });
    }, 180_000);

    it('payments: by tender, cash less the change; they add up to the tickets', async () => {
      const pay = await json('payments', '--from', day, '--to', day);
      const tenders = Object.fromEntries(pay.tenders.map((x: { kind: string; count: number; cents: number }) => [x.kind, [x.count, x.cents]]));
      expect(tenders).toEqual({ cash: [1, 10_00 - 2_02], card: [4, 50_00 + 20_00 + 7_00 + 20], voucher: [2, -8_99 + 5_00], gift_card: [1, 10_00], giftcert: [0, 0], account: [0, 0] });
      expect(pay.paid_cents).toBe(pay.tickets_cents);
      expect(pay.tickets).toBe(6);
      const tickets = await db().db.raw("SELECT count(*)::int AS n, sum(total_cents)::bigint AS cents FROM sales WHERE (created_at AT TIME ZONE 'Europe/Paris')::date = ?::date", [day]);
      expect([pay.tickets, pay.tickets_cents]).toEqual([tickets.rows[0].n, Number(tickets.rows[0].cents)]);
      expect((await pos('report', 'payments', '--from', day, '--to', day)).stdout).toMatch(/Carte cadeau\s+1\s+10,00 €/);
    });

    it('sales: by item, group, hour of the shop (Paris) and day; gift cards sold apart from VAT-able revenue', async () => {
      const pay = await payments();
      const sales = await json('sales', '--from', day, '--to', day);
      expect(sales).toMatchObject({ tickets: 6, total_cents: pay.tickets_cents, gift_cards: 3, gift_card_cents: 77_00, vatable_cents: pay.tickets_cents - 77_00 });
      expect(sales.items).toContainEqual({ sku: 'CADEAU', name: 'Carte cadeau', qty: 3, cents: 77_00, gift_card: true });
      expect(sales.items).toContainEqual({ sku: BORDEAUX, name: expect.any(String), qty: 1, cents: 8_99, gift_card: false });
      expect(sales.groups).toContainEqual({ code: 'gift_cards', name: null, qty: 3, cents: 77_00 });
      expect(sales.items.reduce((s: number, i: { cents: number }) => s + i.cents, 0)).toBe(sales.total_cents);
      expect(sales.groups.reduce((s: number, g: { cents: number }) => s + g.cents, 0)).toBe(sales.total_cents);
      expect(sales.vat.reduce((s: number, v: { gross_cents: number }) => s + v.gross_cents, 0)).toBe(sales.vatable_cents);
      // Hours of the shop's clock (Paris), not the server's UTC.
      expect(sales.hours[hour]).toEqual({ hour, tickets: 6, cents: sales.total_cents });
      expect(sales.hours.reduce((s: number, h: { tickets: number }) => s + h.tickets, 0)).toBe(6);
      expect(sales.days).toEqual([{ day, tickets: 6, cents: sales.total_cents }]);
      const text = (await pos('report', 'sales', '--from', day, '--to', day)).stdout;
      expect(text).toMatch(/dont cartes cadeaux vendues \(3\), hors TVA\s+77,00 €/);
      expect(text).toMatch(/Carte cadeau \(Cartes cadeaux \(hors TVA\)\)\s+3\s+77,00 €/);
      expect(text).toMatch(new RegExp(`${String(hour).padStart(2, '0')}h–${String(hour + 1).padStart(2, '0')}h\\s+6\\s`));
    });

    it('liabilities: from the ledgers, by age, with what expired in the period; nothing as of the day before', async () => {
      const liab = await json('liabilities', '--from', day, '--to', day);
      const ledger = async (table: string) => Number((await db().db.raw(`SELECT coalesce(sum(amount_cents), 0)::bigint AS s FROM ${table}`)).rows[0].s);
      expect(liab.gift_cards).toMatchObject({ count: 2, outstanding_cents: 40_00 + 20_00, expired_count: 1, expired_cents: 7_00, past_expiry_cents: 0 });
      expect(liab.gift_cards.outstanding_cents).toBe(await ledger('gift_card_movements'));
      expect(liab.gift_cards.ageing).toEqual([{ months: '0-3', count: 1, cents: 40_00 }, { months: '3-6', count: 1, cents: 20_00 }, { months: '6-12', count: 0, cents: 0 }, { months: '12+', count: 0, cents: 0 }]);
      expect(liab.vouchers).toMatchObject({ count: 1, outstanding_cents: 3_99, expired_cents: 0 });
      expect(liab.vouchers.outstanding_cents).toBe(await ledger('voucher_movements'));
      expect(await ledgerMismatches(db().db)).toEqual([]);
      // As of the day before, nothing was owed yet (the cards were sold today), and nothing expired.
      const yesterday = new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      const before = await json('liabilities', '--to', yesterday);
      expect([before.gift_cards.outstanding_cents, before.vouchers.outstanding_cents, before.gift_cards.expired_cents]).toEqual([0, 0, 0]);
    });

    it('giftcards: each card and the total, sold − spent − expired − cancelled = balance = the liabilities', async () => {
      const liab = await json('liabilities', '--from', day, '--to', day);
      const cards = await json('giftcards', '--from', day, '--to', day);
      for (const c of cards.cards) expect(c.sold_cents + c.refunded_cents - c.spent_cents - c.expired_cents - c.cancelled_cents).toBe(c.balance_cents);
      expect(cards.cards.find((c: { code: string }) => c.code === card)).toMatchObject({ sold_cents: 50_00, spent_cents: 10_00, expired_cents: 0, balance_cents: 40_00 });
      expect(cards.cards.find((c: { code: string }) => c.code === lapsed)).toMatchObject({ sold_cents: 7_00, spent_cents: 0, expired_cents: 7_00, balance_cents: 0 });
      const t = cards.totals;
      expect(t).toMatchObject({ cards: 3, sold_cents: 77_00, spent_cents: 10_00, expired_cents: 7_00 });
      expect(t.sold_cents + t.refunded_cents - t.spent_cents - t.expired_cents - t.cancelled_cents).toBe(t.balance_cents);
      expect(t.balance_cents).toBe(liab.gift_cards.outstanding_cents);
    });

    it('one store, one till', async () => {
      const pay = await payments();
      // One store, one till: the same figures here (every sale was T01's, in M01); another till sold nothing.
      expect((await json('payments', '--from', day, '--to', day, '--store', 'm01')).paid_cents).toBe(pay.paid_cents);
      expect((await pos('--terminal', 'T01', 'report', 'payments', '--from', day, '--to', day, '--json')).stdout).toContain(`"paid_cents": ${pay.paid_cents}`);
      expect(JSON.parse((await pos('--terminal', 'T02', 'report', 'payments', '--from', day, '--to', day, '--json')).stdout)).toMatchObject({ terminal: 'T02', tickets: 0, paid_cents: 0 });
    });
  });
});
