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

/** Where a page ends: the next page starts after this name key and id (stable, index-ordered). */
export interface Cursor {
  key: string;
  id: number;
}

// The same expression as the trigram and the ordering indexes of the customers table.
const NAME_KEY = `pos_fold(c.last_name || ' ' || c.first_name || ' ' || coalesce(c.company, ''))`;

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
  name_key: string;
}

const toSummary = (r: Row): CustomerSummary => ({
  id: r.id, code: r.code, name: customerName(r), phone: r.phone, email: r.email, groupCode: r.group_code,
  points: r.points ?? 0, accountCents: r.balance_cents, active: r.active,
});

/** Customers with what a list shows of them, the filters applied. */
function filtered(db: Db, filters: CustomerFilters) {
  const q = db('customers as c')
    .leftJoin('customer_groups as g', 'g.id', 'c.group_id')
    .leftJoin('loyalty_balances as b', 'b.customer_id', 'c.id')
    .leftJoin('customer_accounts as a', 'a.customer_id', 'c.id')
    .select('c.id', 'c.code', 'c.first_name', 'c.last_name', 'c.company', 'c.phone', 'c.email', 'c.active', 'g.code as group_code', 'b.points', 'a.balance_cents', db.raw(`${NAME_KEY} AS name_key`));
  const status = filters.status ?? 'active';
  if (status !== 'all') q.where('c.active', status === 'active');
  if (filters.groupCode) q.where('g.code', filters.groupCode);
  if (filters.owing) q.where('a.balance_cents', '<', 0);
  return q;
}

/** How the text typed is read: an e-mail address, the start of a phone number, or words of a name. */
function matchOn(text: string): { kind: 'email' | 'phone' | 'name' | 'all'; value: string } {
  const t = text.trim();
  if (t === '') return { kind: 'all', value: '' };
  if (t.includes('@')) return { kind: 'email', value: t.toLowerCase() };
  if (/^\+?[\d\s.\-()]+$/.test(t) && t.replace(/\D/g, '').length >= 3) return { kind: 'phone', value: t.replace(/[^\d+]/g, '') };
  return { kind: 'name', value: t };
}

/**
 * Customers matching what was typed (words of the name, the start of a phone number or of an
 * e-mail address; a whole customer code finds its customer first), filtered, in name order,
 * one page at a time after `after`.
 */
export async function searchCustomers(db: Db, text: string, filters: CustomerFilters, page: { after?: Cursor | null; limit: number }): Promise<{ rows: CustomerSummary[]; next: Cursor | null }> {
  const match = matchOn(text);
  const q = filtered(db, filters).orderByRaw(`${NAME_KEY}, c.id`).limit(page.limit + 1);
  if (match.kind === 'email') q.whereRaw("lower(c.email) LIKE ? ESCAPE '\\'", [`${escapeLike(match.value)}%`]);
  if (match.kind === 'phone') q.whereRaw("c.phone LIKE ? ESCAPE '\\'", [`${escapeLike(match.value)}%`]);
  if (match.kind === 'name') {
    for (const w of fold(match.value).split(/\s+/).filter(Boolean).slice(0, 5)) q.whereRaw(`${NAME_KEY} LIKE ? ESCAPE '\\'`, [`%${escapeLike(w)}%`]);
  }
  if (page.after) q.whereRaw(`(${NAME_KEY}, c.id) > (?, ?)`, [page.after.key, page.after.id]);
  const single = match.kind !== 'all' && !/\s/.test(text.trim());
  const [rows, byCode] = await Promise.all([
    q as Promise<Row[]>,
    single && !page.after ? (filtered(db, filters).whereIn('c.code', [text.trim(), text.trim().toUpperCase()]).limit(1) as Promise<Row[]>) : Promise.resolve([]),
  ]);
  const found = byCode[0];
  const rest = rows.slice(0, page.limit).filter((r) => r.id !== found?.id);
  const listed = found ? rest.slice(0, page.limit - 1) : rest;
  const last = listed.at(-1);
  const more = rows.length > page.limit || listed.length < rest.length;
  return { rows: (found ? [found, ...listed] : listed).map(toSummary), next: more && last ? { key: last.name_key, id: last.id } : null };
}
