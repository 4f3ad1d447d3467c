import { findItemByCode } from '../data/items';
import { formatKg, parseScaleBarcode, weighedPrice } from '../domain/scaleBarcode';
import { refuse } from './errors';
import type { EntryResolver } from './entryResolver';

/**
 * Scale labels (prefix 2): the item under the label's template code, at the price printed on
 * the label, or at its price per kilogram times the weight printed on it.
 */
export const scaleEntry: EntryResolver = async (db, code) => {
  const scale = parseScaleBarcode(code);
  if (!scale) return null;
  const item = await findItemByCode(db, scale.template);
  if (!item) refuse('item.weighedUnknown', { code });
  if (scale.kind === 'price') return { kind: 'item', item: { ...item, priceCents: scale.cents, weighed: true } };
  if (item.priceCents <= 0) refuse('item.weighedNoPrice', { code });
  return { kind: 'item', item: { ...item, name: `${item.name} ${formatKg(scale.grams, 'fr')}`, priceCents: weighedPrice(item.priceCents, scale.grams), weighed: true } };
};
