import type { Knex } from 'knex';
import { customerName } from './customers';
import type { Db } from './db';
import { fold } from './items';

export interface CustomerFilters {
  groupCode?: string | null;
  status?: 'active' | 'inactive' | 'all';
  /** Only customers whose account is below zero (they owe the shop). */
  owing?: boolean;
}

export interface CustomerSummary {
  id: number;
  code: string;
  name: string;
  phone: string | null;
  email: string | null;
  groupCode: string | null;
  points: number;
  accountCents: number | null;
  active: boolean;
}

/** Where a page ends: the next one starts after this customer number. */
export interface Cursor {
  id: number;
}

/** How the text typed is read: words of a name, the start of a phone number or of an e-mail address. */
export type SearchMatch =
  | { kind: 'all' }
  | { kind: 'name'; words: string[] }
  | { kind: 'phone'; digits: string }
  | { kind: 'email'; start: string }
  /** Too short to be looked up by index (fewer than 3 letters of a name, 6 digits): a customer code only. */
  | { kind: 'code' };

export function searchMatch(text: string): SearchMatch {
  const t = text.trim();
  if (t === '') return { kind: 'all' };
  if (t.includes('@')) return { kind: 'email', start: t.toLowerCase() };
  if (/^\+?[\d\s.\-()]+$/.test(t)) {
    const digits = t.replace(/[^\d+]/g, '');
    return digits.replace('+', '').length >= 6 ? { kind: 'phone', digits } : { kind: 'code' };
  }
  const words = fold(t).split(/\s+/).filter(Boolean).slice(0, 5);
  return words.some((w) => w.length >= 3) ? { kind: 'name', words } : { kind: 'code' };
}

// Customers walked in number order through a covering index: enough of them to find a page of
// any fragment that one customer in a thousand shares, in a few milliseconds.
const WINDOW = 20_000;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

interface Row {
  id: number;
  code: string;
  first_name: string;
  last_name: string;
  company: string | null;
  phone: string | null;
  email: string | null;
  active: boolean;
  group_code: string | null;
  points: number | null;
  balance_cents: number | null;
}

const toSummary = (r: Row): CustomerSummary => ({
  id: r.id, code: r.code, name: customerName(r), phone: r.phone, email: r.email, groupCode: r.group_code,
  points: r.points ?? 0, accountCents: r.balance_cents, active: r.active,
});

/** What a list shows of a customer, `from` being either the customers table or a window of it (`w`). */
function listed(db: Db, from: Knex.QueryBuilder | string, key: 'c' | 'w'): Knex.QueryBuilder {
  const q = db.from(from as never) as Knex.QueryBuilder;
  if (key === 'w') q.join('customers as c', 'c.id', 'w.id');
  return q
    .leftJoin('customer_groups as g', 'g.id', `${key}.group_id`)
    .leftJoin('loyalty_balances as b', 'b.customer_id', 'c.id')
    .leftJoin('customer_accounts as a', 'a.customer_id', 'c.id')
    .select('c.id', 'c.code', 'c.first_name', 'c.last_name', 'c.company', 'c.phone', 'c.email', 'c.active', 'g.code as group_code', 'b.points', 'a.balance_cents');
}

function where(q: Knex.QueryBuilder, match: SearchMatch, filters: CustomerFilters, key: 'c' | 'w'): void {
  if (match.kind === 'name') for (const w of match.words) q.whereRaw(`${key}.name_key LIKE ? ESCAPE '\\'`, [`%${escapeLike(w)}%`]);
  if (match.kind === 'phone') q.whereRaw("c.phone LIKE ? ESCAPE '\\'", [`${escapeLike(match.digits)}%`]);
  if (match.kind === 'email') q.whereRaw("lower(c.email) LIKE ? ESCAPE '\\'", [`${escapeLike(match.start)}%`]);
  const status = filters.status ?? 'active';
  if (status !== 'all') q.where(`${key}.active`, status === 'active');
  if (filters.groupCode) q.where('g.code', filters.groupCode);
  if (filters.owing) q.where('a.balance_cents', '<', 0);
}

/**
 * Customers matching what was typed (see searchMatch; a whole customer code finds its customer
 * first), filtered, in customer-number order, one page at a time after `after`. A page is found
 * in the next customers by number when the text is common; past them, through the trigram
 * (or phone, e-mail) index, where only rare matches are left to sort.
 */
export async function searchCustomers(db: Db, text: string, filters: CustomerFilters, page: { after?: Cursor | null; limit: number; window?: number }): Promise<{ rows: CustomerSummary[]; next: Cursor | null }> {
  const match = searchMatch(text);
  const after = page.after?.id ?? 0;
  const want = page.limit + 1;
  const size = page.window ?? WINDOW;
  let rows: Row[];
  if (match.kind === 'all' || match.kind === 'name') {
    const window = db('customers').select('id', 'name_key', 'active', 'group_id').where('id', '>', after).orderBy('id').limit(size).as('w');
    const q = listed(db, window, 'w').orderBy('w.id').limit(want);
    where(q, match, filters, 'w');
    rows = (await q) as Row[];
    if (rows.length < want) {
      const end = (await db.from(db('customers').select('id').where('id', '>', after).orderBy('id').limit(size).as('w')).max({ id: 'w.id' }).first()) as { id: number | null };
      if (end.id !== null) rows = [...rows, ...(await rare(db, match, filters, end.id, want - rows.length))];
    }
  } else if (match.kind === 'code') {
    rows = [];
  } else {
    rows = await rare(db, match, filters, after, want);
  }
  // The customer a whole code names leads the first page and is left out of every page (they
  // may match the words too, further on); found again on each page to be left out there.
  const single = match.kind !== 'all' && !/\s/.test(text.trim());
  const byCode = single ? await byCodeRow(db, text.trim(), filters) : undefined;
  const lead = byCode && !page.after ? byCode : undefined;
  const taken = rows.slice(0, page.limit);
  const rest = taken.filter((r) => r.id !== byCode?.id);
  const shown = lead ? rest.slice(0, page.limit - 1) : rest;
  const more = rows.length > page.limit || shown.length < rest.length;
  // The next page starts past every row this one went through: the last shown when the lead
  // pushed some out (where this page started, when it pushed them all), else the last taken.
  const through = shown.length < rest.length ? (shown.at(-1)?.id ?? after) : taken.at(-1)?.id;
  return { rows: (lead ? [lead, ...shown] : shown).map(toSummary), next: more && through !== undefined ? { id: through } : null };
}

async function byCodeRow(db: Db, code: string, filters: CustomerFilters): Promise<Row | undefined> {
  const q = listed(db, 'customers as c', 'c').whereIn('c.code', [code, code.toUpperCase()]).limit(1);
  where(q, { kind: 'all' }, filters, 'c');
  return ((await q) as Row[])[0];
}

/**
 * Matches past `after` through their own index: a bitmap of the trigram (phone, e-mail) index,
 * then the few rows it names sorted by number. The planner is kept off the sequential scan: it
 * cannot know the matches are few, having been sent here because the walk found them rare.
 */
async function rare(db: Db, match: SearchMatch, filters: CustomerFilters, after: number, limit: number): Promise<Row[]> {
  const run = async (trx: Db) => {
    await trx.raw('SET LOCAL enable_seqscan = off');
    const q = listed(trx, 'customers as c', 'c').where('c.id', '>', after).orderByRaw('c.id + 0').limit(limit);
    where(q, match, filters, 'c');
    return (await q) as Row[];
  };
  return 'isTransaction' in db && db.isTransaction ? run(db) : (db as Knex).transaction(run);
}
