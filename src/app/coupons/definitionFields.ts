import type { Knex } from 'knex';
import { findSchemeById, findScheme, itemIdsBySku, skusOfItems, storeIds, type DefinitionRecord } from '../../data/coupons';
import { itemGroupCodes } from '../../data/items';
import type { Db } from '../../data/db';
import { parseDay } from '../../domain/day';
import {
  checkDefinition, CUSTOMER_RULES, defaultCustomerRule, defaultHolder, DISCOUNT_TYPES, HOLDERS, LIMIT_SCOPES,
  type BundlePart, type CouponDefinition, type CouponValue, type CustomerRule, type DiscountType, type Holder, type LimitScope, type Target,
} from '../../domain/coupon/definition';
import { formatSchedule, parseSchedule } from '../../domain/coupon/schedule';
import { centsToDecimal, parseEuros } from '../../domain/money';
import { refuse } from '../errors';

// A definition as typed, on the command line or in the back room's form: every field a text,
// read here once for both. Items and groups are named by code: "CAVE-001, @BOUL" is the item
// CAVE-001 and the item group BOUL; a bundle's parts are "BOUL-001:1 + @SOFT:1".

export interface DefinitionFields {
  symbol: string;
  name: string;
  type: string;
  /** percent | amount | price */
  valueKind: string;
  value: string;
  items: string;
  minQty: string;
  minAmount: string;
  parts: string;
  maxBundles: string;
  /** Empty: the table's default for the type. */
  holder: string;
  customerRule: string;
  /** Empty: no limit. */
  limitScope: string;
  limit: string;
  validFrom: string;
  validUntil: string;
  schedule: string;
  exclusive: boolean;
  stores: string;
  conditions: string;
  /** A numbering scheme's code; empty: codes from the symbol. */
  scheme: string;
  active: boolean;
}

export const EMPTY_FIELDS: DefinitionFields = {
  symbol: '', name: '', type: 'ticket', valueKind: 'percent', value: '', items: '', minQty: '', minAmount: '', parts: '', maxBundles: '',
  holder: '', customerRule: '', limitScope: '', limit: '', validFrom: '', validUntil: '', schedule: '', exclusive: false, stores: '',
  conditions: '', scheme: '', active: true,
};

const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

function oneOf<T extends string>(values: readonly T[], text: string, fallback: T | null, key: 'coupon.def.type' | 'coupon.def.holderInvalid' | 'coupon.def.customerRuleInvalid' | 'coupon.def.limitScopeInvalid' | 'coupon.def.valueKind'): T | null {
  const t = text.trim().toLowerCase();
  if (t === '') return fallback;
  if (!(values as readonly string[]).includes(t)) refuse(key, { text, allowed: values.join(', ') });
  return t as T;
}

/** "10", "12,5", "12.5 %" → basis points. */
function parsePercent(text: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?\s*%?$/.exec(text.trim());
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}

function parseValue(kind: 'percent' | 'amount' | 'price', text: string): CouponValue {
  if (text.trim() === '') refuse('coupon.def.valueNeeded');
  if (kind === 'percent') {
    const bp = parsePercent(text);
    if (bp === null) refuse('coupon.def.valueInvalid', { text });
    return { kind, bp };
  }
  const cents = parseEuros(text);
  if (cents === null || cents < 0) refuse('coupon.def.valueInvalid', { text });
  return { kind, cents };
}

function wholeNumber(text: string, key: 'coupon.def.minQtyInvalid' | 'coupon.def.limitInvalid' | 'coupon.def.maxBundlesInvalid'): number | null {
  if (text.trim() === '') return null;
  if (!/^\s*\d{1,7}\s*$/.test(text)) refuse(key, { text });
  return Number(text);
}

function day(text: string): string | null {
  if (text.trim() === '') return null;
  const d = parseDay(text);
  if (d === null) refuse('coupon.def.dateInvalid', { text });
  return d;
}

interface Catalog {
  items: Map<string, number>;
  groups: Set<string>;
}

/** "CAVE-001, @BOUL" → item ids and group codes; an unknown code is refused by name. */
function target(text: string, catalog: Catalog): Target {
  const t: Target = { itemIds: [], groupCodes: [] };
  for (const code of list(text).map((c) => c.toUpperCase())) {
    if (code.startsWith('@')) {
      if (!catalog.groups.has(code.slice(1))) refuse('coupon.def.unknownGroup', { code: code.slice(1) });
      t.groupCodes.push(code.slice(1));
    } else {
      const id = catalog.items.get(code);
      if (id === undefined) refuse('coupon.def.unknownItem', { code });
      t.itemIds.push(id);
    }
  }
  return t;
}

function parts(text: string, catalog: Catalog): BundlePart[] {
  return text.split('+').map((s) => s.trim()).filter(Boolean).map((part) => {
    const m = /^(.*?)(?::\s*(\d{1,2}))?$/.exec(part)!;
    const qty = m[2] === undefined ? 1 : Number(m[2]);
    return { ...target(m[1]!, catalog), qty };
  });
}

async function catalogFor(db: Db, f: DefinitionFields): Promise<Catalog> {
  const codes = [f.items, ...f.parts.split('+').map((p) => p.replace(/:\s*\d+\s*$/, ''))].flatMap(list).map((c) => c.toUpperCase());
  return { items: await itemIdsBySku(db, codes.filter((c) => !c.startsWith('@'))), groups: new Set(await itemGroupCodes(db)) };
}

/**
 * Reads typed fields into a definition, naming the first mistake: an unknown item, group, store
 * or scheme, an unreadable amount or date, or an option its discount type does not allow.
 * `keptSchemeId` is the scheme the definition has already: an inactive scheme may not be chosen,
 * but a definition left on one it had before its scheme was deactivated can still be edited.
 */
export async function readDefinition(db: Db, f: DefinitionFields, keptSchemeId: number | null = null): Promise<{ def: CouponDefinition; schemeId: number | null }> {
  const type = oneOf<DiscountType>(DISCOUNT_TYPES, f.type, null, 'coupon.def.type') ?? refuse('coupon.def.type', { text: f.type, allowed: DISCOUNT_TYPES.join(', ') });
  const valueKind = oneOf(['percent', 'amount', 'price'] as const, f.valueKind, null, 'coupon.def.valueKind') ?? 'percent';
  const catalog = await catalogFor(db, f);
  const minQty = wholeNumber(f.minQty, 'coupon.def.minQtyInvalid');
  let minCents: number | null = null;
  if (f.minAmount.trim() !== '') {
    minCents = parseEuros(f.minAmount);
    if (minCents === null || minCents <= 0) refuse('coupon.def.minAmountInvalid', { text: f.minAmount });
  }
  const limitScope = oneOf<LimitScope>(LIMIT_SCOPES, f.limitScope, null, 'coupon.def.limitScopeInvalid');
  const limitMax = wholeNumber(f.limit, 'coupon.def.limitInvalid');
  if ((limitScope === null) !== (limitMax === null)) refuse('coupon.def.limitBoth');
  const holder = oneOf<Holder>(HOLDERS, f.holder, defaultHolder(type), 'coupon.def.holderInvalid')!;
  const customerRule = oneOf<CustomerRule>(CUSTOMER_RULES, f.customerRule, defaultCustomerRule(type, limitScope), 'coupon.def.customerRuleInvalid')!;
  const schedule = parseSchedule(f.schedule);
  if (schedule === null) refuse('coupon.def.scheduleInvalid', { text: f.schedule });
  const stores = await storeIds(db);
  const storeList = list(f.stores).map((c) => c.toUpperCase()).map((code) => stores.get(code) ?? refuse('coupon.def.unknownStore', { code }));
  let schemeId: number | null = null;
  if (f.scheme.trim() !== '') {
    const scheme = await findScheme(db, f.scheme.trim().toUpperCase());
    if (!scheme) refuse('coupon.scheme.unknown', { code: f.scheme.trim() });
    if (!scheme.active && scheme.id !== keptSchemeId) refuse('coupon.scheme.inactive', { code: scheme.code });
    schemeId = scheme.id;
  }
  const def: CouponDefinition = {
    symbol: f.symbol.trim().toUpperCase(),
    name: f.name.trim(),
    conditions: f.conditions.trim(),
    active: f.active,
    discount: {
      type,
      value: parseValue(valueKind, f.value),
      target: target(f.items, catalog),
      threshold: minQty === null && minCents === null ? null : { minQty, minCents },
      bundle: parts(f.parts, catalog),
      maxBundles: wholeNumber(f.maxBundles, 'coupon.def.maxBundlesInvalid'),
    },
    terms: {
      holder,
      customerRule,
      limit: limitScope === null ? null : { scope: limitScope, max: limitMax! },
      validFrom: day(f.validFrom),
      validUntil: day(f.validUntil),
      schedule,
      exclusive: f.exclusive,
      storeIds: [...new Set(storeList)].sort((a, b) => a - b),
    },
  };
  const problem = checkDefinition(def);
  if (problem) refuse(problem);
  return { def, schemeId };
}

/** "5,00", as a French cashier types it (both marks are read back). */
const decimal = (cents: number) => centsToDecimal(cents).replace('.', ',');

function valueText(v: CouponValue): string {
  if (v.kind === 'percent') return decimal(v.bp).replace(/,?0+$/, '');
  return decimal(v.cents);
}

/** A definition back as fields (the form to edit it; the options an edit on the command line leaves alone). */
export async function fieldsOf(db: Knex | Knex.Transaction, d: DefinitionRecord): Promise<DefinitionFields> {
  const ids = [...d.discount.target.itemIds, ...d.discount.bundle.flatMap((p) => p.itemIds)];
  const skus = await skusOfItems(db, ids);
  const codes = (t: Target) => [...t.itemIds.map((id) => skus.get(id) ?? `#${id}`), ...t.groupCodes.map((g) => `@${g}`)].join(', ');
  const stores = new Map([...(await storeIds(db))].map(([code, id]) => [id, code]));
  const scheme = d.schemeId === null ? null : await findSchemeById(db, d.schemeId);
  const t = d.terms;
  return {
    symbol: d.symbol,
    name: d.name,
    type: d.discount.type,
    valueKind: d.discount.value.kind,
    value: valueText(d.discount.value),
    items: codes(d.discount.target),
    minQty: d.discount.threshold?.minQty?.toString() ?? '',
    minAmount: d.discount.threshold?.minCents == null ? '' : decimal(d.discount.threshold.minCents),
    parts: d.discount.bundle.map((p) => `${codes(p)}:${p.qty}`).join(' + '),
    maxBundles: d.discount.maxBundles?.toString() ?? '',
    holder: t.holder,
    customerRule: t.customerRule,
    limitScope: t.limit?.scope ?? '',
    limit: t.limit?.max.toString() ?? '',
    validFrom: t.validFrom ?? '',
    validUntil: t.validUntil ?? '',
    schedule: formatSchedule(t.schedule),
    exclusive: t.exclusive,
    stores: t.storeIds.map((id) => stores.get(id) ?? `#${id}`).join(', '),
    conditions: d.conditions,
    scheme: scheme?.code ?? '',
    active: d.active,
  };
}
