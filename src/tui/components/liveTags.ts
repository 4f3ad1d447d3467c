import type { TillLive } from '../../app/events/tillLive';
import type { BasketLine } from '../../domain/basket';
import { COUPON_KIND } from '../../domain/coupon/rule';
import type { Adjustment } from '../../domain/pricingRule';
import type { MessageKey, Params } from '../../i18n/messages';

// What the till's live events add to the basket on screen, said as they happen on another till
// or in the back office: an item at or under its threshold ("plus que 3"), a catalogue price
// changed since the line was scanned (the line keeps its price), a coupon blocked meanwhile
// (the commit would refuse it: taking it off is the cashier's call).

export interface LiveTag {
  key: MessageKey;
  params?: Params;
  money?: Record<string, number>;
  color: 'red' | 'yellow';
}

export function lineTag(live: TillLive | null, line: BasketLine): LiveTag | null {
  if (!live) return null;
  const left = live.showLowOnLine && line.item.stocked !== false ? live.lowLeft(line.item.id) : null;
  if (left !== null) return left > 0 ? { key: 'stock.line.left', params: { n: left }, color: 'red' } : { key: 'stock.line.out', color: 'red' };
  const price = live.itemChange(line.item.id)?.priceCents;
  if (price !== undefined && price !== line.item.priceCents && line.overriddenBy === null) return { key: 'live.line.newPrice', money: { price }, color: 'yellow' };
  return null;
}

export function adjustmentTag(live: TillLive | null, a: Adjustment): LiveTag | null {
  if (!live || a.kind !== COUPON_KIND) return null;
  const status = live.codeStatus(a.ref);
  return status && status.status !== 'active' ? { key: 'live.coupon.blocked', color: 'red' } : null;
}

/** Changes whenever a tag of these lines or adjustments does: the basket is drawn again only then. */
export function tagsKey(live: TillLive, lines: readonly BasketLine[], adjustments: readonly Adjustment[]): string {
  const tag = (x: LiveTag | null) => (x ? `${x.key}${JSON.stringify(x.params ?? x.money ?? '')}` : '');
  return [...lines.map((l) => tag(lineTag(live, l))), ...adjustments.map((a) => tag(adjustmentTag(live, a)))].join('|');
}
