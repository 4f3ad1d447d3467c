import { describe, expect, it } from 'vitest';
import { useCli } from '../testCli';

describe('pos item list', () => {
  const { pos } = useCli();

  it('lists items by SKU as JSON, a page at a time', async () => {
    const r = await pos('item', 'list', '--json', '--limit', '2', '--offset', '1');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(r.stdout)).toEqual({
      total: 200,
      offset: 1,
      limit: 2,
      items: [
        { sku: 'BOUL-002', barcode: '3760000000024', name: 'Baguette classique', price_cents: 110, vat_rate_bp: 550, group: expect.any(String) },
        { sku: 'BOUL-003', barcode: expect.any(String), name: expect.any(String), price_cents: expect.any(Number), vat_rate_bp: 550, group: expect.any(String) },
      ],
    });
  });

  it('searches names, case and accents aside, and shows a readable table', async () => {
    const json = JSON.parse((await pos('item', 'list', '--search', 'CAFE moulu', '--json')).stdout);
    expect(json.items.map((i: { name: string }) => i.name)).toEqual(['Café moulu 250 g']);
    const text = await pos('item', 'list', '--search', 'baguette');
    expect(text.stdout.split('\n')[0]).toMatch(/^Réf\.\s+Code-barres\s+Désignation\s+Prix TTC\s+TVA$/);
    expect(text.stdout).toMatch(/BOUL-001\s+3760000000017\s+Baguette tradition\s+1,30 €\s+5,5 %/);
    expect(text.stdout).toMatch(/Articles 1 à \d+ sur \d+\n$/);
    expect((await pos('item', 'list', '--search', 'zzzz')).stdout).toBe('Aucun article\n');
  });

  it('refuses a bad --limit or --offset', async () => {
    expect(await pos('item', 'list', '--limit', 'many')).toEqual({ code: 1, stdout: '', stderr: 'Valeur invalide pour --limit : « many » (nombre entier de 1 à 1000)\n' });
    expect(await pos('item', 'list', '--offset', '-3')).toMatchObject({ code: 1 });
  });
});
