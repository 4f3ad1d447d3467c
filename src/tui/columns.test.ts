import { describe, expect, it } from 'vitest';
import { clip, fit, hang, right, table, wrap, wrapParts } from './columns';

describe('table columns', () => {
  it('cut a long text with an ellipsis and pad a short one to the column, a space before the next always', () => {
    expect(fit('Baguette tradition', 8)).toBe('Baguet… ');
    expect(fit('Pain', 8)).toBe('Pain    ');
    expect(fit('Pain', 0)).toBe('');
    // A name exactly as wide as its column used to touch the next one: "Vins −10 %oui".
    expect(fit('Vins −10 %', 11) + fit('oui', 4)).toBe('Vins −10 % oui ');
    // Cut, the name loses its number with its unit, never the unit alone ("Vins −10…" would be read as 10 €).
    expect(fit('Vins −10 %', 10) + fit('oui', 4)).toBe('Vins…     oui ');
    expect(right('8,99 €', 10)).toBe('    8,99 €');
    // An amount is never cut: a wider one keeps its space and pushes the row.
    expect(right('1 234,50 €', 10)).toBe(' 1 234,50 €');
  });

  it('never cut a number or a code in the middle: the cut goes back to the word before', () => {
    expect(clip('Pain', 8)).toBe('Pain');
    expect(clip('Pain', 0)).toBe('');
    expect(clip('Bordeaux rouge 75 cl', 17)).toBe('Bordeaux rouge…');
    expect(clip('Lambert Sophie (FID-000001) · 230 pts', 22)).toBe('Lambert Sophie…');
    expect(clip('Solde 12,50 € · web CMD-1042', 26)).toBe('Solde 12,50 € · web…');
    // One word too long for its room has nowhere else to be cut.
    expect(clip('BR26-000042-XYZ', 8)).toBe('BR26-00…');
  });

  it('wrap a message onto as many lines as it takes, losing nothing', () => {
    const text = 'Carte client inconnue : FID-999999 (le client du ticket reste Lambert Sophie)';
    const lines = wrap(text, 40);
    expect(lines).toEqual(['Carte client inconnue : FID-999999 (le', 'client du ticket reste Lambert Sophie)']);
    expect(lines.join(' ')).toBe(text);
    expect(wrap('court', 40)).toEqual(['court']);
    expect(wrap('ABCDEFGHIJ', 4)).toEqual(['ABCD', 'EFGH', 'IJ']);
  });

  it('hang what does not fit on a line under it, cut at a space: a reference is never split', () => {
    const use = '    22/11/2026 14:05     -5,00 €    25,00 €  web · M01 · CMD-1042';
    expect(hang(use, 80)).toEqual([use]);
    expect(hang(use, 56, 6)).toEqual(['    22/11/2026 14:05     -5,00 €    25,00 €', '      web · M01 · CMD-1042']);
    expect(hang('Bon d’achat utilisé sur la commande CMD-1042 du site', 40)).toEqual(['Bon d’achat utilisé sur la commande', '    CMD-1042 du site']);
  });

  it('lay parts out on lines without splitting one, the last line cut at a word', () => {
    const parts = ['Lambert Sophie (FID-000001)', '230 pts', '4 passages', '★ 10 € offerts : Ctrl+F'];
    expect(wrapParts(parts, 80, 2)).toEqual(['Lambert Sophie (FID-000001) · 230 pts · 4 passages · ★ 10 € offerts : Ctrl+F']);
    expect(wrapParts(parts, 60, 2)).toEqual(['Lambert Sophie (FID-000001) · 230 pts · 4 passages', '★ 10 € offerts : Ctrl+F']);
    expect(wrapParts(parts, 30, 2)).toEqual(['Lambert Sophie (FID-000001)', '230 pts · 4 passages …']);
  });
});

describe('tables', () => {
  it('give up columns in their order on a narrow line, widen the flexible one, keep every gap', () => {
    const columns = [{ width: 19 }, { width: 10, flex: true }, { width: 11, right: true, drop: 2 }, { width: 11, right: true, drop: 1 }, { width: 11, right: true }, { width: 8 }];
    const cells = ['K7QM-4HXT-9CWR-PN', 'Martin Claire', '06/12/2027', '30,00 €', '25,00 €', 'actif'];
    expect(table(columns, 76)(cells)).toBe('K7QM-4HXT-9CWR-PN  Martin Claire    06/12/2027    30,00 €   25,00 € actif');
    expect(table(columns, 59)(cells)).toBe('K7QM-4HXT-9CWR-PN  Martin…    06/12/2027   25,00 € actif');
    expect(table(columns, 56)(cells)).toBe('K7QM-4HXT-9CWR-PN  Martin Claire        25,00 € actif');
  });
});
