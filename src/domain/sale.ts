import type { Cents } from './money';
import type { Tender } from './tender';
import type { RateBp, VatPart } from './vat';

/** A committed sale as read back from the database: what receipts and reports are made from. */
export interface SaleRecord {
  id: number;
  key: string;
  ticketNo: number;
  terminalCode: string;
  storeCode: string;
  storeName: string;
  storeAddress: string[];
  operatorCode: string;
  operatorName: string;
  createdAt: Date;
  /** The ticket's fiscal seal (SHA-256, hex) as its chain holds it; null until committed (an offline sale's receipt). */
  seal?: string | null;
  /** A training-mode ticket ("mode école"): printed FACTICE, counted in no total. */
  training?: boolean;
  totalCents: Cents;
  changeCents: Cents;
  customerId: number | null;
  lines: SaleLineRecord[];
  /** Ticket-level discounts (coupons, customer discount…), spread over the lines' ticketDiscountCents. */
  adjustments: SaleAdjustment[];
  tenders: Tender[];
  vat: VatPart[];
}

export interface SaleAdjustment {
  kind: string;
  ref: string;
  label: string;
  amountCents: Cents;
}

export interface SaleLineRecord {
  lineNo: number;
  itemId: number;
  sku: string;
  barcode: string | null;
  name: string;
  qty: number;
  listPriceCents: Cents;
  unitPriceCents: Cents;
  discountCents: Cents;
  /** This line's share of the ticket adjustments. */
  ticketDiscountCents: Cents;
  /** What the line comes to: unit price × quantity − its discount − its share of the ticket's. */
  totalCents: Cents;
  vatRateBp: RateBp;
  /** The gift card this line sold: a line outside the scope of VAT, not in the ticket's VAT rows. */
  giftCardCode?: string | null;
}

/** "T01-000042": the number printed and typed back to find a ticket. */
export function ticketLabel(terminalCode: string, ticketNo: number): string {
  return `${terminalCode}-${String(ticketNo).padStart(6, '0')}`;
}
