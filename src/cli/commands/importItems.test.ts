import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findItemByCode } from '../../data/items';
import { ean13 } from '../../domain/ean';
import { useCli } from '../testCli';

describe('pos import items', () => {
  const { db, root, pos } = useCli();
  const file = async (name: string, content: string | Buffer) => {
    const path = join(root(), name);
    await writeFile(path, content);
    return path;
  };

  it('imports the good rows and reports the bad ones with their line and reason', async () => {
    const path = await file('catalogue.csv', [
      'sku;barcode;name;price;vat;group',
      `cli-1;${ean13('376999100001')};Brioche tressée;4,20;5,5;BOUL`,
      'CLI-2;;Sans prix;;20;',
      'CLI-3;3760000000017;Code pris;1;20;', // the demo baguette's barcode
      'CLI-4;;Verre;2,50;20;',
    ].join('\r\n'));
    const r = await pos('import', 'items', '--operator', '2', path, '--json');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(r.stdout)).toEqual({
      imported: 2,
      rejected: [
        { line: 3, sku: 'CLI-2', code: 'import.priceMissing', reason: 'prix (price) manquant' },
        { line: 4, sku: 'CLI-3', code: 'import.barcodeTaken', reason: 'code-barres 3760000000017 déjà attribué à l’article BOUL-001' },
      ],
    });
    expect(await findItemByCode(db().db, 'CLI-1')).toMatchObject({ name: 'Brioche tressée', priceCents: 420, vatRateBp: 550 });
    expect(await findItemByCode(db().db, 'CLI-4')).toMatchObject({ priceCents: 250, vatRateBp: 2000, barcode: null });
    expect(await findItemByCode(db().db, 'CLI-2')).toBeNull();
  });

  it('reports in readable text, and reads a Windows-1252 file from Excel', async () => {
    const path = await file('excel.csv', Buffer.from('sku;name;price;vat\r\nCLI-5;\x8cufs bio x6;3,10;5,5\r\nCLI-6;Rien;1;7\r\n', 'latin1'));
    const r = await pos('--lang', 'en', 'import', 'items', '--operator', '2', path);
    expect(r).toEqual({ code: 0, stderr: '', stdout: '1 item(s) imported, 1 line(s) rejected\n  line 3 (CLI-6): unknown VAT rate 7% (known rates: 20%, 10%, 5.5%, 2.1%)\n' });
    expect(await findItemByCode(db().db, 'CLI-5')).toMatchObject({ name: 'Œufs bio x6' });
  });

  it('exits 1 with every row\'s reason when no row of the file can be imported', async () => {
    const path = await file('tout-faux.csv', ['sku;name;price;vat', 'CLI-7;Rien;-0;20', `CLI-8;${'x'.repeat(100_000)};1;20`, 'CLI-9;Cher;20000;20'].join('\n'));
    expect(await pos('import', 'items', '--operator', '2', path)).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        'Aucun article importé : les 3 ligne(s) sont refusées',
        '  ligne 2 (CLI-7) : prix « -0 » invalide (exemple : 12,50)',
        '  ligne 3 (CLI-8) : désignation trop longue (100000 caractères, 80 au plus)',
        '  ligne 4 (CLI-9) : prix 20 000,00 € au-dessus du plafond d’un prix unitaire (10 000,00 €)',
        '',
      ].join('\n'),
    });
    const json = await pos('import', 'items', '--operator', '2', path, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ imported: 0, rejected: [{ line: 2, code: 'import.priceInvalid' }, { line: 3, code: 'import.nameTooLong' }, { line: 4, code: 'import.priceAboveLimit' }] });
    expect(await findItemByCode(db().db, 'CLI-7')).toBeNull();
  });

  it('refuses an unreadable file or header in one line, importing nothing', async () => {
    expect(await pos('import', 'items', '--operator', '2', join(root(), 'absent.csv'))).toEqual({ code: 1, stdout: '', stderr: `Fichier introuvable : ${join(root(), 'absent.csv')}\n` });
    expect(await pos('import', 'items', '--operator', '2', root())).toMatchObject({ code: 1, stderr: `Fichier illisible : ${root()} (EISDIR)\n` });
    const bad = await file('bad.csv', 'ref,nom,prix\nX,y,1\n');
    expect(await pos('import', 'items', '--operator', '2', bad)).toMatchObject({ code: 1, stderr: 'Colonne(s) inconnue(s) : ref, nom, prix (colonnes attendues : sku,barcode,name,price,vat,group,price_rule)\n' });
  });
});
