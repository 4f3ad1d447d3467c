import { describe, expect, it } from 'vitest';
import { useCli } from '../testCli';

describe('pos item list', () => {
  const { pos } = useCli();

  it('lists items by SKU as JSON, a page at a time', async () => {
    const r = await pos('item', 'list', '--json', '--limit', '2', '--offset', '1');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(r.stdout)).toEqual({
      total: 205,
      offset: 1,
      limit: 2,
      items: [
        { sku: 'BOUL-002', barcode: '3760000000024', name: 'Baguette classique', price_cents: 110, vat_rate_bp: 550, group: expect.any(String), price_rule: 'free', max_discount_bp: null },
        { sku: 'BOUL-003', barcode: expect.any(String), name: expect.any(String), price_cents: expect.any(Number), vat_rate_bp: 550, group: expect.any(String), price_rule: 'free', max_discount_bp: null },
      ],
    });
  });

  it('searches names, case and accents aside, and shows a readable table', async () => {
    const json = JSON.parse((await pos('item', 'list', '--search', 'CAFE moulu', '--json')).stdout);
    expect(json.items.map((i: { name: string }) => i.name)).toEqual(['Café moulu 250 g']);
    const text = await pos('item', 'list', '--search', 'baguette');
    expect(text.stdout.split('\n')[0]).toMatch(/^Réf\.\s+Code-barres\s+Désignation\s+Prix TTC\s+TVA\s+Règle$/);
    expect(text.stdout).toMatch(/BOUL-001\s+3760000000017\s+Baguette tradition\s+1,30 €\s+5,5 %/);
    expect(text.stdout).toMatch(/Articles 1 à \d+ sur \d+\n$/);
    expect((await pos('item', 'list', '--search', 'zzzz')).stdout).toBe('Aucun article\n');
  });

  it("shows each item's price rule: the press at a fixed price, books capped at 5 % off", async () => {
    const press = JSON.parse((await pos('item', 'list', '--search', 'quotidien', '--json')).stdout);
    expect(press.items).toMatchObject([{ sku: 'PRES-001', price_rule: 'fixed', max_discount_bp: null }]);
    const books = JSON.parse((await pos('item', 'list', '--search', 'guide lyon', '--json')).stdout);
    expect(books.items).toMatchObject([{ sku: 'LIVR-001', name: 'Guide de Lyon', price_cents: 1490, vat_rate_bp: 550, price_rule: 'capped', max_discount_bp: 500 }]);
    expect((await pos('item', 'list', '--search', 'quotidien')).stdout).toMatch(/PRES-001\s+\d+\s+Le Quotidien du matin\s+2,90 €\s+2,1 %\s+imposé\n/);
    expect((await pos('item', 'list', '--search', 'guide lyon')).stdout).toMatch(/LIVR-001\s+\d+\s+Guide de Lyon\s+14,90 €\s+5,5 %\s+−5 % max\n/);
    expect((await pos('--lang', 'en', 'item', 'list', '--search', 'timbres')).stdout).toMatch(/PAPE-017\s+\d+\s+Carnet de timbres x12\s+€15\.48\s+20%\s+fixed\n/);
  });

  it('refuses a bad --limit or --offset', async () => {
    expect(await pos('item', 'list', '--limit', 'many')).toEqual({ code: 1, stdout: '', stderr: 'Valeur invalide pour --limit : « many » (nombre entier de 1 à 1000)\n' });
    expect(await pos('item', 'list', '--offset', '-3')).toMatchObject({ code: 1 });
  });
});
