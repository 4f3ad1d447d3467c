import { formatDay } from './day';
import { formatEuros, type Lang } from './money';
import { formatDateTime, type Block } from './receipt';
import { slipBlocks, type SlipRow } from './slips';
import { formatVoucherCode } from './voucherCode';

// The voucher slip: what the customer takes home and brings back. The code three ways (text
// to type, CODE128 for a till's scanner, QR for a phone or the e-shop), the amount, the last
// day and the conditions (lines short enough for 32-column paper), in the frame all slips
// share (slips.ts). Printed alone (trade-in, by hand) or under the receipt of a refund.

const labels = {
  fr: {
    title: 'BON D’ACHAT',
    amount: 'Montant',
    balance: 'Solde',
    validUntil: 'Valable jusqu’au',
    issued: 'Émis le',
    for: 'Client',
    conditions: [
      'Utilisable en une ou plusieurs',
      'fois, en magasin, sur le site',
      'et au retrait de commande,',
      'jusqu’à épuisement du solde.',
      'Non remboursable en espèces.',
      'Présentez ce bon ou son code.',
    ],
  },
  en: {
    title: 'STORE CREDIT VOUCHER',
    amount: 'Amount',
    balance: 'Balance',
    validUntil: 'Valid until',
    issued: 'Issued',
    for: 'Customer',
    conditions: [
      'May be spent in one or more',
      'purchases, in store, online and',
      'at order pickup, until the',
      'balance is used up. Not',
      'exchangeable for cash. Bring',
      'this voucher or its code.',
    ],
  },
} as const;

export interface SlipVoucher {
  code: string;
  initialCents: number;
  balanceCents: number;
  expiresOn: string;
  createdAt: Date;
  customerName: string | null;
}

export function voucherSlipBlocks(v: SlipVoucher, opts: { lang: Lang; timeZone: string; storeName?: string; duplicate?: boolean }): Block[] {
  const L = labels[opts.lang];
  const money = (c: number) => formatEuros(c, opts.lang);
  const rows: SlipRow[] = [[L.amount, money(v.initialCents), true]];
  if (v.balanceCents !== v.initialCents) rows.push([L.balance, money(v.balanceCents), true]);
  rows.push([L.validUntil, formatDay(v.expiresOn)], [L.issued, formatDateTime(v.createdAt, opts.lang, opts.timeZone)]);
  if (v.customerName) rows.push([L.for, v.customerName]);
  return slipBlocks({
    storeName: opts.storeName,
    title: L.title,
    rows,
    // Grouped by four to be read out and typed; the barcodes carry the code as the till reads it.
    code: { text: formatVoucherCode(v.code), barcode: v.code, qr: v.code },
    conditions: L.conditions,
    lang: opts.lang,
    duplicate: opts.duplicate,
  });
}
