import type { CatalogItem } from '../domain/item';
import type { ItemPriceRule, PriceRuleKind } from '../domain/itemPriceRule';
import type { Db } from './db';

const columns = ['i.id', 'i.sku', 'i.barcode', 'i.name', 'i.price_cents', 'i.vat_rate_bp', 'g.code as group_code', 'g.name as group_name', 'i.price_rule', 'i.max_discount_bp', 'i.stocked'];

interface ItemRow {
  id: number;
  sku: string;
  barcode: string | null;
  name: string;
  price_cents: number;
  vat_rate_bp: number;
  group_code: string | null;
  group_name: string | null;
  price_rule: PriceRuleKind;
  max_discount_bp: number | null;
  stocked: boolean;
}

function toPriceRule(kind: PriceRuleKind, maxDiscountBp: number | null): ItemPriceRule {
  return kind === 'capped' ? { kind, maxDiscountBp: maxDiscountBp! } : { kind };
}

function toItem(r: ItemRow): CatalogItem {
  return {
    id: r.id, sku: r.sku, barcode: r.barcode, name: r.name, priceCents: r.price_cents, vatRateBp: r.vat_rate_bp, groupCode: r.group_code, groupName: r.group_name,
    priceRule: toPriceRule(r.price_rule, r.max_discount_bp),
    ...(!r.stocked && { stocked: false }),
  };
}

function base(db: Db) {
  return db('items as i').leftJoin('item_groups as g', 'g.id', 'i.group_id').where('i.active', true);
}

/**
 * An active item by its barcode or its SKU (SKUs are kept upper-case), in one round trip: a
 * code that is neither (a card, a coupon, a scale label) goes on to the other lookups at once.
 * A barcode wins over a SKU made of the same digits.
 */
export async function findItemByCode(db: Db, code: string): Promise<CatalogItem | null> {
  const q = base(db).select(columns).first();
  if (/^\d{8,14}$/.test(code)) q.where((w) => w.where('i.barcode', code).orWhere('i.sku', code)).orderByRaw('i.barcode = ? DESC', [code]);
  else q.where('i.sku', code.toUpperCase());
  const found = await q;
  return found ? toItem(found as ItemRow) : null;
}

/** Active items by id (a reward's free item, the lines of an earlier ticket sold again). */
export async function itemsById(db: Db, ids: readonly number[]): Promise<Map<number, CatalogItem>> {
  if (ids.length === 0) return new Map();
  const rows = (await base(db).select(columns).whereRaw('i.id = ANY(?)', [[...ids]])) as ItemRow[];
  return new Map(rows.map((r) => [r.id, toItem(r)]));
}

/** Every active item, by SKU: the catalogue a till keeps to sell from with the server away. */
export async function listActiveItems(db: Db): Promise<CatalogItem[]> {
  return ((await base(db).select(columns).orderBy('i.sku')) as ItemRow[]).map(toItem);
}

/** Lower case without accents, as the database's pos_fold() does. */
export function fold(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

function whereNameHas(q: ReturnType<typeof base>, text: string): boolean {
  const words = fold(text).split(/\s+/).filter(Boolean).slice(0, 5);
  for (const w of words) q.whereRaw("pos_fold(i.name) LIKE ? ESCAPE '\\'", [`%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`]);
  return words.length > 0;
}

/** Active items whose name contains every word typed, accents and case aside. */
export async function searchItems(db: Db, text: string, limit = 50): Promise<CatalogItem[]> {
  const q = base(db).select(columns).orderBy('i.name').limit(limit);
  if (!whereNameHas(q, text)) return [];
  return ((await q) as ItemRow[]).map(toItem);
}

export async function listItems(db: Db, opts: { limit: number; offset: number; search?: string }): Promise<{ items: CatalogItem[]; total: number }> {
  const q = base(db);
  if (opts.search) whereNameHas(q, opts.search);
  const [{ count }] = (await q.clone().count<{ count: string }[]>({ count: '*' })) as [{ count: string }];
  const rows = (await q.select(columns).orderBy('i.sku').limit(opts.limit).offset(opts.offset)) as ItemRow[];
  return { items: rows.map(toItem), total: Number(count) };
}

export interface ItemInput {
  sku: string;
  barcode: string | null;
  name: string;
  priceCents: number;
  vatRateBp: number;
  groupCode: string | null;
  /** Absent: left as it is on an item already known, free on a new one. */
  priceRule?: ItemPriceRule;
}

/** Inserts or updates items by SKU; the groups named must exist. */
export async function upsertItems(db: Db, items: readonly ItemInput[]): Promise<void> {
  if (items.length === 0) return;
  const groups = new Map<string, number>(
    (await db('item_groups').select('id', 'code')).map((g: { id: number; code: string }) => [g.code, g.id]),
  );
  const row = (i: ItemInput) => ({
    sku: i.sku,
    barcode: i.barcode,
    name: i.name,
    price_cents: i.priceCents,
    vat_rate_bp: i.vatRateBp,
    group_id: i.groupCode ? (groups.get(i.groupCode) ?? null) : null,
    active: true,
    updated_at: db.fn.now(),
    ...(i.priceRule && { price_rule: i.priceRule.kind, max_discount_bp: i.priceRule.kind === 'capped' ? i.priceRule.maxDiscountBp : null }),
  });
  // A file that says nothing of price rules leaves them as they are: rows with and without one
  // are written apart, each merging only the columns it has.
  const withRule = items.filter((i) => i.priceRule).map(row);
  const without = items.filter((i) => !i.priceRule).map(row);
  for (const rows of [withRule, without]) {
    for (let i = 0; i < rows.length; i += 1000) {
      await db('items').insert(rows.slice(i, i + 1000)).onConflict('sku').merge();
    }
  }
}

export async function itemCodesInUse(db: Db, skus: string[], barcodes: string[]): Promise<{ sku: string; barcode: string | null }[]> {
  if (skus.length === 0 && barcodes.length === 0) return [];
  return db('items').select('sku', 'barcode').whereIn('sku', skus).orWhereIn('barcode', barcodes);
}

/** Which SKU holds each of these barcodes; one array parameter, so a whole catalog file fits in one query. */
export async function barcodeOwners(db: Db, barcodes: readonly string[]): Promise<Map<string, string>> {
  if (barcodes.length === 0) return new Map();
  const rows = (await db('items').select('sku', 'barcode').whereRaw('barcode = ANY(?)', [[...barcodes]])) as { sku: string; barcode: string }[];
  return new Map(rows.map((r) => [r.barcode, r.sku]));
}

/** The VAT rates an item may carry. */
export async function knownVatRates(db: Db): Promise<number[]> {
  return (await db('vat_rates').select('rate_bp').orderBy('rate_bp', 'desc')).map((r: { rate_bp: number }) => r.rate_bp);
}

export async function itemGroupCodes(db: Db): Promise<string[]> {
  return (await db('item_groups').select('code').orderBy('code')).map((r: { code: string }) => r.code);
}

/** The price and name each of these SKUs has now, with its id (a catalog import tells the tills what it changed). */
export async function pricesBySku(db: Db, skus: readonly string[]): Promise<Map<string, { id: number; priceCents: number; name: string }>> {
  if (skus.length === 0) return new Map();
  const rows = (await db('items').select('id', 'sku', 'price_cents', 'name').whereRaw('sku = ANY(?)', [[...skus]])) as { id: number; sku: string; price_cents: number; name: string }[];
  return new Map(rows.map((r) => [r.sku, { id: r.id, priceCents: r.price_cents, name: r.name }]));
}
