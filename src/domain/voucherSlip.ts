import { formatDay } from './day';
import { formatEuros, type Lang } from './money';
import { formatDateTime, type Block } from './receipt';
import { formatVoucherCode } from './voucherCode';

// The voucher slip: what the customer takes home and brings back. The code three ways (text
// to type, CODE128 for a till's scanner, QR for a phone or the e-shop), the amount, the last
// day and the conditions (lines short enough for 32-column paper). Printed alone (trade-in, by hand) or under the receipt of a refund.

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
  const out: Block[] = [];
  if (opts.duplicate) out.push({ t: 'text', text: opts.lang === 'fr' ? '*** DUPLICATA ***' : '*** DUPLICATE ***', align: 'center', bold: true });
  if (opts.storeName) out.push({ t: 'text', text: opts.storeName, align: 'center', bold: true });
  out.push({ t: 'text', text: L.title, align: 'center', bold: true, big: true });
  out.push({ t: 'pair', left: L.amount, right: money(v.initialCents), bold: true });
  if (v.balanceCents !== v.initialCents) out.push({ t: 'pair', left: L.balance, right: money(v.balanceCents), bold: true });
  out.push({ t: 'pair', left: L.validUntil, right: formatDay(v.expiresOn) });
  out.push({ t: 'pair', left: L.issued, right: formatDateTime(v.createdAt, opts.lang, opts.timeZone) });
  if (v.customerName) out.push({ t: 'pair', left: L.for, right: v.customerName });
  out.push({ t: 'feed' });
  out.push({ t: 'text', text: formatVoucherCode(v.code), align: 'center', bold: true, big: true });
  out.push({ t: 'barcode', value: v.code, symbology: 'CODE128' });
  out.push({ t: 'qr', value: v.code });
  out.push({ t: 'feed' });
  for (const line of L.conditions) out.push({ t: 'text', text: line, align: 'center' });
  out.push({ t: 'feed' });
  return out;
}
