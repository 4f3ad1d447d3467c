import { describe, expect, it } from 'vitest';
import { ledgerMismatches } from '../../testing/ledgers';
import { useCli } from '../testCli';

const BORDEAUX = 'CAVE-001'; // 8,99 € at 20 %

describe('pos sale return', () => {
  const { db, pos } = useCli();
  const salesCount = async () => Number((await db().db('sales').count<{ n: string }[]>({ n: '*' }))[0]!.n);

  it('lists the ticket, takes back part of a line paid by card, refunds it by card, then caps the next return', async () => {
    const sold = await pos('sale', 'create', '--operator', '1', '--line', `${BORDEAUX}:3`, '--customer', 'FID-000003', '--tender', 'card:25,62', '--json');
    expect(sold).toMatchObject({ code: 0, stderr: '' });
    const ticket = JSON.parse(sold.stdout).sale.ticket as string;

    const listed = await pos('sale', 'return', '--ticket', ticket, '--list', '--json');
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(listed.stdout)).toEqual({ ticket, lines: [{ line: 1, sku: 'CAVE-001', name: 'Bordeaux rouge 75 cl', sold: 3, returned: 0, paid_cents: 2562, returnable: true }] });

    // Two bottles back: 17,08 € of the 25,62 € paid (the customer's 5 % kept off), back on the card.
    const back = await pos('sale', 'return', '--ticket', ticket, '--line', '1', '--qty', '2', '--operator', '1', '--json');
    expect(back).toMatchObject({ code: 0, stderr: '' });
    const { sale } = JSON.parse(back.stdout);
    expect(sale).toMatchObject({ total_cents: -1708, tenders: [{ kind: 'card', amount_cents: -1708 }] });
    expect(sale.lines).toMatchObject([{ sku: 'CAVE-001', qty: -2, total_cents: -1708 }]);
    // Its receipt names the ticket it gives back.
    const receipt = await pos('sale', 'show', sale.ticket, '--receipt');
    expect(receipt.stdout).toContain(`Retour du ticket ${ticket}, lignes 1`);

    // The barcode on the receipt is the label; in French, what is left is said and nothing is written.
    const before = await salesCount();
    const more = await pos('sale', 'return', '--ticket', ticket, '--line', '1:2', '--operator', '1');
    expect(more).toMatchObject({ code: 1, stdout: '' });
    expect(more.stderr).toBe(`Ligne 1 du ticket ${ticket} : 1 au plus peuvent encore revenir\n`);
    expect(await salesCount()).toBe(before);
    const last = await pos('sale', 'return', '--ticket', ticket.replace(/^T01-0*/, ''), '--line', '1', '--operator', '1');
    expect(last).toMatchObject({ code: 0, stderr: '' });
    expect(last.stdout).toMatch(/^Ticket T01-\d{6} enregistré : total -8,54 €\n$/);
    const listedAfter = JSON.parse((await pos('sale', 'return', '--ticket', ticket, '--list', '--json')).stdout);
    expect(listedAfter.lines[0]).toMatchObject({ sold: 3, returned: 3 });
    expect(await ledgerMismatches(db().db)).toEqual([]);
  });

  it('refuses bad input with a clear message and writes nothing', async () => {
    const sold = JSON.parse((await pos('sale', 'create', '--operator', '1', '--line', BORDEAUX, '--tender', 'cash:10', '--json')).stdout).sale.ticket as string;
    const before = await salesCount();
    const refused = async (args: string[], message: string) => {
      const r = await pos('sale', 'return', ...args);
      expect(r).toMatchObject({ code: 1, stdout: '', stderr: `${message}\n` });
    };
    await refused(['--ticket', 'T01-999999', '--line', '1', '--operator', '1'], 'Ticket introuvable : T01-999999');
    await refused(['--ticket', 'douze', '--line', '1', '--operator', '1'], 'Numéro de ticket invalide : « douze » (T01-000123 ou 123)');
    await refused(['--ticket', sold, '--line', '2', '--operator', '1'], `Pas de ligne 2 sur le ticket ${sold}`);
    await refused(['--ticket', sold, '--line', 'x', '--operator', '1'], 'Ligne invalide : « x » (numéro de ligne, ou numéro:quantité)');
    await refused(['--ticket', sold, '--operator', '1'], 'Quelle ligne du ticket revient ? --line N (ou --list pour les voir)');
    // Paid in cash: onto the bank card only with a manager.
    await refused(['--ticket', sold, '--line', '1', '--operator', '1', '--tender', 'card:8,99'], 'Remboursement autrement que le paiement d’origine (espèces 8,99 €) : accord d’un responsable requis');
    expect(await salesCount()).toBe(before);
    const approved = await pos('sale', 'return', '--ticket', sold, '--line', '1', '--operator', '1', '--tender', 'card:8,99', '--manager', '2', '--json');
    expect(approved).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(approved.stdout).sale.tenders).toEqual([{ kind: 'card', amount_cents: -899 }]);
  });
});
