import { formatEuros, type Lang } from './money';
import type { Block } from './receipt';
import { formatRate, type VatPart } from './vat';

/** A note (pro forma) as recorded: what its document is printed from. */
export interface NoteDocument {
  id: number;
  /** Its number in its till's chain of notes. */
  noteNo: number;
  seal: string;
  createdAt: Date;
  terminalCode: string;
  storeName: string;
  operatorName: string;
  lines: { name: string; qty: number; unitPriceCents: number; discountCents: number; totalCents: number }[];
  vat: VatPart[];
  totalCents: number;
}

const labels = {
  fr: { title: 'NOTE (PRO FORMA)', notPaid: 'NON PAYÉE', notReceipt: 'Ce document n’est pas un ticket de caisse', note: 'Note', total: 'TOTAL TTC', seal: 'Sceau', discount: 'Remise' },
  en: { title: 'NOTE (PRO FORMA)', notPaid: 'NOT PAID', notReceipt: 'This document is not a receipt', note: 'Note', total: 'TOTAL', seal: 'Seal', discount: 'Discount' },
} as const;

/** "T01-N000003": a note's number as printed. */
export function noteLabel(terminalCode: string, noteNo: number): string {
  return `${terminalCode}-N${String(noteNo).padStart(6, '0')}`;
}

export function noteBlocks(n: NoteDocument, opts: { lang: Lang; timeZone: string; software?: { name: string; version: string } }): Block[] {
  const L = labels[opts.lang];
  const money = (c: number) => formatEuros(c, opts.lang);
  const when = new Intl.DateTimeFormat(opts.lang === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: opts.timeZone, dateStyle: 'short', timeStyle: 'short' }).format(n.createdAt);
  const out: Block[] = [
    { t: 'text', text: L.title, align: 'center', bold: true },
    { t: 'text', text: L.notPaid, align: 'center', bold: true },
    { t: 'text', text: L.notReceipt, align: 'center' },
    { t: 'text', text: n.storeName, align: 'center', bold: true },
    { t: 'feed' },
    { t: 'pair', left: `${L.note} ${noteLabel(n.terminalCode, n.noteNo)}`, right: when },
    { t: 'text', text: n.operatorName },
    { t: 'rule' },
  ];
  for (const l of n.lines) {
    out.push({ t: 'text', text: l.name });
    out.push({ t: 'pair', left: `  ${l.qty} x ${money(l.unitPriceCents)}`, right: money(l.totalCents) });
    if (l.discountCents !== 0) out.push({ t: 'pair', left: `  ${L.discount}`, right: money(-l.discountCents) });
  }
  out.push({ t: 'rule' }, { t: 'pair', left: L.total, right: money(n.totalCents), bold: true });
  for (const v of n.vat) out.push({ t: 'pair', left: `  ${formatRate(v.rateBp, opts.lang)}`, right: money(v.vatCents) });
  out.push({ t: 'rule' }, { t: 'pair', left: `${L.seal} ${n.seal.slice(0, 10)}`, right: opts.software ? `${opts.software.name} ${opts.software.version}` : '' }, { t: 'feed' });
  return out;
}
