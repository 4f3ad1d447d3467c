import { formatDay } from './day';
import { formatGiftCardCode } from './giftCardCode';
import { formatEuros, type Lang } from './money';
import { formatDateTime, type Block } from './receipt';
import { slipBlocks, type SlipRow } from './slips';

// The gift card slip, printed with the receipt of the ticket that sold the card: its value, the
// code three ways (text to type, CODE128 for a till's scanner, QR for a phone or the e-shop),
// the last day and the conditions, in the frame all slips share (slips.ts). A pre-printed card
// has its number on it already; the slip is its proof of value and of its last day.

const labels = {
  fr: {
    title: 'CARTE CADEAU',
    value: 'Valeur',
    balance: 'Solde',
    validUntil: 'Valable jusqu’au',
    sold: 'Vendue le',
    conditions: [
      'Utilisable en une ou plusieurs',
      'fois, en magasin et sur le site,',
      'jusqu’à épuisement du solde.',
      'Non remboursable en espèces.',
      'Présentez la carte ou son code.',
    ],
  },
  en: {
    title: 'GIFT CARD',
    value: 'Value',
    balance: 'Balance',
    validUntil: 'Valid until',
    sold: 'Sold',
    conditions: [
      'May be spent in one or more',
      'purchases, in store and online,',
      'until the balance is used up.',
      'Not exchangeable for cash.',
      'Bring this card or its code.',
    ],
  },
} as const;

export interface SlipGiftCard {
  code: string;
  initialCents: number;
  balanceCents: number;
  expiresOn: string;
  createdAt: Date;
}

export function giftCardSlipBlocks(c: SlipGiftCard, opts: { lang: Lang; timeZone: string; storeName?: string; duplicate?: boolean }): Block[] {
  const L = labels[opts.lang];
  const money = (cents: number) => formatEuros(cents, opts.lang);
  const rows: SlipRow[] = [[L.value, money(c.initialCents), true]];
  if (c.balanceCents !== c.initialCents) rows.push([L.balance, money(c.balanceCents), true]);
  rows.push([L.validUntil, formatDay(c.expiresOn)], [L.sold, formatDateTime(c.createdAt, opts.lang, opts.timeZone)]);
  return slipBlocks({
    storeName: opts.storeName,
    title: L.title,
    rows,
    code: { text: formatGiftCardCode(c.code), barcode: c.code, qr: c.code },
    conditions: L.conditions,
    lang: opts.lang,
    duplicate: opts.duplicate,
  });
}
