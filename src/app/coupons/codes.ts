import type { Knex } from 'knex';
import { customerGroupIds, customerIdsByCode, findDefinitionById } from '../../data/coupons';
import { findCode, setCodeStatus, setDefinitionCodesStatus, updateCode, type CodeRecord } from '../../data/couponCodes';
import { listUses, type UseRecord } from '../../data/couponUses';
import type { Db } from '../../data/db';
import { publishEvents } from '../../data/events';
import { parseDay } from '../../domain/day';
import { normalizeCode, withinValidity, type CodeStatus } from '../../domain/coupon/codes';
import { refuse } from '../errors';
import { couponBySymbol } from './definitions';

/** The live code with this text (else the latest blocked one), as typed. */
export async function codeByText(db: Db, text: string): Promise<CodeRecord> {
  const code = await findCode(db, normalizeCode(text));
  if (!code) refuse('coupon.unknown', { code: normalizeCode(text) });
  return code;
}

/**
 * Blocks or activates codes. Blocking is for good: the code can never be used again and its
 * text is free for a new code (the seed: texts are unique among inactive and active codes).
 */
export async function setStatus(db: Knex, texts: readonly string[], status: Exclude<CodeStatus, 'blocked'> | 'blocked'): Promise<number> {
  return db.transaction(async (trx) => {
    for (const text of texts) {
      const code = await codeByText(trx, text);
      if (code.status === 'blocked') refuse('coupon.code.alreadyBlocked', { code: code.code });
      await setCodeStatus(trx, code.code, status);
      // Every till hears of it at once: an open basket holding the code says so.
      await publishEvents(trx, [{ kind: 'coupon', subject: code.code, data: { status } }]);
    }
    return texts.length;
  });
}

/** Every inactive code of a definition made active at once (a batch generated ahead). */
export async function activateAll(db: Knex, symbol: string): Promise<number> {
  const def = await couponBySymbol(db, symbol);
  return setDefinitionCodesStatus(db, def.id, 'inactive', 'active');
}

export interface CodeEdit {
  validFrom?: string;
  validUntil?: string;
  status?: string;
  /** A customer's code, or '' for none. */
  customer?: string;
  /** A customer group's code, or '' for none. */
  group?: string;
  description?: string;
}

/** Changes a live code: its dates (inside its definition's), status, holder, description. */
export async function editCode(db: Knex, text: string, e: CodeEdit): Promise<CodeRecord> {
  return db.transaction(async (trx) => {
    const code = await codeByText(trx, text);
    if (code.status === 'blocked') refuse('coupon.code.alreadyBlocked', { code: code.code });
    const definition = (await findDefinitionById(trx, code.definitionId, 'read'))!;
    const day = (t: string | undefined, was: string | null) => (t === undefined ? was : t.trim() === '' ? null : (parseDay(t) ?? refuse('coupon.def.dateInvalid', { text: t })));
    const validFrom = day(e.validFrom, code.validFrom);
    const validUntil = day(e.validUntil, code.validUntil);
    const outside = withinValidity({ from: validFrom, until: validUntil }, { from: definition.terms.validFrom, until: definition.terms.validUntil });
    if (outside) refuse(outside);
    const status = (e.status ?? code.status).trim().toLowerCase();
    if (status !== 'inactive' && status !== 'active' && status !== 'blocked') refuse('coupon.codes.statusInvalid', { text: e.status ?? '' });
    let customerId: number | null = null;
    let groupId: number | null = null;
    const customer = e.customer ?? code.customerCode ?? '';
    const group = (e.group ?? code.groupCode ?? '').toUpperCase();
    if (customer) customerId = (await customerIdsByCode(trx, [customer])).get(customer) ?? refuse('customer.unknownCode', { code: customer });
    if (group) groupId = (await customerGroupIds(trx)).get(group) ?? refuse('coupon.codes.unknownGroup', { code: group });
    const holder = definition.terms.holder;
    if (holder === 'none' && (customerId !== null || groupId !== null)) refuse('coupon.codes.noHolderAllowed', { symbol: definition.symbol });
    if (holder === 'customer' && (customerId === null || groupId !== null)) refuse('coupon.codes.customerNeeded', { symbol: definition.symbol });
    if (holder === 'group' && (groupId === null || customerId !== null)) refuse('coupon.codes.groupNeeded', { symbol: definition.symbol });
    await updateCode(trx, code.id, { validFrom, validUntil, status: status as CodeStatus, customerId, groupId, description: (e.description ?? code.description).trim() });
    if (status !== code.status) await publishEvents(trx, [{ kind: 'coupon', subject: code.code, data: { status } }]);
    return (await findCode(trx, code.code))!;
  });
}

/** A code's uses ("Utilisations"), latest first. */
export async function usesOf(db: Db, text: string): Promise<{ code: CodeRecord; uses: UseRecord[] }> {
  const code = await codeByText(db, text);
  return { code, uses: await listUses(db, code.code) };
}
