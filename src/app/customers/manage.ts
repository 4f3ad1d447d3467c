import type { Knex } from 'knex';
import { insertAudit, type AuditEntry } from '../../data/audit';
import { customerById, customerByCard, type CustomerRecord } from '../../data/customers';
import { codeConflict, codeIsItem, customerGroups, insertCustomer, setCustomerCode, updateCustomer } from '../../data/customersWrite';
import { parseScaleBarcode } from '../../domain/scaleBarcode';
import { checkCustomerFields, normalizeCode, type CustomerFields } from '../../domain/customer/input';
import { refuse } from '../errors';

/** What may be typed for a customer, anywhere: each field as text (the address as lines). */
export type CustomerInput = Partial<Record<keyof CustomerFields, string | string[] | null>> & {
  /** A loyalty card's code (scanned or typed); none: the till makes one. */
  card?: string | null;
  group?: string | null;
  /** Their own standing discount in basis points; null removes it. */
  discountBp?: number | null;
};

/** Who makes a change to a customer, as the other back-office changes say it (src/app/ruleChange.ts). */
export interface Who {
  terminalId: number | null;
  operatorId: number | null;
  /** The change holds a manager's decision (a standing discount): the operator, checked as one, approves it. */
  managed?: boolean;
  /** The screen (the default) or a command. */
  via?: 'till' | 'cli';
}

/** The audit row of a change to a customer: who, approved by whom, which till, what, from where. */
function entry(who: Who, action: string, details: Record<string, unknown>): AuditEntry {
  return { action, terminalId: who.terminalId, operatorId: who.operatorId, approverId: who.managed ? who.operatorId : null, details: { ...details, via: who.via ?? 'till' } };
}

function fieldsOf(raw: CustomerInput): CustomerFields {
  const r = checkCustomerFields(raw);
  if ('error' in r) refuse(r.error, { value: r.value ?? '' });
  return r.fields;
}

async function groupId(db: Knex, code: string | null | undefined): Promise<number | null | undefined> {
  if (code === undefined) return undefined;
  if (code === null || code.trim() === '') return null;
  const group = (await customerGroups(db)).find((g) => g.code === code.trim().toUpperCase());
  if (!group) refuse('customer.groupUnknown', { code });
  return group.id;
}

function checkDiscount(bp: number | null | undefined): void {
  if (bp !== undefined && bp !== null && !(Number.isInteger(bp) && bp >= 1 && bp <= 10_000)) refuse('customer.discountInvalid');
}

/** A card code fit to give: well formed, not an item's barcode or SKU nor a scale label's (the till would sell that item). */
async function cardCode(db: Knex, text: string): Promise<string> {
  const code = normalizeCode(text);
  if (!code) refuse('customer.codeInvalid', { code: text.trim() });
  // The scale labels' resolver comes before the cards': such a code would never reach them.
  if (parseScaleBarcode(code)) refuse('customer.codeIsScale', { code });
  if (await codeIsItem(db, code)) refuse('customer.codeIsItem', { code });
  return code;
}

/** Says who holds a code a write was refused for: someone now, or a card replaced before. */
async function refuseTaken(db: Knex, error: unknown, code: string): Promise<never> {
  const conflict = codeConflict(error);
  if (!conflict) throw error;
  const { found } = await customerByCard(db, code);
  if (conflict === 'retired' || found?.retiredAt) refuse('customer.codeRetired', { code, name: found?.customer.name ?? '?' });
  refuse('customer.codeTaken', { code, name: found?.customer.name ?? '?' });
}

/** A new customer; with a card code, that card is theirs from now on. */
export async function createCustomer(db: Knex, raw: CustomerInput, who: Who): Promise<CustomerRecord> {
  const fields = fieldsOf(raw);
  checkDiscount(raw.discountBp);
  const code = raw.card ? await cardCode(db, raw.card) : null;
  const group = await groupId(db, raw.group);
  try {
    const made = await db.transaction(async (trx) => {
      const c = await insertCustomer(trx, fields, { code, groupId: group ?? null });
      if (raw.discountBp) await updateCustomer(trx, c.id, fields, { discountBp: raw.discountBp });
      await insertAudit(trx, [entry(who, 'customer_created', { customer_id: c.id, code: c.code, ...(raw.discountBp && { discount_bp: raw.discountBp }) })]);
      return c;
    });
    return (await customerById(db, made.id))!;
  } catch (error) {
    return refuseTaken(db, error, code ?? '');
  }
}

/** New details for a customer; what is not given stays as it was. */
export async function editCustomer(db: Knex, id: number, raw: CustomerInput & { active?: boolean }, who: Who): Promise<CustomerRecord> {
  const before = await customerById(db, id);
  if (!before) refuse('customer.notFound');
  const fields = fieldsOf({
    firstName: before.firstName, lastName: before.lastName, company: before.company, email: before.email,
    phone: before.phone, address: before.address, notes: before.notes, ...raw,
  });
  checkDiscount(raw.discountBp);
  const group = await groupId(db, raw.group);
  await db.transaction(async (trx) => {
    await updateCustomer(trx, id, fields, { groupId: group, discountBp: raw.discountBp, active: raw.active });
    // What was given, by name (not the values: an address or a phone is no business of the log),
    // and the values that are rules: the discount, the group, open or closed.
    const given = Object.keys(raw).filter((k) => raw[k as keyof typeof raw] !== undefined);
    const rules = { ...(raw.discountBp !== undefined && { discount_bp: raw.discountBp }), ...(raw.group !== undefined && { group: raw.group }), ...(raw.active !== undefined && { active: raw.active }) };
    await insertAudit(trx, [entry(who, 'customer_edited', { customer_id: id, fields: given, ...rules })]);
  });
  return (await customerById(db, id))!;
}

/**
 * Gives a customer a loyalty card: a new card for a new customer, or a replacement for a lost
 * one. The code they had stops working for good (kept in their card history); a code held by
 * someone else, or once given to anyone, is refused.
 */
export async function giveCard(db: Knex, customerId: number, text: string, who: Who): Promise<{ customer: CustomerRecord; previous: string }> {
  const code = await cardCode(db, text);
  const before = await customerById(db, customerId);
  if (!before) refuse('customer.notFound');
  if (before.code === code) refuse('customer.codeSame', { code });
  try {
    const previous = await db.transaction(async (trx) => {
      const changed = await setCustomerCode(trx, customerId, code);
      // Any operator's: a card is no manager's decision.
      await insertAudit(trx, [entry({ ...who, managed: false }, 'customer_card', { customer_id: customerId, from: changed?.previous, to: code })]);
      return changed?.previous ?? before.code;
    });
    return { customer: (await customerById(db, customerId))!, previous };
  } catch (error) {
    return refuseTaken(db, error, code);
  }
}

/** A customer by their code (their card) for the back room and the command line, closed ones too. */
export async function customerByCode(db: Knex, code: string): Promise<CustomerRecord> {
  const { found } = await customerByCard(db, code.trim());
  if (!found) refuse('customer.unknownCode', { code });
  if (found.retiredAt) refuse('customer.cardReplaced', { code, name: found.customer.name });
  return found.customer;
}
