// COPY … FROM STDIN in PostgreSQL's text format, fed from rows made in JS one at a time: a
// table of ten million rows streams through in chunks and never sits whole in memory.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A column's value: null is SQL NULL; strings are sent as they are (arrays and jsonb as their text). */
export type Cell = string | number | boolean | null;

/** Bytes gathered before a write: large enough for few writes, small enough to stream. */
const CHUNK = 256 * 1024;

const SPECIAL = /[\\\t\n\r]/;

/** A value in COPY's text format: backslash, tab and line ends escaped, NULL as \N. */
export function copyText(v: Cell): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return SPECIAL.test(v) ? v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : v;
}

/** A PostgreSQL array literal of texts, each quoted: {"12 rue X","75001 Paris"}. */
export function pgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

function* chunks(rows: Iterable<readonly Cell[]>, count: { n: number }): Generator<string> {
  let buf = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < row.length; i++) line += (i === 0 ? '' : '\t') + copyText(row[i]!);
    buf += `${line}\n`;
    count.n++;
    if (buf.length >= CHUNK) {
      yield buf;
      buf = '';
    }
  }
  if (buf.length > 0) yield buf;
}

/** Streams `rows` into `table` (its `columns`, the others take their defaults); returns how many. */
export async function copyInto(client: pg.ClientBase, table: string, columns: readonly string[], rows: Iterable<readonly Cell[]>): Promise<number> {
  const count = { n: 0 };
  const sink = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks(rows, count), { objectMode: false }), sink);
  return count.n;
}
