import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, useCli } from '../testCli';

// `pos keys` as a shop runs it (bin/pos): the pages of the configuration file written for the
// store or one till; an unknown item, a bad key refuse them all and change nothing.

describe('pos keys', () => {
  const { db, root, pos } = useCli();
  const withConfig = async (pages: unknown, ...args: string[]) => {
    const file = join(root(), 'keys.json');
    await writeFile(file, JSON.stringify({ itemKeys: { pages } }));
    return runCli(root(), { DATABASE_URL: db().url, POS_CONFIG: file }, args);
  };

  it('apply: a till\'s own pages from the configuration file; show: what each till shows; bad pages refused whole', async () => {
    const before = (await pos('keys', 'show', '--till', 'T02')).stdout;
    expect(before).toMatch(/^1\. Boulangerie\n  1  BOUL-001 {3}Baguette tradition +1,30 €\n/);
    expect(before).toContain('2. Café et snacks');

    const bad = await withConfig([{ name: 'Comptoir', keys: { '1': 'SNAK-001', '2': 'POMME-001' } }], 'keys', 'apply', '--operator', '2', '--till', 'T02');
    expect(bad).toMatchObject({ code: 1, stdout: '', stderr: 'Page « Comptoir », touche 2 : article inconnu « POMME-001 »\n' });
    expect(await withConfig([{ name: 'Comptoir', keys: { '0': 'SNAK-001' } }], 'keys', 'apply', '--operator', '2', '--till', 'T02')).toMatchObject({ code: 1, stderr: 'Touche invalide : « 0 » (1 à 9 ou A à Z)\n' });
    expect(await withConfig([], 'keys', 'apply', '--operator', '2', '--till', 'T09')).toMatchObject({ code: 1, stderr: expect.stringContaining('Caisse T09 inconnue') });
    expect((await pos('keys', 'show', '--till', 'T02')).stdout).toBe(before);

    const ok = await withConfig([{ name: 'Comptoir', keys: { '1': 'SNAK-001', a: '3760000000017' } }], 'keys', 'apply', '--operator', '2', '--till', 'T02');
    expect(ok).toMatchObject({ code: 0, stderr: '', stdout: '1 page de touches, 2 touches enregistrées\n' });
    const json = JSON.parse((await pos('keys', 'show', '--till', 't02', '--json')).stdout);
    expect(json.pages).toEqual([{ position: 1, name: 'Comptoir', till: true, keys: [
      { key: '1', sku: 'SNAK-001', name: 'Café expresso', caption: null, price_cents: 150 },
      { key: 'A', sku: 'BOUL-001', name: 'Baguette tradition', caption: null, price_cents: 130 },
    ] }]);
    // T01 still shows the store's.
    expect((await pos('keys', 'show')).stdout).toBe(before);
    const events = await db().db('events').where('kind', 'keys').count({ n: '*' });
    expect(Number(events[0]!.n)).toBe(1);
  });
});
