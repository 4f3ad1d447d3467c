import { formatEuros, type Lang } from './money';
import { formatDateTime, type Block } from './receipt';
import { formatRate } from './vat';

// Slips: small documents printed beside a receipt (a loyalty card's balance, a coupon to bring
// back, a store-credit voucher…). One frame for all of them, so they look alike and every
// printer prints them the same way (text, ESC/POS); voucherSlip.ts builds on it too.

/** A label and its value; a third `true` prints the row bold (what the slip is worth). */
export type SlipRow = readonly [label: string, value: string, bold?: boolean];

export interface SlipFrame {
  /** Left out under a receipt, which says it already. */
  storeName?: string;
  title: string;
  /** Label and value rows: amounts, dates, balances. */
  rows: readonly SlipRow[];
  /** The code to bring back: as text, and as a CODE128 barcode and a QR code when set. */
  code?: { text: string; barcode?: string; qr?: string };
  conditions?: readonly string[];
  footer?: string;
  duplicate?: boolean;
  lang: Lang;
}

const DUPLICATE = { fr: '*** DUPLICATA ***', en: '*** DUPLICATE ***' } as const;

export function slipBlocks(s: SlipFrame): Block[] {
  const out: Block[] = [];
  if (s.duplicate) out.push({ t: 'text', text: DUPLICATE[s.lang], align: 'center', bold: true });
  if (s.storeName) out.push({ t: 'text', text: s.storeName, align: 'center', bold: true });
  out.push({ t: 'text', text: s.title, align: 'center', bold: true, big: true });
  out.push({ t: 'rule' });
  for (const [left, right, bold] of s.rows) out.push(bold ? { t: 'pair', left, right, bold } : { t: 'pair', left, right });
  if (s.code) {
    out.push({ t: 'feed' }, { t: 'text', text: s.code.text, align: 'center', bold: true });
    if (s.code.barcode) out.push({ t: 'barcode', value: s.code.barcode });
    if (s.code.qr) out.push({ t: 'qr', value: s.code.qr });
  }
  if (s.conditions?.length) {
    out.push({ t: 'rule' });
    for (const line of s.conditions) out.push({ t: 'text', text: line });
  }
  if (s.footer) out.push({ t: 'rule' }, { t: 'text', text: s.footer, align: 'center' });
  out.push({ t: 'feed' });
  return out;
}

const loyaltyWords = {
  fr: { title: 'FIDÉLITÉ', customer: 'Client', card: 'Carte', earned: 'Points gagnés', spent: 'Points utilisés', balance: 'Solde de points', visits: 'Passages', reward: 'Récompense disponible', date: 'Le' },
  en: { title: 'LOYALTY', customer: 'Customer', card: 'Card', earned: 'Points earned', spent: 'Points spent', balance: 'Points balance', visits: 'Visits', reward: 'Reward available', date: 'On' },
} as const;

export interface LoyaltySlip {
  customerName: string;
  cardCode: string;
  balance: number;
  earned?: number;
  spent?: number;
  visits?: number;
  /** A reward the balance unlocks, as it should read ("5,00 € de remise"). */
  reward?: string | null;
  at: Date;
}

/** The loyalty slip: the customer's card, what this visit earned and spent, the balance. */
export function loyaltySlipBlocks(l: LoyaltySlip, opts: { lang: Lang; timeZone: string; storeName: string; duplicate?: boolean }): Block[] {
  const w = loyaltyWords[opts.lang];
  const rows: [string, string][] = [
    [w.date, formatDateTime(l.at, opts.lang, opts.timeZone)],
    [w.customer, l.customerName],
    [w.card, l.cardCode],
  ];
  if (l.earned !== undefined) rows.push([w.earned, `+${l.earned}`]);
  if (l.spent) rows.push([w.spent, `-${l.spent}`]);
  rows.push([w.balance, String(l.balance)]);
  if (l.visits !== undefined) rows.push([w.visits, String(l.visits)]);
  if (l.reward) rows.push([w.reward, l.reward]);
  return slipBlocks({ storeName: opts.storeName, title: w.title, rows, code: { text: l.cardCode, barcode: l.cardCode }, lang: opts.lang, duplicate: opts.duplicate });
}

const couponWords = {
  fr: { title: 'BON DE RÉDUCTION', discount: 'Remise', from: 'Valable à partir du', until: 'Valable jusqu’au', minimum: 'Dès', use: 'Présentez ce bon en caisse.' },
  en: { title: 'DISCOUNT COUPON', discount: 'Discount', from: 'Valid from', until: 'Valid until', minimum: 'From', use: 'Bring this coupon to the till.' },
} as const;

export interface CouponSlip {
  name: string;
  code: string;
  /** "10 %" or an amount in cents. */
  discount: { percentBp: number } | { cents: number };
  minimumCents?: number | null;
  validFrom?: string | null;
  validUntil?: string | null;
  /** The definition's promotion conditions, printed as they are. */
  conditions: readonly string[];
}

/** The coupon slip: the coupon's name, its discount, its validity, the code three ways. */
export function couponSlipBlocks(c: CouponSlip, opts: { lang: Lang; storeName: string; qrUrl?: string; duplicate?: boolean }): Block[] {
  const w = couponWords[opts.lang];
  const discount = 'percentBp' in c.discount ? formatRate(c.discount.percentBp, opts.lang) : formatEuros(c.discount.cents, opts.lang);
  const rows: [string, string][] = [[w.discount, discount]];
  if (c.minimumCents) rows.push([w.minimum, formatEuros(c.minimumCents, opts.lang)]);
  if (c.validFrom) rows.push([w.from, c.validFrom]);
  if (c.validUntil) rows.push([w.until, c.validUntil]);
  return slipBlocks({
    storeName: opts.storeName,
    title: w.title,
    rows: [[c.name, ''], ...rows],
    code: { text: c.code, barcode: c.code, qr: opts.qrUrl ?? c.code },
    conditions: c.conditions,
    footer: w.use,
    lang: opts.lang,
    duplicate: opts.duplicate,
  });
}
