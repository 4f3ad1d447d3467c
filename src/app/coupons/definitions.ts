import type { Knex } from 'knex';
import { findDefinition, findScheme, insertDefinition, insertScheme, setSchemeActive, updateDefinition, type DefinitionLock, type DefinitionRecord, type SchemeRecord } from '../../data/coupons';
import { codesHeldOtherwise, codesOutside } from '../../data/couponCodes';
import type { Db } from '../../data/db';
import { parsePattern, patternRegex } from '../../domain/coupon/codes';
import { refuse } from '../errors';
import { fieldsOf, readDefinition, type DefinitionFields } from './definitionFields';

/** A definition by its symbol, as typed (case aside). */
export async function couponBySymbol(db: Db, symbol: string, lock?: DefinitionLock): Promise<DefinitionRecord> {
  const found = await findDefinition(db, symbol.trim().toUpperCase(), lock);
  if (!found) refuse('coupon.def.unknown', { symbol: symbol.trim() });
  return found;
}

/** A new coupon definition from typed fields; its symbol must be new. */
export async function defineCoupon(db: Knex, fields: DefinitionFields): Promise<DefinitionRecord> {
  return db.transaction(async (trx) => {
    const { def, schemeId } = await readDefinition(trx, fields);
    if (await findDefinition(trx, def.symbol)) refuse('coupon.def.symbolTaken', { symbol: def.symbol });
    await insertDefinition(trx, def, schemeId);
    return (await findDefinition(trx, def.symbol))!;
  });
}

/**
 * Changes a definition: the fields as they are, changed by `edit`, read again whole. The symbol
 * stays (its codes were made from it). Counters kept for another limit scope are dropped: they
 * are rebuilt from the usage log when next needed. An edit its live codes would no longer fit
 * (dates narrowed past theirs, codes held by someone else than the new holder kind) is refused
 * with how many: nothing is changed behind the manager's back, the codes are seen to first.
 */
export async function editCoupon(db: Knex, symbol: string, edit: Partial<DefinitionFields>): Promise<DefinitionRecord> {
  return db.transaction(async (trx) => {
    const before = await couponBySymbol(trx, symbol, 'write');
    const fields = { ...(await fieldsOf(trx, before)), ...edit, symbol: before.symbol };
    const { def, schemeId } = await readDefinition(trx, fields, before.schemeId);
    const t = def.terms;
    if (t.validFrom !== before.terms.validFrom || t.validUntil !== before.terms.validUntil) {
      const n = await codesOutside(trx, before.id, t.validFrom, t.validUntil);
      if (n > 0) refuse('coupon.def.codesOutsideDates', { n, symbol: def.symbol });
    }
    if (t.holder !== before.terms.holder) {
      const n = await codesHeldOtherwise(trx, before.id, t.holder);
      if (n > 0) refuse(`coupon.def.codesHolder.${t.holder}`, { n, symbol: def.symbol });
    }
    await updateDefinition(trx, before.id, def, schemeId);
    // A limit moved to another scope drops the other scopes' counters: the database does it
    // (pos_coupon_forget_counters), the till may not delete them.
    return (await findDefinition(trx, def.symbol))!;
  });
}

/** A numbering scheme ("assistant de configuration") codes can be made from. */
export async function defineScheme(db: Knex, s: { code: string; name: string; pattern: string; active: boolean }): Promise<SchemeRecord> {
  const code = s.code.trim().toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9_-]{0,19}$/.test(code)) refuse('coupon.scheme.codeInvalid', { code: s.code });
  const pattern = s.pattern.trim().toUpperCase();
  const parts = parsePattern(pattern);
  if (!parts) refuse('coupon.scheme.pattern', { pattern: s.pattern });
  if (await findScheme(db, code)) refuse('coupon.scheme.taken', { code });
  await insertScheme(db, { code, name: s.name.trim() || code, pattern, matchRegex: patternRegex(parts), active: s.active });
  return (await findScheme(db, code))!;
}

export async function activateScheme(db: Knex, code: string, active: boolean): Promise<void> {
  if (!(await setSchemeActive(db, code.trim().toUpperCase(), active))) refuse('coupon.scheme.unknown', { code });
}
