// Large figures for the item keys (the quantity left of a low item), drawn by figlet (MIT, a
// FIGfont renderer) in its "Small Block" font: four rows, three columns a digit, of block
// characters every terminal draws one column wide. The core without file access ('figlet/
// browser') and the font as a module: the bundle carries both, nothing is read at run time.
import figlet from 'figlet/browser';
import smallBlock from 'figlet/fonts/Small Block';

const FONT = 'Small Block';
let parsed = false;

/** The figure's rows, trailing blanks cut; every row as wide as the widest. */
export function bigFigure(n: number): string[] {
  if (!parsed) {
    figlet.parseFont(FONT, smallBlock);
    parsed = true;
  }
  const rows = figlet.textSync(String(n), { font: FONT }).split('\n').map((r) => r.trimEnd());
  while (rows.length > 0 && rows.at(-1) === '') rows.pop();
  const width = Math.max(...rows.map((r) => r.length));
  return rows.map((r) => r.padEnd(width));
}
