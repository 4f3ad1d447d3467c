import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCli } from '../testCli';

// `pos stock` as a shop runs it (bin/pos, a process of its own). Each test works on items of its
// own and sets their figures first: they hold in any order.

describe('pos stock', () => {
  const { db, root, pos, posEnv } = useCli();
  const figure = async (sku: string) => {
    const r = await pos('stock', 'show', sku, '--json');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(r.stdout).qty as number;
  };
  const count = async (...lines: string[]) => expect(await pos('stock', 'count', ...lines.flatMap((l) => ['--line', l]), '--operator', '2')).toMatchObject({ code: 0, stderr: '' });

  it('receive: a delivery of several lines, by SKU or barcode; show: the figure and who moved it, where, when', async () => {
    await count('SOFT-001:0', 'SOFT-002:1');
    const r = await pos('stock', 'receive', '--line', 'SOFT-001:24', '--line', '3760000000529:12', '--operator', '1', '--ref', 'BL-77');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe('Réception enregistrée : 2 articles\nSOFT-001  Eau minérale 1,5 l  +24  → 24\nSOFT-002  Eau gazeuse 1 l     +12  → 13\n');
    const show = await pos('stock', 'show', 'SOFT-002');
    expect(show.stdout).toMatch(/^SOFT-002  Eau gazeuse 1 l\nStock M01 : 13 · seuil 5\nDernière vente : —\n/);
    expect(show.stdout).toMatch(/\d\d\/\d\d\/\d{4} \d\d:\d\d\s+Réception\s+\+12\s+13\s+Camille · T01 · BL-77\n/);
    const json = JSON.parse((await pos('stock', 'show', 'soft-002', '--json')).stdout);
    expect(json).toMatchObject({ sku: 'SOFT-002', store: 'M01', stocked: true, qty: 13, threshold: 5, item_threshold: 5, store_threshold: null, low: false });
    expect(json.movements[0]).toMatchObject({ kind: 'receive', qty: 12, qty_after: 13, operator: 'Camille', terminal: 'T01', reference: 'BL-77', at: expect.stringMatching(/Z$/) });
  });

  it('receive --file: a file with bad rows is refused whole, each row with its line and reason, nothing booked', async () => {
    await count('SOFT-003:4');
    const file = join(root(), 'livraison.csv');
    await writeFile(file, 'sku;qty\nSOFT-003;6\nSOFT-004;-2\nINCONNU;1\nSNAK-002;3\n');
    const bad = await pos('stock', 'receive', '--file', file, '--operator', '1');
    expect(bad).toMatchObject({ code: 1, stdout: '' });
    expect(bad.stderr).toBe([
      '3 lignes refusées : rien n’a été enregistré',
      '  ligne 3 (SOFT-004) : Quantité à donner au-dessus de zéro : « -2 »',
      '  ligne 4 (INCONNU) : Article inconnu : INCONNU',
      '  ligne 5 (SNAK-002) : SNAK-002 Café allongé n’est pas suivi en stock',
      '',
    ].join('\n'));
    const json = await pos('stock', 'receive', '--file', file, '--operator', '1', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).refused.map((r: { line: number; error: string }) => [r.line, r.error])).toEqual([[3, 'stock.qty.notPositive'], [4, 'item.unknownCode'], [5, 'stock.notStocked']]);
    expect(await figure('SOFT-003')).toBe(4);
    await writeFile(file, 'sku,qty\nSOFT-003,6\n');
    expect((await pos('stock', 'receive', '--file', file, '--operator', '1', '--json')).stdout).toContain('"qty_after": 10');
    expect(await pos('stock', 'receive', '--file', join(root(), 'absent.csv'), '--operator', '1')).toMatchObject({ code: 1, stderr: expect.stringContaining('Fichier introuvable') });
    expect(await pos('stock', 'receive', '--operator', '1')).toMatchObject({ code: 1, stderr: 'Aucune ligne : --line RÉF:QTÉ (répétable) ou --file fichier.csv\n' });
  });

  it('count: each figure becomes what was counted, the difference booked, from lines or a file', async () => {
    await count('SOFT-005:9', 'SOFT-006:9');
    const file = join(root(), 'inventaire.csv');
    await writeFile(file, 'sku,qty\nSOFT-005,7\nSOFT-006,11\n');
    const r = await pos('stock', 'count', '--file', file, '--operator', '2', '--ref', 'inventaire de décembre');
    expect(r.stdout).toBe('Inventaire enregistré : 2 articles\nSOFT-005  Soda cola 1,5 l  −2  → 7   (attendu 9)\nSOFT-006  Limonade 1,5 l   +2  → 11  (attendu 9)\n');
    expect(await pos('stock', 'count', '--line', 'SOFT-005:-1', '--operator', '2')).toMatchObject({ code: 1, stderr: expect.stringContaining('ligne 1 (SOFT-005) : Quantité comptée négative : « -1 »') });
    expect(await pos('stock', 'count', '--line', 'SOFT-005', '--operator', '2')).toMatchObject({ code: 1, stderr: expect.stringContaining('Quantité invalide') });
    expect(await figure('SOFT-005')).toBe(7);
  });

  it('adjust: a manager with a PIN and a reason; refused otherwise, nothing changed', async () => {
    await count('SOFT-007:5');
    const r = await pos('stock', 'adjust', 'SOFT-007', '-2', '--reason', 'bouteilles cassées', '--manager', '2');
    expect(r).toMatchObject({ code: 0, stdout: 'Ajustement enregistré : SOFT-007 Thé glacé pêche 1,5 l −2 → 3\n', stderr: '' });
    expect(await pos('stock', 'adjust', 'SOFT-007', '+1', '--reason', 'trouvée', '--manager', '1')).toMatchObject({ code: 1, stderr: 'Camille n’est pas responsable : validation refusée\n' });
    expect(await posEnv({ POS_MANAGER_PIN: '0000' }, 'stock', 'adjust', 'SOFT-007', '+1', '--reason', 'trouvée', '--manager', '2')).toMatchObject({ code: 1, stderr: 'Code ou PIN incorrect\n' });
    expect(await pos('stock', 'adjust', 'SOFT-007', '0', '--reason', 'rien', '--manager', '2')).toMatchObject({ code: 1, stderr: 'Un ajustement de 0 ne change rien\n' });
    expect(await pos('stock', 'adjust', 'SOFT-007', 'deux', '--reason', 'x', '--manager', '2', '--lang', 'en')).toMatchObject({ code: 1, stderr: 'Invalid quantity: “deux” (a whole number is expected)\n' });
    expect(await pos('stock', 'adjust', 'SOFT-007', '1', '--manager', '2')).toMatchObject({ code: 2, stderr: expect.stringContaining('--reason') });
    expect(await figure('SOFT-007')).toBe(3);
  });

  it('threshold and low: the items to reorder, as text, JSON or CSV', async () => {
    await count('SOFT-008:2', 'SOFT-009:30');
    expect(await pos('stock', 'threshold', '--operator', '1', 'SOFT-009', '40', '--store', 'M01')).toMatchObject({ code: 0, stdout: 'Seuil de SOFT-009 Eau minérale 50 cl au magasin M01 : 40\n' });
    expect(await pos('stock', 'threshold', '--operator', '1', 'SOFT-008', 'beaucoup')).toMatchObject({ code: 1, stderr: 'Quantité invalide : « beaucoup » (un nombre entier est attendu)\n' });
    const low = JSON.parse((await pos('stock', 'low', '--json')).stdout);
    expect(low.store).toBe('M01');
    expect(low.items).toEqual(expect.arrayContaining([
      expect.objectContaining({ sku: 'SOFT-008', qty: 2, threshold: 5, low: true, last_sale_at: null }),
      expect.objectContaining({ sku: 'SOFT-009', qty: 30, threshold: 40, store_threshold: 40 }),
    ]));
    const csv = (await pos('stock', 'low', '--csv')).stdout.split('\r\n');
    expect(csv[0]).toBe('sku,name,qty,threshold,last_sale');
    expect(csv).toContain('SOFT-008,Sirop de menthe 75 cl,2,5,');
    const sold = await pos('sale', 'create', '--operator', '1', '--line', 'SOFT-008', '--tender', 'cash:5', '--json');
    expect(sold).toMatchObject({ code: 0 });
    expect((await pos('stock', 'low', '--csv')).stdout).toMatch(/\r\nSOFT-008,Sirop de menthe 75 cl,1,5,\d{4}-\d\d-\d\d \d\d:\d\d\r\n/);
    expect((await pos('stock', 'low')).stdout).toMatch(/SOFT-008\s+Sirop de menthe 75 cl\s+1\s+5\s+\d\d\/\d\d\/\d{4} \d\d:\d\d/);
    expect(await pos('stock', 'threshold', '--operator', '1', 'SOFT-009', '-', '--store', 'M01', '--json')).toMatchObject({ code: 0, stdout: expect.stringContaining('"applies": 5') });
  });

  it('stocked: an item served rather than stocked moves nothing, and cannot be received', async () => {
    expect(await pos('stock', 'stocked', '--operator', '2', 'SOFT-010', 'non')).toMatchObject({ code: 0, stdout: 'SOFT-010 Soda cola 33 cl : plus suivi en stock\n' });
    expect(await pos('stock', 'receive', '--line', 'SOFT-010:3', '--operator', '1')).toMatchObject({ code: 1, stderr: expect.stringContaining('n’est pas suivi en stock') });
    expect(await pos('stock', 'stocked', '--operator', '2', 'SOFT-010', 'peut-être')).toMatchObject({ code: 1, stderr: 'Réponse attendue : oui ou non (« peut-être »)\n' });
    expect(await pos('stock', 'stocked', '--operator', '2', 'SOFT-010', 'oui')).toMatchObject({ code: 0 });
    const item = await db().db('items').where('sku', 'SOFT-010').first('stocked');
    expect(item.stocked).toBe(true);
  });

  it('show refuses an unknown item, and wants an item or --all', async () => {
    expect(await pos('stock', 'show', 'NOPE-1')).toMatchObject({ code: 1, stderr: 'Article inconnu : NOPE-1\n' });
    expect(await pos('stock', 'show')).toMatchObject({ code: 1, stderr: 'Donnez un article, ou --all pour tous\n' });
    const all = await pos('stock', 'show', '--all', '--json');
    const items = JSON.parse(all.stdout).items as { sku: string }[];
    expect(items.length).toBeGreaterThan(150);
    expect(items.map((i) => i.sku)).not.toContain('SNAK-001');
  });
});
