import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSale } from '../../app/createSale';
import { closeTill, openTill } from '../../app/till';
import { loadConfig } from '../../config/load';
import { ticketLabel } from '../../domain/sale';
import { runCli, useCli } from '../testCli';

const BAGUETTE = '3760000000017'; // BOUL-001, 1,30 € at 5,5 %
const BORDEAUX = 'CAVE-001'; // 8,99 € at 20 %

describe('pos sale', () => {
  const { db, root, pos } = useCli();
  const salesCount = async () => Number((await db().db('sales').count<{ n: string }[]>({ n: '*' }))[0]!.n);

  it('create --json: cash with change, receipt printed to the configured file', async () => {
    const r = await pos('sale', 'create', '--operator', '1', '--line', `${BAGUETTE}:3`, '--line', BORDEAUX, '--tender', 'cash:20', '--json');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const { created, printed, sale } = JSON.parse(r.stdout);
    expect({ created, printed }).toEqual({ created: true, printed: true });
    expect(sale).toMatchObject({ terminal: 'T01', operator: '1', total_cents: 1289, change_cents: 711, tenders: [{ kind: 'cash', amount_cents: 2000 }] });
    expect(sale.ticket).toBe(`T01-${String(sale.ticket_no).padStart(6, '0')}`);
    expect(sale.lines.map((l: { sku: string; qty: number; total_cents: number }) => [l.sku, l.qty, l.total_cents])).toEqual([['BOUL-001', 3, 390], ['CAVE-001', 1, 899]]);
    expect(await db().db('sales').where({ idempotency_key: sale.key, ticket_no: sale.ticket_no })).toHaveLength(1);
    const paper = await readFile(join(root(), '.pos', 'receipts.txt'), 'utf8');
    expect(paper).toContain(`Ticket ${sale.ticket}`);
    expect(paper).toContain('12,89 €');
  });

  it('create: card and cash split, in readable French', async () => {
    const r = await pos('sale', 'create', '--operator', '1', '--line', 'boul-001:3', '--line', `${BORDEAUX}:1`, '--tender', 'card:5', '--tender', 'cash:7,89');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    // The file's other sales (any order) may have taken the last baguettes: the stock warning then follows.
    expect(r.stdout).toMatch(/^Ticket T01-\d{6} enregistré : total 12,89 €\n(Stock négatif : [^\n]*\n)?$/);
  });

  it('create: a receipt configured for the console comes on stdout, but never inside --json', async () => {
    const env = { DATABASE_URL: db().url, POS_RECEIPT_OUTPUT: 'console' };
    const args = ['sale', 'create', '--operator', '1', '--line', BAGUETTE, '--tender', 'cash:1.30'];
    const text = await runCli(root(), env, args);
    expect(text).toMatchObject({ code: 0, stderr: '' });
    // The file's other sales (any order) may have taken the last baguettes: the stock warning then follows.
    expect(text.stdout).toMatch(/Épicerie du Centre[^]*TOTAL TTC[^]*1,30 €[^]*\nTicket T01-\d{6} enregistré : total 1,30 €\n(Stock négatif : Baguette tradition passe à -\d+, à recompter ou à commander\n)?$/);
    const json = await runCli(root(), env, [...args, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ created: true, printed: false });
  });

  it('create: a printer failure keeps the sale and its print job, and names the command that prints it', async () => {
    await writeFile(join(root(), 'not-a-folder'), '');
    const env = { DATABASE_URL: db().url, POS_RECEIPT_FILE: join(root(), 'not-a-folder', 'receipts.txt') };
    const r = await runCli(root(), env, ['sale', 'create', '--operator', '1', '--line', BAGUETTE, '--tender', 'cash:2', '--json']);
    expect(r.code).toBe(0);
    const { printed, sale } = JSON.parse(r.stdout);
    expect(printed).toBe(false);
    const job = await db().db('print_jobs').where('title', sale.ticket).first();
    expect(job).toMatchObject({ state: 'failed' });
    expect(r.stderr).toMatch(new RegExp(`^Ticket ${sale.ticket} enregistré mais non imprimé \\(.*not-a-folder.*\\) : « pos devices print ${job.id} » pour l’imprimer\n$`));
  });

  it('create: a refund (net negative) pays out the amount typed positive', async () => {
    const r = await pos('--json', 'sale', 'create', '--operator', '2', '--line', `${BORDEAUX}:-1`, '--tender', 'cash:8.99');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).sale).toMatchObject({ total_cents: -899, change_cents: 0, tenders: [{ kind: 'cash', amount_cents: -899 }] });
  });

  it('refuses bad input with exit 1 and one line on stderr, writing no sale', async () => {
    const before = await salesCount();
    const refusals: [string[], string][] = [
      [['--line', BORDEAUX, '--tender', 'cash:5'], 'Paiement incomplet : il reste 3,99 € à encaisser'],
      [['--line', BORDEAUX, '--tender', 'card:5', '--tender', 'card:5'], 'Montant supérieur au reste dû (3,99 €)'],
      [['--line', '3760000099996', '--tender', 'cash:5'], 'Article inconnu : 3760000099996'],
      [['--line', 'NOPE-9'], 'Article inconnu : NOPE-9'],
      [['--line', `${BAGUETTE}:0`], 'Quantité nulle refusée'],
      [['--line', `${BAGUETTE}:2.5`], 'Quantité invalide : un nombre entier est attendu'],
      [['--line', `${BAGUETTE}:10000`], 'Quantité trop grande (9999 au plus)'],
      [['--line', BAGUETTE, '--tender', 'cash:12.345'], 'Montant invalide : « 12.345 » (exemple : 12,50)'],
      [['--line', BAGUETTE, '--tender', 'cheque:5'], 'Paiement invalide : « cheque:5 » (attendu : cash:12,50 ou card:12,50)'],
      [['--line', ':3'], 'Ligne invalide : « :3 » (attendu : CODE ou CODE:QUANTITÉ)'],
    ];
    for (const [args, message] of refusals) {
      const r = await pos('sale', 'create', '--operator', '1', ...args);
      expect({ args, ...r }).toEqual({ args, code: 1, stdout: '', stderr: message + '\n' });
    }
    expect(await salesCount()).toBe(before);
  });

  it('refuses in English with --lang en', async () => {
    const r = await pos('--lang', 'en', 'sale', 'create', '--operator', '1', '--line', BORDEAUX, '--tender', 'cash:5', '--json');
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'Payment incomplete: €3.99 still due\n' });
  });

  it('create --key: a retry returns the same ticket, another sale under that key is refused', async () => {
    const args = ['sale', 'create', '--operator', '1', '--line', BAGUETTE, '--tender', 'cash:2', '--key', 'retry-1', '--json'];
    const first = JSON.parse((await pos(...args)).stdout);
    const again = await pos(...args);
    expect(again.code).toBe(0);
    const second = JSON.parse(again.stdout);
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ created: false, printed: false, sale: { ticket: first.sale.ticket, key: 'retry-1' } });
    expect(await db().db('sales').where('idempotency_key', 'retry-1')).toHaveLength(1);
    const text = await pos(...args.slice(0, -1));
    expect(text.stdout).toBe(`Ticket ${first.sale.ticket} déjà enregistré sous cette clé : rien de nouveau n’a été enregistré\nRendu : 0,70 €\n`);
    const other = await pos('sale', 'create', '--operator', '1', '--line', BORDEAUX, '--tender', 'cash:10', '--key', 'retry-1');
    expect(other).toMatchObject({ code: 1, stderr: 'La clé retry-1 a déjà servi pour une autre vente\n' });
  });

  it('create --key: the retry of a run that died between its commit and its printer prints the receipt the sale owes, once', async () => {
    const key = 'died-before-print';
    // The first run: committed, then gone before anything was printed.
    const till = await openTill(loadConfig({ root: root(), env: { DATABASE_URL: db().url } }));
    let ticket: string;
    try {
      const { sale } = await createSale(till, { operatorCode: '1', operatorPin: '1234', lines: [{ code: BAGUETTE, qty: 1 }], tenders: [{ kind: 'cash', cents: 200 }], key });
      ticket = ticketLabel(sale.terminalCode, sale.ticketNo);
    } finally {
      await closeTill(till);
    }
    const copies = async () => (await readFile(join(root(), '.pos', 'receipts.txt'), 'utf8').catch(() => '')).split(`Ticket ${ticket} `).length - 1;
    expect(await copies()).toBe(0);
    const args = ['sale', 'create', '--operator', '1', '--line', BAGUETTE, '--tender', 'cash:2', '--key', key, '--json'];
    expect(JSON.parse((await pos(...args)).stdout)).toMatchObject({ created: false, printed: true, sale: { ticket } });
    expect(await copies()).toBe(1);
    expect(JSON.parse((await pos(...args)).stdout)).toMatchObject({ created: false, printed: false, sale: { ticket } });
    expect(await copies()).toBe(1);
    expect(await db().db('print_jobs').where('title', ticket)).toMatchObject([{ kind: 'receipt', state: 'printed', attempts: 1 }]);
  });

  it('create --terminal T02 numbers on that till; an unknown till is refused', async () => {
    const r = await pos('sale', 'create', '--terminal', 'T02', '--operator', '1', '--line', BAGUETTE, '--tender', 'card:1.30', '--json');
    expect(JSON.parse(r.stdout).sale.ticket).toMatch(/^T02-/);
    const unknown = await pos('sale', 'create', '--terminal', 'T99', '--operator', '1', '--line', BAGUETTE, '--tender', 'card:1.30');
    expect(unknown).toMatchObject({ code: 1, stdout: '', stderr: 'Caisse T99 inconnue dans la base (caisses connues : T01, T02)\n' });
  });

  it('show: by number or printed label, as JSON, text or receipt', async () => {
    const made = JSON.parse((await pos('sale', 'create', '--operator', '1', '--line', BORDEAUX, '--tender', 'cash:10', '--json')).stdout).sale;
    const byNumber = await pos('sale', 'show', String(made.ticket_no), '--json');
    expect(byNumber.code).toBe(0);
    expect(JSON.parse(byNumber.stdout)).toEqual(made);
    const byLabel = JSON.parse((await pos('--json', 'sale', 'show', made.ticket)).stdout);
    expect(byLabel.ticket).toBe(made.ticket);

    const text = await pos('sale', 'show', made.ticket);
    expect(text.stdout).toContain(`Ticket ${made.ticket} · `);
    expect(text.stdout).toMatch(/TOTAL\s+8,99 €/);
    expect(text.stdout).toContain('Rendu : 1,01 €');

    const receipt = await pos('sale', 'show', made.ticket, '--receipt');
    expect(receipt.stdout).toContain('*** DUPLICATA ***');
    expect(receipt.stdout).toContain('Épicerie du Centre');
    expect(JSON.parse((await pos('sale', 'show', made.ticket, '--receipt', '--json')).stdout).receipt).toContain('DUPLICATA');
  });

  it('show: a ticket of another till by its label, a missing ticket, a bad number', async () => {
    const t02 = JSON.parse((await pos('sale', 'create', '--terminal', 'T02', '--operator', '1', '--line', BAGUETTE, '--tender', 'cash:2', '--json')).stdout).sale;
    expect(JSON.parse((await pos('sale', 'show', t02.ticket, '--json')).stdout).terminal).toBe('T02');
    expect(await pos('sale', 'show', '999999')).toMatchObject({ code: 1, stdout: '', stderr: 'Ticket introuvable : T01-999999\n' });
    expect(await pos('sale', 'show', 'douze')).toMatchObject({ code: 1, stderr: 'Numéro de ticket invalide : « douze » (exemple : 42 ou T01-000042)\n' });
    expect(await pos('sale', 'show', t02.ticket, '--terminal', 'T01')).toMatchObject({ code: 1, stderr: `Le ticket ${t02.ticket} n’est pas de la caisse T01 demandée par --terminal\n` });
  });

  it('list: latest first, this till only, by day in the shop time zone', async () => {
    // Sales of this test of its own, one of them on T02: the list never leans on the other tests'.
    for (const terminal of ['T01', 'T02', 'T01']) await pos('sale', 'create', '--terminal', terminal, '--operator', '1', '--line', BORDEAUX, '--tender', 'cash:10');
    const made = JSON.parse((await pos('sale', 'create', '--operator', '1', '--line', BAGUETTE, '--tender', 'cash:2', '--json')).stdout).sale;
    // The day of the sale in Paris, not the day the test reads the clock: a run at midnight lists the right day.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(made.created_at));
    const r = await pos('sale', 'list', '--json', '--date', today, '--limit', '3');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list).toMatchObject({ terminal: 'T01', date: today });
    const { rows: [sameDay] } = await db().db.raw<{ rows: { n: number }[] }>(
      `SELECT count(*)::int AS n FROM sales s JOIN terminals t ON t.id = s.terminal_id WHERE t.code = 'T01' AND (s.created_at AT TIME ZONE 'Europe/Paris')::date = ?::date`, [today]);
    expect(list.sales).toHaveLength(Math.min(3, sameDay!.n));
    expect(list.sales[0]).toEqual({ ticket: made.ticket, ticket_no: made.ticket_no, terminal: 'T01', created_at: made.created_at, operator: '1', line_count: 1, total_cents: 130 });
    expect(list.sales.every((s: { terminal: string }) => s.terminal === 'T01')).toBe(true);

    expect(JSON.parse((await pos('sale', 'list', '--date', '2001-01-01', '--json')).stdout).sales).toEqual([]);
    expect((await pos('sale', 'list', '--date', '2001-01-01')).stdout).toBe('Aucun ticket\n');
    const text = await pos('sale', 'list', '--limit', '1');
    expect(text.stdout.split('\n')[1]).toMatch(new RegExp(`^${made.ticket}\\s+\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d\\s+1\\s+1\\s+1,30 €$`));
    expect(await pos('sale', 'list', '--date', '2026-02-30')).toMatchObject({ code: 1, stderr: 'Date invalide : « 2026-02-30 » (attendu : AAAA-MM-JJ)\n' });
    expect(await pos('sale', 'list', '--limit', '0')).toMatchObject({ code: 1, stderr: 'Valeur invalide pour --limit : « 0 » (nombre entier de 1 à 1000)\n' });
  });
});
