import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spoolFolder, spoolSale } from '../app/spool';
import { useTestDatabase } from '../testing/db';
import { saleRequest, terminal } from '../testing/fixtures';
import { cuttableLink } from '../testing/proxy';
import { useTillScreens, type TillScreen } from '../testing/tillScreen';
import { openTill } from '../app/till';
import { KEYS, testConfig } from '../testing/tui';
import { until } from '../testing/until';

const BAGUETTE = '3760000000017';
const CROISSANT = '3760000000062';

describe('the till on screen', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();

  it('signs in, sells scanned items and takes cash with change', async () => {
    const { db, url } = testDb();
    const config = testConfig(url);
    const s = start(config);
    await s.signIn();
    await s.frame((f) => f.includes('Camille') && f.includes('TOTAL'));

    // A keyboard-wedge scanner: the code and its CR in one chunk.
    await s.type(`${BAGUETTE}\r`);
    await s.frame((f) => f.includes('Baguette tradition') && f.includes('1,30 €'));
    // Quantity prefix, then a scan.
    await s.type('3*\r');
    await s.frame((f) => f.includes('Quantité 3'));
    await s.type(`${CROISSANT}\r`);
    await s.frame((f) => f.includes('Croissant') && f.includes('3,60 €') && f.includes('4,90 €'));

    await s.type(KEYS.f12);
    await s.frame((f) => f.includes('Encaissement') && f.includes('Reste à payer'));
    await s.type('20\r');
    await s.frame((f) => f.includes('RENDU MONNAIE') && f.includes('15,10 €'));
    await s.type('\r');
    const done = await s.frame((f) => f.includes('enregistré'));
    expect(done).toMatch(/Ticket T01-0000\d\d enregistré · RENDU 15,10 €/);

    const [sale] = await db('sales').orderBy('id', 'desc').limit(1);
    expect(sale.total_cents).toBe(490);
    expect(sale.change_cents).toBe(1510);
    expect(await db('sale_lines').where('sale_id', sale.id).orderBy('line_no').pluck('qty')).toEqual([1, 3]);
    // The receipt is printed after the commit, through a queue: waited for, not read at once.
    await until(() => { try { return readFileSync(config.receipt.file, 'utf8').includes(`Ticket ${done.match(/T01-\d{6}/)![0]}`); } catch { return false; } }, 'this sale\'s receipt on paper');
    expect(readFileSync(config.receipt.file, 'utf8')).toContain('Croissant');
    s.ui.unmount();
  });

  it('refuses bad input with a message and a bell, leaving the basket as it was', async () => {
    const { url } = testDb();
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn();
    await s.type(`${BAGUETTE}\r`);
    await s.frame((f) => f.includes('Baguette tradition'));
    await s.type('3760000009997\r');
    await s.frame((f) => f.includes('Article inconnu : 3760000009997'));
    await s.type('3760000000018\r');
    await s.frame((f) => f.includes('clé de contrôle'));
    await s.type('0*\r');
    await s.frame((f) => f.includes('Quantité nulle'));
    await s.type('abc*\r');
    await s.frame((f) => f.includes('Quantité invalide'));
    await s.type('10000*\r');
    const last = await s.frame((f) => f.includes('9999 au plus'));
    expect(s.bells()).toBe(5);
    expect(last).toContain('1 art.');
    expect(last).toMatch(/TOTAL\s+1,30 €/);
    s.ui.unmount();
  });

  it('edits the basket: quantity, void, manager-approved price and discount, a return, cancel', async () => {
    const { db, url } = testDb();
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn();
    await s.type(`${BAGUETTE}\r`);
    await s.type('CAVE-001\r');
    await s.frame((f) => f.includes('Bordeaux rouge'));
    // F3 on the selected (last) line: quantity 2.
    await s.type(KEYS.f3);
    await s.type('2\r');
    await s.frame((f) => /Bordeaux rouge 75 cl\s+2\s+8,99 €\s+17,98 €/.test(f));
    // F5: a cashier needs a manager; the cashier's own PIN is refused.
    await s.type(KEYS.f5);
    await s.frame((f) => f.includes('Responsable (prix)'));
    await s.type('1\r1234\r');
    await s.frame((f) => f.includes('Camille n’est pas responsable'));
    await s.type('2\r9999\r');
    await s.frame((f) => f.includes('Nouveau prix unitaire'));
    await s.type('7,50\r');
    await s.frame((f) => /Bordeaux rouge 75 cl \(prix modifié\)\s+2\s+7,50 €\s+15,00 €/.test(f));
    // F6 on the baguette: 10 % off.
    await s.type(KEYS.up + KEYS.f6);
    await s.type('2\r9999\r');
    await s.frame((f) => f.includes('Remise : « 10% »'));
    await s.type('10%\r');
    await s.frame((f) => /Baguette tradition \(remise\)\s+1\s+1,30 €\s+1,17 €/.test(f));
    // A returned item, then void it.
    await s.type(`-1*${CROISSANT}\r`);
    await s.frame((f) => /Croissant\s+-1\s+1,20 €\s+-1,20 €/.test(f));
    await s.type(KEYS.f4);
    await s.frame((f) => f.includes('Ligne annulée : Croissant') && !/Croissant\s+-1/.test(f));
    // Quitting with an open ticket is refused; F8 cancels it after confirmation, with an audit line.
    await s.type('\x11');
    await s.frame((f) => f.includes('Un ticket est en cours'));
    await s.type(KEYS.f8);
    await s.frame((f) => f.includes('Annuler tout le ticket'));
    await s.type('\r');
    await s.frame((f) => f.includes('Ticket annulé') && f.includes('0 art.'));
    await new Promise((r) => setTimeout(r, 100));
    const [audit] = await db('audit_log').where('action', 'sale_cancelled').orderBy('id', 'desc').limit(1);
    expect(audit.details.total_cents).toBe(1500 + 117);
    s.ui.unmount();
  });

  it('pays out a refund and keeps the payment screen until the ticket is settled', async () => {
    const { db, url } = testDb();
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn();
    await s.type(`${CROISSANT}\r`);
    await s.frame((f) => f.includes('Croissant'));
    await s.type(KEYS.f12);
    await s.frame((f) => f.includes('Reste à payer'));
    await s.type('0,50\r');
    await s.frame((f) => /Reste à payer\s+0,70 €/.test(f));
    await s.type('\r'); // nothing typed: the exact rest in cash
    await s.frame((f) => f.includes('Réglé'));
    await s.type('\r');
    await s.frame((f) => f.includes('enregistré'));

    await s.type(`-2*${CROISSANT}\r`);
    await s.frame((f) => f.includes('À REMBOURSER'));
    await s.type(KEYS.f12);
    await s.frame((f) => f.includes('Remboursement') && f.includes('Reste à rendre'));
    await s.type('5\r');
    await s.frame((f) => f.includes('Montant supérieur au reste dû (2,40 €)'));
    await s.type('\r\r');
    await s.frame((f) => f.includes('enregistré'));
    const [refund] = await db('sales').orderBy('id', 'desc').limit(1);
    expect(refund.total_cents).toBe(-240);
    expect(await db('sale_tenders').where('sale_id', refund.id).pluck('amount_cents')).toEqual([-240]);
    s.ui.unmount();
  });

  it('finds an item by name and splits the payment between card and cash', async () => {
    const { db, url } = testDb();
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn();
    await s.type('pain de\r');
    const found = await s.frame((f) => f.includes('Articles trouvés pour « pain de »') && f.includes('Pain de mie'));
    // Several matches: a choice to make, not an item added at once; ↓ then Enter takes the second.
    const matches = found.split('\n').map((l) => /Pain de [^\d€]*?(?=\s{2,}|\s+\d|$)/.exec(l.trim())?.[0]?.trim()).filter(Boolean);
    expect(matches.length).toBeGreaterThan(1);
    await s.type(KEYS.down + '\r');
    const sold = await s.frame((f) => !f.includes('Articles trouvés') && /TOTAL\s+\d+,\d\d €/.test(f));
    const total = /TOTAL\s+(\d+),(\d\d) €/.exec(sold)!;
    const cents = Number(total[1]) * 100 + Number(total[2]);
    await s.type(KEYS.f12);
    await s.frame((f) => f.includes('Reste à payer'));
    await s.type('1' + KEYS.f3); // 1 € on the card terminal
    await s.frame((f) => f.includes('Reste à payer') && /Carte\s+1,00 €/.test(f) && !f.includes('Réglé'));
    await s.type('\r'); // the rest in cash, exactly
    await s.frame((f) => f.includes('Réglé'));
    await s.type('\r');
    await s.frame((f) => f.includes('enregistré'));
    const [sale] = await db('sales').orderBy('id', 'desc').limit(1);
    expect(sale.total_cents).toBe(cents);
    const [line] = await db('sale_lines').where('sale_id', sale.id);
    expect(line.name).toBe(matches[1]);
    expect(await db('sale_tenders').where('sale_id', sale.id).orderBy('seq').select('kind', 'amount_cents')).toEqual([
      { kind: 'card', amount_cents: 100 },
      { kind: 'cash', amount_cents: cents - 100 },
    ]);
    s.ui.unmount();
  });

  it('shows the keys on F1 and closes with Esc', async () => {
    const { url } = testDb();
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn();
    await s.frame((f) => f.includes('TOTAL'));
    await s.type(KEYS.f1);
    const help = await s.frame((f) => f.includes('Aide : touches'));
    expect(help).toMatch(/F12, Ctrl\+T\s+Encaisser/);
    await s.type(KEYS.esc);
    await s.frame((f) => f.includes('TOTAL') && !f.includes('Aide : touches'));
    s.ui.unmount();
  });

  it('keeps a paid sale through a lost connection and writes it once when the database is back', async () => {
    const { db, url } = testDb();
    const target = new URL(url);
    const link = await cuttableLink(Number(target.port));
    target.port = String(link.port);
    const config = testConfig(target.toString(), { POS_RECEIPT_OUTPUT: 'none', POS_DB_CONNECT_TIMEOUT_MS: '500' });
    const s = start(config);
    try {
      await s.signIn();
      await s.type(`${BAGUETTE}\r`);
      await s.frame((f) => f.includes('Baguette tradition'));
      await s.type(KEYS.f12);
      await s.type('\r');
      await s.frame((f) => f.includes('Réglé'));

      link.cut();
      // Enter: the commit fails, the sale waits on screen and on disk, and is retried.
      await s.type('\r');
      await s.frame((f) => f.includes('le ticket sera enregistré dès son retour') && f.includes('BASE INJOIGNABLE'));
      const spooled = readdirSync(join(config.dataDir, 'spool', 'T01'));
      expect(spooled).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 1000)); // a few failed retries
      link.mend();
      await s.frame((f) => /Ticket T01-\d+ enregistré/.test(f) && f.includes('base OK'));
      const key = spooled[0]!.replace(/\.json$/, '');
      expect(await db('sales').where('idempotency_key', key)).toHaveLength(1);
      expect(readdirSync(join(config.dataDir, 'spool', 'T01'))).toEqual([]);
    } finally {
      s.ui.unmount();
      await link.close();
    }
  });

  it('says at start which server cannot be reached, password masked, and opens once it answers', async () => {
    const { url } = testDb();
    const target = new URL(url);
    const link = await cuttableLink(Number(target.port));
    link.cut();
    target.port = String(link.port);
    target.password = 'secret';
    target.username = 'pos';
    const masked = start(testConfig(target.toString(), { POS_RECEIPT_OUTPUT: 'none', POS_DB_CONNECT_TIMEOUT_MS: '300' }));
    const real = new URL(url);
    real.port = String(link.port);
    const s = start(testConfig(real.toString(), { POS_RECEIPT_OUTPUT: 'none', POS_DB_CONNECT_TIMEOUT_MS: '300' }));
    try {
      const down = await masked.frame((f) => f.includes('Base de données injoignable'));
      expect(down).toContain(`postgres://pos:***@127.0.0.1:${link.port}/`);
      expect(down).not.toContain('secret');
      expect(down).toContain('BASE INJOIGNABLE');
      expect(down).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
      await s.frame((f) => f.includes('Base de données injoignable'));
      link.mend();
      await s.frame((f) => f.includes('base OK') && f.includes('Épicerie du Centre'));
    } finally {
      masked.ui.unmount();
      s.ui.unmount();
      await link.close();
    }
  });

  it('reprints the last ticket as a duplicate, and speaks English when configured to', async () => {
    const { url } = testDb();
    const config = testConfig(url, { POS_LANG: 'en' });
    const s = start(config);
    await s.frame((f) => f.includes('database OK') && f.includes('Sign in'));
    await s.type('1\r1234\r');
    await s.frame((f) => f.includes('Hello') || f.includes('TOTAL'));
    await s.type(`${BAGUETTE}\r`);
    await s.frame((f) => f.includes('€1.30'));
    await s.type(KEYS.f12);
    await s.type('\r\r');
    await s.frame((f) => /Ticket T01-\d+ saved/.test(f));
    await s.type(KEYS.f9);
    await s.frame((f) => /Ticket T01-\d+ reprinted \(duplicate\)/.test(f));
    const receipts = readFileSync(config.receipt.file, 'utf8').split('\f');
    expect(receipts.at(-2)).toContain('*** DUPLICATE no. 1 ***');
    expect(receipts.at(-3)).not.toContain('DUPLICATE');
    s.ui.unmount();
  });

  it('keeps the basket when a scan finds the database gone', async () => {
    const { url } = testDb();
    const target = new URL(url);
    const link = await cuttableLink(Number(target.port));
    target.port = String(link.port);
    const s = start(testConfig(target.toString(), { POS_RECEIPT_OUTPUT: 'none', POS_DB_CONNECT_TIMEOUT_MS: '300' }));
    try {
      await s.signIn();
      await s.type(`${BAGUETTE}\r`);
      await s.frame((f) => f.includes('Baguette tradition'));
      link.cut();
      await s.type(`${CROISSANT}\r`);
      const down = await s.frame((f) => f.includes('rien n’est perdu') && f.includes('BASE INJOIGNABLE'));
      expect(down).toMatch(/TOTAL\s+1,30 €/);
      link.mend();
      await s.type(`${CROISSANT}\r`);
      await s.frame((f) => /TOTAL\s+2,50 €/.test(f) && f.includes('base OK'));
    } finally {
      s.ui.unmount();
      await link.close();
    }
  });

  it('sends the paid sales left on disk while the till runs, not only at its opening: counted on the status bar while the server is away, committed and printed once it is back', async () => {
    const { db, url } = testDb();
    const target = new URL(url);
    const link = await cuttableLink(Number(target.port));
    target.port = String(link.port);
    const config = testConfig(target.toString(), { POS_DB_CONNECT_TIMEOUT_MS: '300' });
    const t01 = await terminal(db);
    const reqs = [await saleRequest(db, { terminal: t01, lines: [[BAGUETTE, 1]] }), await saleRequest(db, { terminal: t01, lines: [[CROISSANT, 2]] })];
    for (const req of reqs) await spoolSale(spoolFolder(config.dataDir, 'T01'), req);
    const keys = reqs.map((r) => r.basket.key);
    // The server goes away just as the till has opened: the first replay finds it gone.
    const s: TillScreen = start(config, {
      open: async () => {
        const t = await openTill(config);
        s.tills.push(t);
        link.cut();
        return t;
      },
    });
    try {
      const bar = (f: string) => f.split('\n')[0]!;
      await s.frame((f) => bar(f).includes('BASE INJOIGNABLE · 2 ventes en attente'));
      expect(await db('sales').whereIn('idempotency_key', keys)).toEqual([]);
      link.mend();
      await s.frame((f) => bar(f).includes('base OK') && !bar(f).includes('en attente') && f.includes('2 ventes en attente enregistrées'));
      const sales = await db('sales').whereIn('idempotency_key', keys).orderBy('ticket_no');
      expect(sales).toHaveLength(2);
      expect(readdirSync(spoolFolder(config.dataDir, 'T01'))).toEqual([]);
      // Paid, so printed on this till, each once (waited for as closing the till would).
      await Promise.all([...s.tills[0]!.finishing].map((settled) => settled()));
      const paper = readFileSync(config.receipt.file, 'utf8');
      for (const sale of sales) expect(paper.split(`Ticket T01-${String(sale.ticket_no).padStart(6, '0')} `)).toHaveLength(2);
      expect(await db('print_jobs').whereIn('sale_id', sales.map((x) => x.id))).toMatchObject([{ state: 'printed' }, { state: 'printed' }]);
    } finally {
      s.ui.unmount();
      await link.close();
    }
  });

  it('says at start that a paid sale left by a crash was refused by the database, and sends the good ones', async () => {
    const { db, url } = testDb();
    const config = testConfig(url, { POS_RECEIPT_OUTPUT: 'none' });
    const t01 = await terminal(db);
    const dir = spoolFolder(config.dataDir, 'T01');
    await spoolSale(dir, await saleRequest(db, { terminal: t01, lines: [[BAGUETTE, 1]] }));
    const bad = await saleRequest(db, { terminal: t01, lines: [[CROISSANT, 1]] });
    bad.basket.lines[0]!.item = { ...bad.basket.lines[0]!.item, id: 999_999 };
    await spoolSale(dir, bad);
    const s = start(config);
    await s.frame((f) => f.includes('1 vente payée en attente refusée par la base'));
    expect(readdirSync(dir).sort()).toEqual([`${bad.basket.key}.json.rejected`]);
    s.ui.unmount();
  });
});
