// The chain's catalogue: item n is a demo article in a variant of its own (a brand or a size),
// on the demo's shelves with their French VAT rates and price rules, priced near the demo's
// price, with an EAN-13 of the in-store range 21… (apart from the demo's 376… and the bulk
// catalogue's 200…). Every figure follows from n, so a ticket's lines are remade without a read.
import { DEMO_GROUPS } from '../../app/demoCatalog';
import { ean13 } from '../../domain/ean';
import type { Cell } from './copy';
import { mix, oneOf, pick } from './hash';

export interface ChainItem {
  id: number;
  sku: string;
  barcode: string;
  name: string;
  priceCents: number;
  vatRateBp: number;
  groupCode: string;
  priceRule: 'free' | 'fixed' | 'capped';
  maxDiscountBp: number | null;
  /** An alert level on one item in four. */
  threshold: number | null;
}

const VARIANTS = [
  'Bio', 'Maison', 'Premium', 'Éco', 'du Terroir', 'Artisanal', 'Origine France', 'Sans sucres ajoutés', 'Format familial', 'Lot de 2',
  'Petit format', 'Recette originale', 'Label Rouge', 'Édition limitée', 'Nature', 'Allégé', 'Extra', 'Tradition', 'Sélection', 'Grand cru',
];

/** Prices scaled by 70 % … 169 % of the demo's, to the cent (press is at the publisher's price). */
const scale = (n: number) => 70 + pick(100, n, 11);

export function chainBarcode(n: number): string {
  return ean13(`21${String(n + 1).padStart(10, '0')}`);
}

export function chainItem(base: number, n: number): ChainItem {
  const group = oneOf(DEMO_GROUPS, n, 1);
  const [name, price] = oneOf(group.items, n, 2);
  const rule = group.priceRule ?? { kind: 'free' as const };
  const variant = VARIANTS[pick(VARIANTS.length, n, 3)]!;
  return {
    id: base + n + 1,
    sku: `CH-${String(n + 1).padStart(7, '0')}`,
    barcode: chainBarcode(n),
    name: `${name} ${variant} ${String((n % 997) + 1)}`,
    priceCents: group.code === 'PRES' ? price : Math.max(5, Math.round((price * scale(n)) / 100)),
    vatRateBp: group.rateBp,
    groupCode: group.code,
    priceRule: rule.kind,
    maxDiscountBp: rule.kind === 'capped' ? rule.maxDiscountBp : null,
    threshold: mix(n, 4) % 4 === 0 ? 2 + pick(20, n, 5) : null,
  };
}

export const ITEM_COLUMNS = ['id', 'sku', 'barcode', 'name', 'price_cents', 'vat_rate_bp', 'group_id', 'price_rule', 'max_discount_bp', 'stock_threshold'];

export function* itemRows(base: number, count: number, groupIds: ReadonlyMap<string, number>): Generator<Cell[]> {
  for (let n = 0; n < count; n++) {
    const it = chainItem(base, n);
    yield [it.id, it.sku, it.barcode, it.name, it.priceCents, it.vatRateBp, groupIds.get(it.groupCode) ?? null, it.priceRule, it.maxDiscountBp, it.threshold];
  }
}
