// Helpers for the coupon tests: definitions from a few fields, sales with codes applied the
// way the till applies them (through the entry line's resolvers).
import type { Knex } from 'knex';
import { findCustomerByCode } from '../../data/customers';
import type { Terminal } from '../../data/places';
import { basketReducer, basketTotals, type BasketAction } from '../../domain/basket';
import { settle } from '../../domain/tender';
import { saleRequest } from '../../testing/fixtures';
import type { SaleRequest } from '../saleRequest';
import { lookupEntry } from '../lookup';
import { EMPTY_FIELDS, type DefinitionFields } from './definitionFields';

export const fields = (f: Partial<DefinitionFields>): DefinitionFields => ({ ...EMPTY_FIELDS, name: 'Remise test', value: '10', ...f });

export async function addCustomer(db: Knex, code: string, opts: { group?: string; name?: string } = {}): Promise<number> {
  let groupId: number | null = null;
  if (opts.group) {
    await db('customer_groups').insert({ code: opts.group, name: `Groupe ${opts.group}` }).onConflict('code').ignore();
    groupId = (await db('customer_groups').where('code', opts.group).first('id')).id;
  }
  const [row] = await db('customers').insert({ code, last_name: opts.name ?? `Client ${code}`, group_id: groupId }).returning('id');
  return row.id;
}

/** A sale of these lines on this till, for this customer, with these codes typed on the entry line; paid in cash. */
export async function saleWithCodes(
  db: Knex,
  terminal: Terminal,
  lines: [string, number][],
  codes: string[],
  opts: { customer?: string; key?: string; timeZone?: string } = {},
): Promise<SaleRequest> {
  const req = await saleRequest(db, { terminal, lines, key: opts.key });
  let basket = req.basket;
  const apply = (a: BasketAction) => {
    const r = basketReducer(basket, a);
    if ('error' in r) throw new Error(r.error);
    basket = r.basket;
  };
  if (opts.customer) apply({ type: 'customer', customer: (await findCustomerByCode(db, opts.customer))! });
  for (const code of codes) {
    const found = await lookupEntry(db, code, { basket, terminal, operatorId: 1, lang: 'fr', timeZone: opts.timeZone ?? 'Europe/Paris' });
    if (found.kind !== 'action') throw new Error(`${code} is not a code`);
    apply(found.action);
  }
  const total = basketTotals(basket).totalCents;
  const settled = settle(total, total === 0 ? [] : [{ kind: 'cash', cents: Math.abs(total) }]);
  if ('error' in settled) throw new Error(settled.error);
  return { ...req, basket, payment: settled.payment };
}
