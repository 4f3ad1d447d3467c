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

  it('refuses a signed price ("-0" too), a name empty, too long or with a control character, a price above the ceiling, a bad price rule', () => {
    const limits = { unitPriceCents: 10_000_00, lineTotalCents: 50_000_00, ticketCents: 100_000_00, voucherCents: 5_000_00, giftCardCents: 1_500_00, accountOverpaymentCents: 100_00 };
    const text = [
      'sku;name;price;vat;price_rule',
      'B1;Nul négatif;-0;20;', // 2
      'B2;Signé;+3;20;', // 3
      `B3;${'x'.repeat(100_000)};1;20;`, // 4
      `B4;${'é'.repeat(81)};1;20;`, // 5
      'B5;"Deux\nlignes";1;20;', // 6 (and 7: a quoted line break)
      'B6;Tab\tulé;1;20;', // 8
      'B7;Yacht;10000,01;20;', // 9
      'B8;Bon prix;10000;20;', // 10 kept
      'B9;Presse;2,90;2,1;fixed', // 11 kept
      'B10;Livre;14,90;5,5;capped:5', // 12 kept
      'B11;Livre;14,90;5,5;plafonné 5,5 %', // 13 kept
      'B12;Livre;14,90;5,5;capped:100', // 14
      'B13;Livre;14,90;5,5;moitié prix', // 15
      'B14;Libre;1;20;', // 16 kept
      `B15;${'é'.repeat(80)};1;20;libre`, // 17 kept
      'B16;   ;1;20;', // 18
      'B17;Trop;1;vingt;', // 19
      'B8;Même ref;1;20;', // 20
    ].join('\n');
    const { rows, rejected } = parseItemsCsv(text, { limits, lang: 'fr' });
    expect(rejected.map((r) => [r.line, r.reason, r.params])).toEqual([
      [2, 'import.priceInvalid', { text: '-0' }],
      [3, 'import.priceInvalid', { text: '+3' }],
      [4, 'import.nameTooLong', { length: 100_000, max: 80 }],
      [5, 'import.nameTooLong', { length: 81, max: 80 }],
      [7, 'import.nameControl', {}],
      [8, 'import.nameControl', {}],
      [9, 'import.priceAboveLimit', { price: '10 000,01 €', max: '10 000,00 €' }],
      [14, 'import.priceRuleInvalid', { text: 'capped:100' }],
      [15, 'import.priceRuleInvalid', { text: 'moitié prix' }],
      [18, 'import.nameMissing', {}],
      [19, 'import.vatInvalid', { text: 'vingt' }],
      [20, 'import.skuDuplicate', { sku: 'B8', line: 10 }],
    ]);
    expect(rows.map((r) => [r.item.sku, r.item.priceCents, r.item.priceRule])).toEqual([
      ['B8', 10_000_00, { kind: 'free' }],
      ['B9', 290, { kind: 'fixed' }],
      ['B10', 1490, { kind: 'capped', maxDiscountBp: 500 }],
      ['B11', 1490, { kind: 'capped', maxDiscountBp: 550 }],
      ['B14', 100, { kind: 'free' }],
      ['B15', 100, { kind: 'free' }],
    ]);
    // Without the column, an item's price rule is left as it is.
    expect(parseItemsCsv('sku,name,price,vat\nC1,Sans règle,1,20').rows[0]!.item).not.toHaveProperty('priceRule');
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

  it('writes the price rule a file gives and keeps the one a file without the column does not mention', async () => {
    const { db } = testDb();
    const withRule = ['sku;name;price;vat;price_rule', 'IMP-10;Roman;8,50;5,5;capped:5', 'IMP-11;Timbre;1,29;20;fixed', 'PRES-002;Le Journal du soir;3,10;2,1;'].join('\n');
    expect((await importItems(db, parseItemsCsv(withRule), 'fr')).imported).toBe(3);
    expect(await findItemByCode(db, 'IMP-10')).toMatchObject({ priceRule: { kind: 'capped', maxDiscountBp: 500 } });
    expect(await findItemByCode(db, 'IMP-11')).toMatchObject({ priceRule: { kind: 'fixed' } });
    // An empty cell is said: free.
    expect(await findItemByCode(db, 'PRES-002')).toMatchObject({ priceCents: 310, priceRule: { kind: 'free' } });
    await importItems(db, parseItemsCsv('sku;name;price;vat\nIMP-10;Roman de poche;8,90;5,5\nPRES-003;Le Sport;2,30;2,1'), 'fr');
    expect(await findItemByCode(db, 'IMP-10')).toMatchObject({ name: 'Roman de poche', priceCents: 890, priceRule: { kind: 'capped', maxDiscountBp: 500 } });
    expect(await findItemByCode(db, 'PRES-003')).toMatchObject({ priceCents: 230, priceRule: { kind: 'fixed' } });
    // The database holds names to the same bounds, whatever writes them.
    await expect(db('items').insert({ sku: 'RAW-1', name: 'x'.repeat(81), price_cents: 1, vat_rate_bp: 2000 })).rejects.toMatchObject({ constraint: 'items_name_shape' });
    await expect(db('items').insert({ sku: 'RAW-2', name: 'a\u0007b', price_cents: 1, vat_rate_bp: 2000 })).rejects.toMatchObject({ constraint: 'items_name_shape' });
    await expect(db('items').insert({ sku: 'RAW-3', name: 'x', price_cents: 1, vat_rate_bp: 2000, price_rule: 'capped' })).rejects.toMatchObject({ constraint: 'items_price_rule_cap' });
    await expect(db('items').insert({ sku: 'RAW-4', name: 'x', price_cents: 1, vat_rate_bp: 2000, price_rule: 'half' })).rejects.toMatchObject({ constraint: 'items_price_rule' });
  });
});
