// Reads printed ESC/POS bytes back for tests, with an independent decoder (npos): the till's
// own builder is not asked what it meant. npos splits the stream into commands; this reads
// the text (in the code page selected by ESC t), barcodes (GS k), QR codes (GS ( k), drawer
// kicks (ESC p) and cuts (GS V) out of them.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface NposNode {
  code: number;
  fn?: string;
  offset: number;
  length: number;
}

export interface Printed {
  /** The printed rows, as a person reads them. */
  text: string;
  barcodes: { type: number; data: string }[];
  qr: string[];
  drawer: { m: number; t1: number; t2: number }[];
  cuts: number;
  /**
   * What a printer would not understand, where it is: a command npos cannot parse (its first two
   * bytes), or a control byte inside the text (anything below 0x20 but HT, LF, CR; and DEL).
   */
  unknown: { offset: number; hex: string }[];
}

const CODE_PAGES: Record<number, string> = { 0: 'cp437', 2: 'cp850', 16: 'win1252', 19: 'cp858' };

export async function decodeEscPos(bytes: Buffer): Promise<Printed> {
  const npos = require('npos');
  const iconv = require('iconv-lite');
  // npos knows GS ( K but not the QR function GS ( k: same framing (pL pH, then data).
  const rules = JSON.parse(JSON.stringify(npos.rules, (_k, v) => v));
  const GS = 0x1d;
  rules[GS] = { ...npos.rules[GS], '(k': [0, 'd16'] };
  const out: Printed = { text: '', barcodes: [], qr: [], drawer: [], cuts: 0, unknown: [] };
  const nodes = commands(npos.parser(rules), bytes, out.unknown);
  let codePage = 'cp437';
  for (const node of nodes) {
    const raw = bytes.subarray(node.offset, node.offset + node.length);
    if (node.code === 0x1b && node.fn === 't') codePage = CODE_PAGES[raw[2]!] ?? 'cp437';
    else if (node.code === 0x1b && node.fn === 'p') out.drawer.push({ m: raw[2]!, t1: raw[3]!, t2: raw[4]! });
    else if (node.code === GS && node.fn === 'V') out.cuts += 1;
    else if (node.code === GS && node.fn === 'k') {
      const type = raw[2]!;
      // Function B (type ≥ 65): a length byte; CODE128 data starts with its code set, {B.
      let data = type >= 65 ? raw.subarray(4, 4 + raw[3]!).toString('latin1') : raw.subarray(3, raw.indexOf(0, 3)).toString('latin1');
      if (type === 73) data = data.replace(/^\{[ABC]/, '');
      out.barcodes.push({ type, data });
    } else if (node.code === GS && node.fn === '(k') {
      // fn 50 (store the data) of the QR function 49: cn=0x31, fn=0x50, m=0x30.
      if (raw[5] === 0x31 && raw[6] === 0x50) out.qr.push(raw.subarray(8).toString('latin1'));
    } else if (node.code === 0x0a) out.text += '\n';
    else if (node.code === 0x02 || node.code === undefined || !(node.code in rules)) {
      // A run of printable bytes between commands.
      const printable = [...raw].map((b, i) => {
        if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) {
          out.unknown.push({ offset: node.offset + i, hex: hex(raw.subarray(i, i + 1)) });
          return null;
        }
        return b;
      });
      out.text += iconv.decode(Buffer.from(printable.filter((b) => b !== null)), codePage);
    }
  }
  out.unknown.sort((a, b) => a.offset - b.offset);
  return out;
}

interface NposParser {
  analyze(raw: Buffer): { error?: Error; tree: NposNode[] | null };
}

const hex = (b: Buffer) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');

/**
 * The stream split into commands. npos stops at the first command it does not know; this notes
 * that command's bytes in `unknown` and goes on after them, so one bad command neither hides the
 * rest of the receipt nor passes unnoticed.
 */
function commands(parser: NposParser, bytes: Buffer, unknown: Printed['unknown']): NposNode[] {
  const nodes: NposNode[] = [];
  const take = (tree: NposNode[], base: number) => nodes.push(...tree.map((n) => ({ ...n, offset: n.offset + base })));
  let start = 0;
  while (start < bytes.length) {
    const part = bytes.subarray(start);
    const ast = parser.analyze(part);
    if (ast.tree) {
      take(ast.tree, start);
      break;
    }
    // npos's message says where: "Can not parse commands - [ESC ?] <(offset/length) bytes>".
    const at = Number(/<\((\d+)\//.exec(ast.error?.message ?? '')?.[1]);
    if (!Number.isInteger(at)) throw ast.error ?? new Error('npos could not parse the bytes');
    take(parser.analyze(part.subarray(0, at)).tree ?? [], start);
    const bad = part.subarray(at, at + 2);
    unknown.push({ offset: start + at, hex: hex(bad) });
    start += at + bad.length;
  }
  return nodes;
}
