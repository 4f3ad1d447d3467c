import type { GiftCardSale } from './giftCard';
import type { ItemPriceRule } from './itemPriceRule';
import type { Cents } from './money';
import type { RateBp } from './vat';

/** What the till knows of a catalog item when it is put in a basket (a snapshot). */
export interface CatalogItem {
  id: number;
  sku: string;
  barcode: string | null;
  name: string;
  priceCents: Cents;
  vatRateBp: RateBp;
  groupCode?: string | null;
  groupName?: string | null;
  /** What discounts the law allows on it; absent: any (see itemPriceRule.ts). */
  priceRule?: ItemPriceRule;
  /** Read from a scale's label (weight or price printed on it): each label is a line of its own. */
  weighed?: boolean;
  /**
   * A gift card being sold: the card's code and last day. Its line is outside the scope of VAT,
   * takes no discount (its price rule is fixed) and stays one card per line.
   */
  giftCard?: GiftCardSale;
  /** False: selling it moves no stock (a coffee served, a service); absent: stocked. */
  stocked?: boolean;
}
