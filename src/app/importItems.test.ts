import { describe, expect, it } from 'vitest';
import { findItemByCode } from '../data/items';
import { ean13 } from '../domain/ean';
import { useTestDatabase } from '../testing/db';
import { checkAgainstCatalog, decodeCsv, detectSeparator, importItems, parseItemsCsv } from './importItems';

const GOOD = ean13('376999000001');
const GOOD2 = ean13('376999000002');
const BAGUETTE = '3760000000017'; // BOUL-001 in the demo shop
const CROISSANT = '3760000000062';

function reasons(text: string) {
  return parseItemsCsv(text).rejected.map((r) => [r.line, r.reason]);
}

describe('reading a catalog file', () => {
  it('takes `;` from French Excel and `,` otherwise, with decimal commas in prices and rates', () => {
    expect(detectSeparator('sku;barcode;name;price;vat;group\r\nA;;x;1,50;5,5;')).toBe(';');
    expect(detectSeparator('sku,barcode,name,price,vat,group\n')).toBe(',');
    const { rows, rejected } = parseItemsCsv(`sku;barcode;name;price;vat;group\r\nnew-1;${GOOD};Pain d’épices;3,90;5,5;boul\r\n`);
    expect(rejected).toEqual([]);
    expect(rows).toEqual([{ line: 2, item: { sku: 'NEW-1', barcode: GOOD, name: 'Pain d’épices', priceCents: 390, vatRateBp: 550, groupCode: 'boul' } }]);
  });

  it('reads quoted fields, a BOM, columns in any order and without the optional ones', () => {
    const text = '\ufeffName,Price,SKU,VAT\n"Vin, rouge",12.5,V-1,20\n';
    expect(parseItemsCsv(text).rows).toEqual([{ line: 2, item: { sku: 'V-1', barcode: null, name: 'Vin, rouge', priceCents: 1250, vatRateBp: 2000, groupCode: null } }]);
  });

  it('decodes UTF-8, and Windows-1252 when the bytes are not UTF-8', () => {
    expect(decodeCsv(Buffer.from('Café', 'utf8'))).toBe('Café');
    expect(decodeCsv(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80]))).toBe('Café €');
    expect(decodeCsv(Buffer.from([0x8c, 0x75, 0x66, 0x73, 0x20, 0x92, 0x9c, 0x9f]))).toBe('Œufs ’œŸ');
  });

  it('rejects each bad row with its line and reason, and skips rows of bare separators', () => {
    const text = [
      'sku;barcode;name;price;vat;group',
      `A1;${GOOD};Bon;1,00;20;`, // 2 kept
      ';;Sans ref;1;20;', // 3
      'A 2;;Espace;1;20;', // 4
      'A3;;;1;20;', // 5
      'A4;;Prix;12,345;20;', // 6
      'A41;;Sans prix;;20;', // 7
      'A5;;Prix négatif;-1;20;', // 8
      'A6;;TVA;1;vingt;', // 9
      'A61;;Sans TVA;1;;', // 10
      'A7;123;Code court;1;20;', // 11
      'A8;3760000000018;Mauvaise clé;1;20;', // 12
      'A9;3,76E+12;Excel;1;20;', // 13
      'A10;;Trop;1;20;;en trop', // 14
      ';;;;;', // 15 skipped
      `a1;;Même ref;1;20;`, // 16
      `B1;${GOOD};Même code;1;20;`, // 17
    ].join('\n');
    expect(reasons(text)).toEqual([
      [3, 'import.skuMissing'],
      [4, 'import.skuInvalid'],
      [5, 'import.nameMissing'],
      [6, 'import.priceInvalid'],
      [7, 'import.priceMissing'],
      [8, 'import.priceInvalid'],
      [9, 'import.vatInvalid'],
      [10, 'import.vatMissing'],
      [11, 'import.barcodeInvalid'],
      [12, 'import.barcodeCheckDigit'],
      [13, 'import.barcodeScientific'],
      [14, 'import.columnCount'],
      [16, 'import.skuDuplicate'],
      [17, 'import.barcodeDuplicate'],
    ]);
    expect(parseItemsCsv(text).rejected.find((r) => r.line === 16)).toMatchObject({ sku: 'A1', params: { sku: 'A1', line: 2 } });
  });

  it('refuses the whole file when its header cannot be understood', () => {
    expect(() => parseItemsCsv('')).toThrow(expect.objectContaining({ key: 'import.empty' }));
    expect(() => parseItemsCsv('sku,name,prix,vat\n')).toThrow(expect.objectContaining({ key: 'import.unknownColumns', params: expect.objectContaining({ columns: 'prix' }) }));
    expect(() => parseItemsCsv('sku,name,vat\n')).toThrow(expect.objectContaining({ key: 'import.missingColumns', params: expect.objectContaining({ columns: 'price' }) }));
    expect(() => parseItemsCsv('sku,name,price,vat,sku\n')).toThrow(expect.objectContaining({ key: 'import.duplicateColumn' }));
    expect(() => parseItemsCsv('sku,name,price,vat\n"A,x,1,20\n')).toThrow(expect.objectContaining({ key: 'import.csvSyntax' }));
  });

  it('checks VAT rates, groups and barcodes against what the database holds', () => {
    const { rows } = parseItemsCsv(`sku,barcode,name,price,vat,group\nA,,a,1,20,boul\nB,,b,1,7,\nC,,c,1,20,XYZ\nD,${GOOD},d,1,20,\nE,${GOOD2},e,1,20,`);
    const checked = checkAgainstCatalog(rows, { vatRates: new Set([2000, 550]), groupCodes: ['BOUL'], barcodeOwners: new Map([[GOOD, 'OTHER'], [GOOD2, 'E']]) }, 'fr');
    expect(checked.rows.map((r) => [r.item.sku, r.item.groupCode])).toEqual([['A', 'BOUL'], ['E', null]]);
    expect(checked.rejected.map((r) => [r.line, r.reason, r.params])).toEqual([
      [3, 'import.vatUnknown', { rate: '7 %', known: '20 %, 5,5 %' }],
      [4, 'import.groupUnknown', { group: 'XYZ' }],
      [5, 'import.barcodeTaken', { barcode: GOOD, sku: 'OTHER' }],
    ]);
  });
});

describe('importing a catalog into PostgreSQL', () => {
  const testDb = useTestDatabase();

  it('inserts and updates the good rows in one go and reports the others', async () => {
    const { db } = testDb();
    const text = [
      'sku;barcode;name;price;vat;group',
      `IMP-1;${GOOD};Galette des rois;12,90;5,5;BOUL`,
      `BOUL-001;${BAGUETTE};Baguette tradition;1,35;5,5;BOUL`, // updates the demo item
      `IMP-2;${CROISSANT};Vol de code;1;20;`, // the demo croissant's barcode
      'IMP-3;;Taux exotique;1;7;',
    ].join('\n');
    const report = await importItems(db, parseItemsCsv(text), 'fr');
    expect(report.imported).toBe(2);
    expect(report.rejected.map((r) => [r.line, r.sku, r.reason])).toEqual([
      [4, 'IMP-2', 'import.barcodeTaken'],
      [5, 'IMP-3', 'import.vatUnknown'],
    ]);
    expect(await findItemByCode(db, GOOD)).toMatchObject({ sku: 'IMP-1', name: 'Galette des rois', priceCents: 1290, vatRateBp: 550, groupName: expect.any(String) });
    expect(await findItemByCode(db, 'BOUL-001')).toMatchObject({ priceCents: 135 });
    expect(await findItemByCode(db, 'IMP-2')).toBeNull();
  });
});
