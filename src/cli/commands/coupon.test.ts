import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCli } from '../testCli';

const BAGUETTE = '3760000000017'; // BOUL-001, 1,30 € at 5,5 %
const BORDEAUX = 'CAVE-001'; // 8,99 € at 20 %

describe('pos coupon', () => {
  const { db, root, pos } = useCli();
  const json = async (...args: string[]) => {
    const r = await pos(...args, '--json');
    expect({ args, stderr: r.stderr, code: r.code }).toEqual({ args, stderr: '', code: 0 });
    return JSON.parse(r.stdout);
  };

  it('define, then list in the seed\'s columns, as text and JSON', async () => {
    const made = await json('coupon', 'define', '--operator', '2', '--symbol', 'noel', '--name', 'Noël −10 %', '--percent', '10', '--until', '31/12/2026', '--schedule', 'sam-dim', '--stores', 'M01', '--conditions', 'Hors alcools.');
    expect(made).toMatchObject({ symbol: 'NOEL', name: 'Noël −10 %', active: true, type: 'ticket', value: { kind: 'percent', bp: 1000 }, valid_until: '2026-12-31', schedule: 'sam,dim', stores: ['M01'], holder: 'none', customer_rule: 'optional', limit: null });
    await json('coupon', 'define', '--operator', '2', '--symbol', 'CAVE', '--name', 'Cave', '--type', 'threshold', '--items', '@CAVE', '--min-qty', '2', '--amount', '3', '--holder', 'customer', '--limit-scope', 'customer', '--limit', '1');
    const text = await pos('coupon', 'list');
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toMatch(/^Symbole\s+Nom\s+Actif\s+Valable du\s+au\s+Remise\s+Type de remise\s+Planning$/);
    expect(text.stdout).toMatch(/CAVE\s+Cave\s+oui\s+—\s+—\s+3,00 € dès 2 art\.\s+Remise par seuil sur articles\s+non/);
    expect(text.stdout).toMatch(/NOEL\s+Noël −10 %\s+oui\s+—\s+31\/12\/2026\s+10 %\s+Remise sur le ticket\s+sam,dim/);
    // The demo shop's two (BONJOUR, VINS10) and these two, in symbol order (other tests of this file may have made more).
    const symbols: string[] = (await json('coupon', 'list')).coupons.map((c: { symbol: string }) => c.symbol);
    expect(symbols.filter((x) => ['BONJOUR', 'CAVE', 'NOEL', 'VINS10'].includes(x))).toEqual(['BONJOUR', 'CAVE', 'NOEL', 'VINS10']);
    const shown = (await pos('coupon', 'show', 'noel')).stdout;
    expect(shown).toMatch(/^Symbole\s+NOEL\n/);
    expect(shown).toMatch(/\nValable jusqu’au\s+2026-12-31\n/);
    expect(shown).toMatch(/\nConditions de promotion\s+Hors alcools\.\n/);
    expect(await json('coupon', 'edit', '--operator', '2', 'noel', '--no-limit', '--exclusive', '--name', 'Noël')).toMatchObject({ name: 'Noël', exclusive: true, value: { bp: 1000 }, stores: ['M01'] });
  });

  it('refuses bad input with exit 1 and one line, in French or English', async () => {
    await json('coupon', 'define', '--operator', '2', '--symbol', 'CLIENT', '--name', 'Client', '--amount', '3', '--holder', 'customer', '--limit-scope', 'customer', '--limit', '1');
    const cases: [string[], string][] = [
      [['coupon', 'define', '--operator', '2', '--symbol', 'X1', '--name', 'X', '--percent', '10', '--amount', '2'], 'Une seule de ces options à la fois : --percent, --amount, --price'],
      [['coupon', 'define', '--operator', '2', '--symbol', 'X1', '--name', 'X', '--type', 'customer', '--percent', '5'], 'Ce type de remise porte sur des articles : indiquez les articles ou familles concernés'],
      [['coupon', 'define', '--operator', '2', '--symbol', 'X1', '--name', 'X', '--percent', '5', '--limit-scope', 'customer', '--limit', '1', '--customer-rule', 'optional'], 'Une limite par client demande un client obligatoire sur le document'],
      [['coupon', 'codes', 'generate', '--operator', '2', 'NOPE', '--count', '2'], 'Bon de réduction inconnu : NOPE'],
      [['coupon', 'codes', 'generate', '--operator', '2', 'BONJOUR', '--count', '0'], 'Valeur invalide pour --count : « 0 » (nombre entier de 1 à 1000000)'],
      [['coupon', 'uses', 'ZZZ9'], 'Code promo inconnu : ZZZ9'],
    ];
    for (const [args, message] of cases) expect({ args, ...(await pos(...args)) }).toEqual({ args, code: 1, stdout: '', stderr: message + '\n' });
    expect(await pos('--lang', 'en', 'coupon', 'codes', 'generate', '--operator', '2', 'CLIENT', '--count', '3')).toMatchObject({ code: 1, stderr: 'Codes of coupon CLIENT belong to a customer: name them\n' });
  });

  it('codes: generate, list, activate, block', async () => {
    await json('coupon', 'define', '--operator', '2', '--symbol', 'ETE', '--name', 'Été −10 %', '--percent', '10', '--until', '31/08/2027');
    expect(await json('coupon', 'codes', 'generate', '--operator', '2', 'ETE', '--count', '3', '--description', 'affiche')).toEqual({ symbol: 'ETE', created: 3, codes: ['ETE', 'ETE1', 'ETE2'] });
    expect((await pos('coupon', 'codes', 'activate', '--operator', '2', 'ete', 'ETE1')).stdout).toBe('2 code(s) actif\n');
    await pos('coupon', 'codes', 'block', '--operator', '2', 'ETE2');
    const list = await json('coupon', 'codes', 'list', 'ETE');
    expect(list.codes.map((c: { code: string; status: string; source: string; description: string }) => [c.code, c.status, c.source, c.description]))
      .toEqual([['ETE', 'active', 'manual', 'affiche'], ['ETE1', 'active', 'manual', 'affiche'], ['ETE2', 'blocked', 'manual', 'affiche']]);
    const text = await pos('coupon', 'codes', 'list', 'ETE', '--status', 'blocked');
    expect(text.stdout).toMatch(/^Code\s+Valable du\s+au\s+Statut\s+Client\/groupe\s+Source\s+Util\.\s+Description\nETE2\s+—\s+31\/08\/2027\s+bloqué\s+Ajouté manuellement\s+0\s+affiche\nCodes 1 à 1 sur 1\n$/);
    expect(await pos('coupon', 'codes', 'block', '--operator', '2', 'ETE2')).toMatchObject({ code: 1, stderr: 'Le code ETE2 est bloqué\n' });
  });

  it('import from CSV: the bad rows reported with why, the rest imported', async () => {
    await db().db('customers').insert({ code: 'C-42', last_name: 'Martin', first_name: 'Claire' });
    await json('coupon', 'define', '--operator', '2', '--symbol', 'VRAC', '--name', 'Vrac', '--amount', '2', '--holder', 'customer');
    const file = join(root(), 'codes.csv');
    await writeFile(file, [
      'code;valid_from;valid_until;status;customer;description',
      'VRAC-A;01/12/2026;31/12/2026;actif;C-42;vitrine',
      'VRAC-B;2026-13-01;;;C-42;',
      'VRAC-C;;;;C-404;',
      'VRAC-A;;;;C-42;',
      'BONJOUR;;;;C-42;',
      'VRAC D;;;;C-42;',
      'VRAC-E;;;;;',
      'vrac-f;;;inactive;C-42;',
    ].join('\r\n'));
    const r = await json('coupon', 'codes', 'import', '--operator', '2', 'VRAC', file);
    expect(r.imported).toBe(2);
    expect(r.rejected.map((x: { line: number; code: string; reason: string }) => [x.line, x.code, x.reason])).toEqual([
      [3, 'VRAC-B', 'date « 2026-13-01 » invalide'],
      [4, 'VRAC-C', 'client C-404 inconnu'],
      [5, 'VRAC-A', 'code déjà présent ligne 2 du fichier'],
      [6, 'BONJOUR', 'le code BONJOUR existe déjà'],
      [7, 'VRAC D', 'code « VRAC D » invalide'],
      [8, 'VRAC-E', 'Les codes du bon VRAC sont associés à un client : indiquez-le'],
    ]);
    const codes = await json('coupon', 'codes', 'list', 'VRAC');
    expect(codes.codes.map((c: { code: string; status: string; source: string; customer: string; valid_from: string | null }) => [c.code, c.status, c.source, c.customer, c.valid_from]))
      .toEqual([['VRAC-A', 'active', 'import', 'C-42', '2026-12-01'], ['VRAC-F', 'inactive', 'import', 'C-42', null]]);
    const text = await pos('coupon', 'codes', 'import', '--operator', '2', 'VRAC', file);
    expect(text.stdout.split('\n')[0]).toBe('0 code(s) importé(s), 8 ligne(s) rejetée(s)');
  });

  it('sale create --coupon --customer: the discount on the ticket, the use in the log', async () => {
    await db().db('customers').insert({ code: 'C-43', last_name: 'Durand' });
    await json('coupon', 'define', '--operator', '2', '--symbol', 'VIN', '--name', 'Vins −2 €', '--type', 'customer', '--items', 'CAVE-001', '--amount', '2', '--holder', 'customer', '--customer-rule', 'matching');
    await json('coupon', 'codes', 'generate', '--operator', '2', 'VIN', '--customer', 'C-43', '--status', 'active');
    const refused = await pos('sale', 'create', '--operator', '1', '--line', BORDEAUX, '--coupon', 'VIN', '--tender', 'cash:10');
    expect(refused).toMatchObject({ code: 1, stderr: 'Bon réservé à un client identifié : scannez d’abord sa carte\n' });
    const { sale } = await json('sale', 'create', '--operator', '1', '--line', BAGUETTE, '--line', BORDEAUX, '--coupon', 'vin', '--customer', 'C-43', '--tender', 'cash:10');
    expect(sale).toMatchObject({ total_cents: 130 + 899 - 200, adjustments: [{ kind: 'coupon', ref: 'VIN', label: 'Vins −2 €', amount_cents: 200 }] });
    expect(sale.lines.map((l: { sku: string; ticket_discount_cents: number }) => [l.sku, l.ticket_discount_cents])).toEqual([['BOUL-001', 0], ['CAVE-001', 200]]);
    const uses = await json('coupon', 'uses', 'VIN');
    expect(uses).toMatchObject({ code: 'VIN', uses: [{ ticket: sale.ticket, store: 'M01', terminal: 'T01', customer: 'C-43', customer_name: 'Durand', amount_cents: 200 }] });
    expect((await pos('coupon', 'uses', 'VIN')).stdout).toMatch(new RegExp(`${sale.ticket}\\s+\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d\\s+M01\\s+C-43 Durand\\s+2,00 €`));
    expect((await pos('sale', 'show', sale.ticket)).stdout).toMatch(/Vins −2 €\s+VIN\s+-2,00 €/);
  });

  it('codes given by a ticket are printed on its reprint', async () => {
    const { sale } = await json('sale', 'create', '--operator', '1', '--line', BAGUETTE, '--tender', 'cash:2');
    await json('coupon', 'define', '--operator', '2', '--symbol', 'RETOUR', '--name', 'Revenez vite', '--amount', '5', '--until', '2099-12-31');
    expect(await json('coupon', 'codes', 'generate', '--operator', '2', 'RETOUR', '--ticket', sale.ticket, '--status', 'active')).toMatchObject({ created: 1 });
    expect((await json('coupon', 'codes', 'list', 'RETOUR')).codes[0]).toMatchObject({ source: 'sale', source_ticket: sale.ticket });
    const receipt = (await pos('sale', 'show', sale.ticket, '--receipt')).stdout;
    expect(receipt).toContain('BON DE RÉDUCTION');
    expect(receipt).toMatch(/\nRevenez vite {2,}\n/);
    expect(receipt).toMatch(/Remise\s+5,00 €\n/);
    expect(receipt).toContain('|| RETOUR ||');
    expect(receipt).toMatch(/Valable jusqu’au\s+31\/12\/2099\n/);
    expect(await pos('coupon', 'codes', 'generate', '--operator', '2', 'RETOUR', '--ticket', 'T01-999999')).toMatchObject({ code: 1, stderr: 'Ticket introuvable : T01-999999\n' });
  });

  it('numbering schemes', async () => {
    expect(await json('coupon', 'scheme', 'define', '--operator', '2', 'BR', '--pattern', 'BR{YYYY}-{N:4}', '--name', 'Bons')).toMatchObject({ code: 'BR', pattern: 'BR{YYYY}-{N:4}', active: true });
    await json('coupon', 'define', '--operator', '2', '--symbol', 'SCH', '--name', 'Schéma', '--amount', '1', '--scheme', 'BR');
    // {YYYY} is the year in the shop (Paris), read before and after: a run at the new year's midnight passes too.
    const parisYear = () => new Date().toLocaleString('en-CA', { timeZone: 'Europe/Paris', year: 'numeric' });
    const yearBefore = parisYear();
    const { codes } = await json('coupon', 'codes', 'generate', '--operator', '2', 'SCH', '--count', '2');
    const year = String(codes[0]).slice(2, 6);
    expect([yearBefore, parisYear()]).toContain(year);
    expect(codes).toEqual([`BR${year}-0001`, `BR${year}-0002`]);
    expect((await pos('coupon', 'scheme', 'deactivate', '--operator', '2', 'BR')).code).toBe(0);
    // A deactivated scheme cannot be chosen anew, but the coupon that has it can still be changed (and switched off).
    await json('coupon', 'define', '--operator', '2', '--symbol', 'SCH2', '--name', 'Autre', '--amount', '1');
    expect(await pos('coupon', 'edit', '--operator', '2', 'SCH2', '--scheme', 'BR')).toMatchObject({ code: 1, stderr: 'Schéma de numérotation BR inactif\n' });
    expect(await json('coupon', 'edit', '--operator', '2', 'SCH', '--name', 'Schéma fini', '--inactive')).toMatchObject({ name: 'Schéma fini', active: false, scheme: 'BR' });
    expect((await pos('coupon', 'scheme', 'list')).stdout).toMatch(/BR\s+Bons\s+BR\{YYYY\}-\{N:4\}\s+non/);
  });
});
