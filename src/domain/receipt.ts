import { formatEuros, type Lang } from './money';
import { ticketLabel, type SaleRecord } from './sale';
import { formatRate } from './vat';

/**
 * A receipt is a list of blocks, independent of the device: text files and the console render
 * it as plain text; ESC/POS printers map the same blocks to their commands.
 */
export type Block =
  | { t: 'text'; text: string; align?: 'left' | 'center' | 'right'; bold?: boolean; big?: boolean }
  | { t: 'pair'; left: string; right: string; bold?: boolean }
  | { t: 'rule' }
  /** A linear barcode (CODE128 unless said otherwise). */
  | { t: 'barcode'; value: string; symbology?: 'CODE128' | 'EAN13' }
  | { t: 'qr'; value: string }
  | { t: 'feed' };

const labels = {
  fr: {
    ticket: 'Ticket', till: 'Caisse', operator: 'Caissier', total: 'TOTAL TTC', change: 'Rendu',
    tender: { cash: 'Espèces', card: 'Carte bancaire', voucher: 'Bon d’achat', gift_card: 'Carte cadeau', account: 'Compte client', giftcert: 'Chèque-cadeau web' },
    paidOut: 'Remboursé :',
    vatHead: ['Taux', 'HT', 'TVA', 'TTC'], discount: 'Remise', priceChanged: 'Prix modifié',
    outsideVat: 'Hors champ TVA (cartes cadeaux)',
    thanks: 'Merci de votre visite', training: '*** FACTICE – MODE ÉCOLE ***', trainingNotice: 'Ticket d’entraînement, sans valeur', duplicate: '*** DUPLICATA ***', duplicateNo: (n: number) => `*** DUPLICATA n° ${n} ***`, items: 'article(s)',
    seal: 'Sceau', noSeal: 'Sceau : à la transmission',
  },
  en: {
    ticket: 'Receipt', till: 'Till', operator: 'Cashier', total: 'TOTAL', change: 'Change',
    tender: { cash: 'Cash', card: 'Card', voucher: 'Store credit', gift_card: 'Gift card', account: 'Customer account', giftcert: 'E-shop gift certificate' },
    paidOut: 'Refunded:',
    vatHead: ['Rate', 'Net', 'VAT', 'Gross'], discount: 'Discount', priceChanged: 'Price changed',
    outsideVat: 'Outside the scope of VAT (gift cards)',
    thanks: 'Thank you for your visit', training: '*** FACTICE – TRAINING ***', trainingNotice: 'Training ticket, no value', duplicate: '*** DUPLICATE ***', duplicateNo: (n: number) => `*** DUPLICATE no. ${n} ***`, items: 'item(s)',
    seal: 'Seal', noSeal: 'Seal: when sent',
  },
} as const;

/** How many characters of the seal a receipt prints. */
export const SHORT_SEAL = 10;

export interface ReceiptOptions {
  lang: Lang;
  timeZone: string;
  /** A reprint: true, or which duplicate it is (the journal counts them). */
  duplicate?: boolean | number;
  /** The software's name and version, printed under the seal. */
  software?: { name: string; version: string };
  /** The store's lines at the foot, in place of the thanks (none: the thanks). */
  footer?: readonly string[];
  /** Sections features add before the VAT table: the customer's points, vouchers' balances… */
  extra?: readonly Block[];
}

// A formatter costs tens of milliseconds to make (locale and zone data): one per language and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatDateTime(d: Date, lang: Lang, timeZone: string): string {
  const key = `${lang} ${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    formatters.set(key, f);
  }
  return f.format(d);
}

/** The mark a reprint starts with. */
function duplicateMark(lang: Lang, count: number | true = true): Block {
  const L = labels[lang];
  return { t: 'text', text: count === true ? L.duplicate : L.duplicateNo(count), align: 'center', bold: true };
}

/** What marks every document printed in training mode ("mode école"): FACTICE, top and bottom. */
export function trainingMark(lang: Lang): Block {
  return { t: 'text', text: labels[lang].training, align: 'center', bold: true };
}

/** A document made in training mode: marked FACTICE at its top and its end. */
export function asTraining(blocks: readonly Block[], lang: Lang): Block[] {
  const feed = blocks.length > 0 && blocks[blocks.length - 1]!.t === 'feed';
  const body = feed ? blocks.slice(0, -1) : blocks;
  return [trainingMark(lang), ...body, trainingMark(lang), ...(feed ? [blocks[blocks.length - 1]!] : [])];
}

/** A receipt printed before (as the offline journal keeps it) marked as a reprint, as a reprint from the sale is. */
export function asDuplicate(blocks: readonly Block[], lang: Lang): Block[] {
  return [duplicateMark(lang), ...blocks];
}

export function receiptBlocks(sale: SaleRecord, opts: ReceiptOptions): Block[] {
  const L = labels[opts.lang];
  const money = (c: number) => formatEuros(c, opts.lang);
  const label = ticketLabel(sale.terminalCode, sale.ticketNo);
  const out: Block[] = [];
  if (sale.training) out.push(trainingMark(opts.lang));
  if (opts.duplicate) out.push(duplicateMark(opts.lang, opts.duplicate));
  out.push({ t: 'text', text: sale.storeName, align: 'center', bold: true, big: true });
  for (const line of sale.storeAddress) out.push({ t: 'text', text: line, align: 'center' });
  out.push({ t: 'feed' });
  out.push({ t: 'pair', left: `${L.ticket} ${label}`, right: formatDateTime(sale.createdAt, opts.lang, opts.timeZone) });
  out.push({ t: 'pair', left: `${L.till} ${sale.terminalCode}`, right: `${L.operator} ${sale.operatorName}` });
  out.push({ t: 'rule' });
  let count = 0;
  for (const l of sale.lines) {
    count += l.qty;
    if (l.qty === 1 && l.discountCents === 0) {
      out.push({ t: 'pair', left: l.name, right: money(l.unitPriceCents) });
    } else {
      out.push({ t: 'text', text: l.name });
      out.push({ t: 'pair', left: `  ${l.qty} x ${money(l.unitPriceCents)}`, right: money(l.unitPriceCents * l.qty) });
    }
    if (l.unitPriceCents !== l.listPriceCents) {
      out.push({ t: 'text', text: `  ${L.priceChanged} (${money(l.listPriceCents)})` });
    }
    if (l.discountCents !== 0) out.push({ t: 'pair', left: `  ${L.discount}`, right: money(-l.discountCents) });
  }
  // Ticket discounts (coupons, customer discount…): their share is already in each line's VAT.
  for (const a of sale.adjustments) out.push({ t: 'pair', left: a.label, right: money(-a.amountCents) });
  out.push({ t: 'rule' });
  out.push({ t: 'pair', left: `${L.total}  (${count} ${L.items})`, right: money(sale.totalCents), bold: true });
  for (const tender of sale.tenders) {
    const name = `${tender.amountCents < 0 ? `${L.paidOut} ` : ''}${L.tender[tender.kind]}${tender.ref ? ` ${tender.ref}` : ''}`;
    out.push({ t: 'pair', left: name, right: money(Math.abs(tender.amountCents)) });
  }
  if (sale.changeCents > 0) out.push({ t: 'pair', left: L.change, right: money(sale.changeCents) });
  if (opts.extra?.length) {
    out.push({ t: 'rule' });
    out.push(...opts.extra);
  }
  out.push({ t: 'rule' });
  const [rate, net, vat, gross] = L.vatHead;
  out.push({ t: 'text', text: vatRow(rate, net, vat, gross) });
  for (const v of sale.vat) {
    out.push({ t: 'text', text: vatRow(formatRate(v.rateBp, opts.lang), money(v.netCents), money(v.vatCents), money(v.grossCents)) });
  }
  // A gift card sold is a multi-purpose voucher: no VAT now, VAT on the goods it will pay for.
  const outsideVat = sale.lines.reduce((sum, l) => sum + (l.giftCardCode ? l.totalCents : 0), 0);
  if (outsideVat !== 0) out.push({ t: 'pair', left: L.outsideVat, right: money(outsideVat) });
  out.push({ t: 'rule' });
  // The fiscal seal's first characters (a sale printed before it reached the database has none
  // yet) and the software that made the ticket.
  const software = opts.software ? `${opts.software.name} ${opts.software.version}` : '';
  out.push({ t: 'pair', left: sale.seal ? `${L.seal} ${sale.seal.slice(0, SHORT_SEAL)}` : L.noSeal, right: software });
  for (const line of opts.footer?.length ? opts.footer : [L.thanks]) out.push({ t: 'text', text: line, align: 'center' });
  if (sale.training) out.push({ t: 'text', text: L.trainingNotice, align: 'center' }, trainingMark(opts.lang));
  out.push({ t: 'barcode', value: label });
  out.push({ t: 'feed' });
  return out;
}

function vatRow(a: string, b: string, c: string, d: string): string {
  return a.padEnd(8) + b.padStart(11) + c.padStart(11) + d.padStart(12);
}

/** Plain-text rendering, `columns` wide (42 or 48 on receipt paper). */
export function renderText(blocks: readonly Block[], columns: number): string {
  const rows: string[] = [];
  for (const b of blocks) {
    switch (b.t) {
      case 'text': {
        const text = b.text.slice(0, columns);
        const pad = columns - text.length;
        rows.push(b.align === 'center' ? ' '.repeat(Math.floor(pad / 2)) + text : b.align === 'right' ? ' '.repeat(pad) + text : text);
        break;
      }
      case 'pair': {
        const right = b.right.slice(0, columns);
        if (b.left.length + right.length + 1 <= columns) {
          rows.push(b.left + ' '.repeat(columns - b.left.length - right.length) + right);
        } else {
          // Too long for one row of this paper: the label, then the value on the right.
          rows.push(b.left.slice(0, columns));
          rows.push(right.padStart(columns));
        }
        break;
      }
      case 'rule':
        rows.push('-'.repeat(columns));
        break;
      case 'barcode':
      case 'qr': {
        const text = b.t === 'qr' ? `[QR ${b.value}]` : `|| ${b.value} ||`;
        rows.push(' '.repeat(Math.max(0, Math.floor((columns - text.length) / 2))) + text);
        break;
      }
      case 'feed':
        rows.push('');
        break;
    }
  }
  return rows.join('\n') + '\n';
}
