import type { BasketCustomer } from '../domain/basket';
import type { Db } from './db';

/** An active customer by their code (the loyalty card's barcode), as a sale needs them. */
export async function findCustomerByCode(db: Db, code: string): Promise<BasketCustomer | null> {
  const r = await db('customers as c')
    .leftJoin('customer_groups as g', 'g.id', 'c.group_id')
    .select('c.id', 'c.code', 'c.first_name', 'c.last_name', 'c.company', 'g.code as group_code')
    .where({ 'c.code': code, 'c.active': true })
    .first();
  return r ? { id: r.id, code: r.code, name: customerName(r), groupCode: r.group_code } : null;
}

/** "Martin Claire", or the company for a business customer without a person's name. */
export function customerName(r: { first_name: string; last_name: string; company: string | null }): string {
  const person = [r.last_name, r.first_name].filter(Boolean).join(' ');
  return person || r.company || '';
}
