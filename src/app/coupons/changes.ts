import type { CodeStatus } from '../../domain/coupon/codes';
import type { RuleChange } from '../ruleChange';
import { editCode, setStatus, type CodeEdit } from './codes';
import type { DefinitionFields } from './definitionFields';
import { defineCoupon, editCoupon } from './definitions';

// The coupon changes `pos coupon` and the back office both make, with the audit row each leaves.

/** A new coupon; `given` is what was typed (the row says it, not the defaults filled in). */
export function couponDefine(fields: DefinitionFields, given: Partial<DefinitionFields> = fields): RuleChange<Awaited<ReturnType<typeof defineCoupon>>> {
  return { action: 'coupon_define', work: (trx) => defineCoupon(trx, fields), details: (d) => ({ symbol: d.symbol, fields: given }) };
}

export function couponEdit(symbol: string, edit: Partial<DefinitionFields>): RuleChange<Awaited<ReturnType<typeof editCoupon>>> {
  return { action: 'coupon_edit', work: (trx) => editCoupon(trx, symbol, edit), details: (d) => ({ symbol: d.symbol, fields: edit }) };
}

/** Codes blocked or made usable, by their text; the row says how many were. */
export function couponCodesStatus(codes: readonly string[], status: Exclude<CodeStatus, 'blocked'> | 'blocked'): RuleChange<number> {
  return { action: 'coupon_codes_status', work: (trx) => setStatus(trx, codes, status), details: (changed) => ({ status, codes, changed }) };
}

export function couponCodeEdit(code: string, edit: CodeEdit): RuleChange<Awaited<ReturnType<typeof editCode>>> {
  return {
    action: 'coupon_code_edit', work: (trx) => editCode(trx, code, edit),
    details: (done) => ({ code: done.code, fields: Object.fromEntries(Object.entries(edit).filter(([, v]) => v !== undefined)) }),
  };
}
