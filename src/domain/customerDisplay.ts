import { basketTotals, lineTotal, type Basket } from './basket';
import { formatEuros, type Lang } from './money';
import type { SaleRecord } from './sale';
import { changeCents, paidCents, remainingCents, type Payment } from './tender';

export type DisplayRows = readonly [string, string];

const WIDTH = 20;

const words = {
  fr: { welcome: 'Bienvenue !', total: 'TOTAL', due: 'Reste', change: 'Rendu', thanks: 'Merci, à bientôt !', left: (n: number) => (n > 0 ? `Plus que ${n}` : 'Rupture') },
  en: { welcome: 'Welcome!', total: 'TOTAL', due: 'Due', change: 'Change', thanks: 'Thank you, goodbye!', left: (n: number) => (n > 0 ? `Only ${n} left` : 'Out of stock') },
} as const;

/** Euros as a pole display shows them: no € sign (most cannot draw it), no thousands space. */
function amount(cents: number, lang: Lang): string {
  return formatEuros(cents, lang).replace(/[\s\u202f€]/g, '').replace(/,(?=\d{3}\b)/g, '');
}

/** A label on the left, an amount on the right, in 20 columns; the label gives way. */
function pair(label: string, value: string): string {
  const room = WIDTH - value.length - 1;
  return `${label.slice(0, Math.max(0, room)).padEnd(room)} ${value}`;
}

function center(text: string): string {
  const t = text.slice(0, WIDTH);
  return ' '.repeat(Math.floor((WIDTH - t.length) / 2)) + t;
}

export interface DisplayView {
  basket: Basket;
  payment: Payment | null;
  /** The ticket just committed, while it is still worth showing (its change). */
  lastSale: SaleRecord | null;
  storeName: string;
  /** What is left of the last item scanned, when it is at or under its threshold (and the shop says so). */
  lowLeft?: number | null;
}

/**
 * What the customer's 2×20 display says: a welcome when nothing is going on; the last item
 * and the total while items are scanned (what is left of it, when low, before the total); the total and what is left (or the change) while
 * paying; the change once the ticket is saved.
 */
export function displayRows(v: DisplayView, lang: Lang): DisplayRows {
  const w = words[lang];
  if (v.payment) {
    const paid = paidCents(v.payment);
    const change = changeCents(v.payment);
    const second = change > 0 ? pair(w.change, amount(change, lang)) : paid === 0 ? '' : pair(w.due, amount(Math.abs(remainingCents(v.payment)), lang));
    return [pair(w.total, amount(v.payment.totalCents, lang)), second];
  }
  const last = v.basket.lines[v.basket.lines.length - 1];
  if (last) {
    const first = last.qty === 1 ? pair(last.item.name, amount(lineTotal(last), lang)) : pair(`${last.qty} ${last.item.name}`, amount(lineTotal(last), lang));
    // "Plus que 3" takes the total's label: the amount stays where the customer looks for it.
    const label = v.lowLeft != null ? w.left(v.lowLeft) : w.total;
    return [first, pair(label, amount(basketTotals(v.basket).totalCents, lang))];
  }
  if (v.lastSale) {
    return v.lastSale.changeCents > 0 ? [pair(w.total, amount(v.lastSale.totalCents, lang)), pair(w.change, amount(v.lastSale.changeCents, lang))] : [center(w.thanks), ''];
  }
  return [center(w.welcome), center(v.storeName)];
}
