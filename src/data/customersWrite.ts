import type { CustomerFields } from '../domain/customer/input';
import type { Db } from './db';

/** Why a code cannot be given: held by someone now, or given before (a replaced card). */
export type CodeConflict = 'current' | 'retired';

/** The constraint a unique violation names, for codes: a customer's current code or an old card. */
export function codeConflict(error: unknown): CodeConflict | null {
  const e = error as { code?: string; constraint?: string };
  if (e.code !== '23505') return null;
  if (e.constraint === 'customers_code_unique') return 'current';
  if (e.constraint === 'customer_cards_pkey') return 'retired';
  return null;
}

function fieldsRow(f: CustomerFields) {
  return {
    first_name: f.firstName,
    last_name: f.lastName,
    company: f.company,
    email: f.email,
    phone: f.phone,
    address: f.address,
    notes: f.notes,
  };
}

/**
 * A new customer. Without a code they get one from the sequence ("C0000042"), until a card is
 * given; a unique violation (the code taken) reaches the caller.
 */
export async function insertCustomer(db: Db, f: CustomerFields, opts: { code: string | null; groupId: number | null }): Promise<{ id: number; code: string }> {
  const code = opts.code ?? db.raw("'C' || lpad(nextval('customer_code_seq')::text, 7, '0')");
  const [row] = await db('customers').insert({ ...fieldsRow(f), code, group_id: opts.groupId }).returning(['id', 'code']);
  return { id: row.id, code: row.code };
}

export async function updateCustomer(db: Db, id: number, f: CustomerFields, extra: { groupId?: number | null; discountBp?: number | null; active?: boolean }): Promise<boolean> {
  const n = await db('customers')
    .where('id', id)
    .update({
      ...fieldsRow(f),
      ...(extra.groupId !== undefined && { group_id: extra.groupId }),
      ...(extra.discountBp !== undefined && { discount_bp: extra.discountBp }),
      ...(extra.active !== undefined && { active: extra.active }),
      updated_at: db.fn.now(),
    });
  return n > 0;
}

/** Gives the customer a new card code; the trigger retires the old one for good. */
export async function setCustomerCode(db: Db, id: number, code: string): Promise<{ previous: string } | null> {
  const { rows } = await db.raw<{ rows: { previous: string }[] }>(
    `UPDATE customers c SET code = ?, updated_at = now() FROM customers old
      WHERE c.id = ? AND old.id = c.id RETURNING old.code AS previous`,
    [code, id],
  );
  return rows[0] ?? null;
}

export interface CustomerGroup {
  id: number;
  code: string;
  name: string;
  discountBp: number | null;
}

export async function customerGroups(db: Db): Promise<CustomerGroup[]> {
  const rows = (await db('customer_groups').select('id', 'code', 'name', 'discount_bp').orderBy('code')) as { id: number; code: string; name: string; discount_bp: number | null }[];
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, discountBp: r.discount_bp }));
}

export async function upsertCustomerGroup(db: Db, g: { code: string; name: string; discountBp: number | null }): Promise<void> {
  await db('customer_groups').insert({ code: g.code, name: g.name, discount_bp: g.discountBp }).onConflict('code').merge();
}

/** Whether a code is an item's barcode or SKU: the entry line would take it for that item. */
export async function codeIsItem(db: Db, code: string): Promise<boolean> {
  const row = await db('items').where('barcode', code).orWhere('sku', code.toUpperCase()).first('id');
  return row !== undefined;
}
