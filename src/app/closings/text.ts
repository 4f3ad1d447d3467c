import type { Closing } from '../../data/closings';
import { formatEuros, type Lang } from '../../domain/money';
import { formatDateTime, renderText, type Block } from '../../domain/receipt';
import { formatDay } from '../../domain/day';
import { formatRate } from '../../domain/vat';
import type { Totals } from '../../domain/closings/totals';
import { isMessageKey, t, type MessageKey } from '../../i18n/messages';
import type { HeadsDoc } from './heads';
import type { Break } from './verify';
import type { XReport } from './xReport';

// The Z (and X) as printed on the receipt printer and shown by `pos close` and the back room:
// one list of blocks, rendered as text for the screen and the console.

export interface Place {
  storeName: string;
  /** Till codes by id, to name a till's chain. */
  terminals: Record<number, string>;
  timeZone: string;
}

const money = (c: number, lang: Lang) => formatEuros(c, lang);

function tenderName(kind: string, lang: Lang): string {
  const key = `report.tender.${kind}`;
  return isMessageKey(key) ? t(lang, key) : kind;
}

function periodText(kind: string, firstDay: string, lastDay: string): string {
  if (kind === 'day') return formatDay(firstDay);
  return `${formatDay(firstDay)} – ${formatDay(lastDay)}`;
}

function totalsBlocks(totals: Totals, lang: Lang): Block[] {
  const out: Block[] = [
    { t: 'pair', left: t(lang, 'closing.z.tickets'), right: String(totals.tickets) },
  ];
  if (totals.firstTicketNo !== null) out.push({ t: 'pair', left: t(lang, 'closing.z.ticketNos'), right: `${totals.firstTicketNo} – ${totals.lastTicketNo}` });
  out.push({ t: 'rule' }, { t: 'text', text: t(lang, 'closing.z.byVat'), bold: true });
  for (const v of totals.byVat) {
    out.push({ t: 'pair', left: `${formatRate(v.rateBp, lang)} ${t(lang, 'closing.z.gross')}`, right: money(v.grossCents, lang) });
    out.push({ t: 'pair', left: `  ${t(lang, 'closing.z.net')} / ${t(lang, 'closing.z.vat')}`, right: `${money(v.netCents, lang)} / ${money(v.vatCents, lang)}` });
  }
  out.push({ t: 'rule' }, { t: 'text', text: t(lang, 'closing.z.byTender'), bold: true });
  for (const x of totals.byTender) out.push({ t: 'pair', left: tenderName(x.kind, lang), right: money(x.cents, lang) });
  out.push({ t: 'rule' }, { t: 'pair', left: t(lang, 'closing.z.total'), right: money(totals.totalCents, lang), bold: true });
  return out;
}

function scopeName(c: { terminalId: number | null }, place: Place, lang: Lang): string {
  return c.terminalId === null ? t(lang, 'closing.z.store', { store: place.storeName }) : t(lang, 'closing.z.till', { till: place.terminals[c.terminalId] ?? String(c.terminalId) });
}

const TITLES: Record<string, MessageKey> = { day: 'closing.z.titleDay', month: 'closing.z.titleMonth', year: 'closing.z.titleYear' };

/** One closing as printed: figures, perpetual grand total, its seal, and the chain heads. */
export function zBlocks(c: Closing, heads: HeadsDoc | null, place: Place, lang: Lang): Block[] {
  const out: Block[] = [
    { t: 'text', text: place.storeName, align: 'center', bold: true },
    { t: 'text', text: t(lang, TITLES[c.kind]!), align: 'center', bold: true, big: true },
    { t: 'text', text: scopeName(c, place, lang), align: 'center' },
    { t: 'rule' },
    { t: 'pair', left: t(lang, 'closing.z.period'), right: periodText(c.kind, c.firstDay, c.lastDay) },
    { t: 'pair', left: t(lang, 'closing.z.number'), right: String(c.seq) },
    { t: 'pair', left: t(lang, 'closing.z.closedAt'), right: formatDateTime(c.closedAt, lang, place.timeZone) },
  ];
  if (c.automatic) out.push({ t: 'text', text: t(lang, 'closing.z.automatic') });
  out.push({ t: 'rule' }, ...totalsBlocks(c.totals, lang));
  out.push({ t: 'pair', left: t(lang, 'closing.z.perpetual'), right: money(c.perpetualCents, lang), bold: true });
  // The whole hash, in two halves: it fits the narrowest paper (32 columns).
  out.push({ t: 'rule' }, { t: 'text', text: t(lang, 'closing.z.seal') }, { t: 'text', text: c.hash.slice(0, 32) }, { t: 'text', text: c.hash.slice(32) });
  out.push({ t: 'pair', left: t(lang, 'closing.z.previous'), right: c.prevHash.slice(0, 16) }, { t: 'pair', left: t(lang, 'closing.z.key'), right: c.keyId });
  if (heads) out.push(...headsBlocks(heads, place, lang));
  out.push({ t: 'feed' });
  return out;
}

/** The chain heads as printed on a Z: the last closing of each chain, and each till's sealed chains (last ticket, journal, notes). */
export function headsBlocks(h: HeadsDoc, place: Place, lang: Lang): Block[] {
  const out: Block[] = [{ t: 'rule' }, { t: 'text', text: t(lang, 'closing.z.heads'), bold: true }];
  for (const x of h.closings) {
    const [scope, , terminal, kind] = x.chain.split(':');
    const who = scope === 'store' ? t(lang, 'closing.z.storeShort') : (place.terminals[Number(terminal)] ?? terminal);
    out.push({ t: 'pair', left: `${who} ${t(lang, `closing.kind.${kind}` as MessageKey)} n°${x.seq}`, right: x.hash.slice(0, 16) });
  }
  for (const x of h.seals) {
    const what = x.chain === 'ticket' && x.ticketNo != null ? `${t(lang, 'closing.z.ticket')} ${x.ticketNo}` : `${sealChainName(x.chain, lang)} n°${x.seq}`;
    out.push({ t: 'pair', left: `${place.terminals[x.terminalId] ?? x.terminalCode} ${what}`, right: x.hash.slice(0, 16) });
  }
  return out;
}

function sealChainName(chain: string, lang: Lang): string {
  const key = `closing.z.chain.${chain}`;
  return isMessageKey(key) ? t(lang, key) : chain;
}

/** The X report as printed and shown. */
export function xBlocks(x: XReport, place: Place, lang: Lang): Block[] {
  return [
    { t: 'text', text: place.storeName, align: 'center', bold: true },
    { t: 'text', text: t(lang, 'closing.x.title'), align: 'center', bold: true, big: true },
    { t: 'text', text: scopeName(x.scope, place, lang), align: 'center' },
    { t: 'rule' },
    { t: 'pair', left: t(lang, 'closing.z.period'), right: periodText(x.kind, x.firstDay, x.lastDay) },
    { t: 'pair', left: t(lang, 'closing.x.at'), right: formatDateTime(x.at, lang, place.timeZone) },
    ...(x.closed ? [{ t: 'text' as const, text: t(lang, 'closing.x.closed') }] : []),
    { t: 'rule' },
    ...totalsBlocks(x.totals, lang),
    { t: 'pair', left: t(lang, 'closing.z.perpetual'), right: money(x.perpetualCents, lang), bold: true },
    { t: 'feed' },
  ];
}

export function blocksText(blocks: readonly Block[], columns = 48): string[] {
  return renderText(blocks, columns).replace(/\n+$/, '').split('\n');
}

/** A closing in JSON (amounts in cents, days as YYYY-MM-DD). */
export function closingJson(c: Closing): Record<string, unknown> {
  return {
    id: c.id, scope: c.scope, store_id: c.storeId, terminal_id: c.terminalId, kind: c.kind, seq: c.seq, first_day: c.firstDay, last_day: c.lastDay,
    time_zone: c.timeZone, period_start: c.periodStart.toISOString(), period_end: c.periodEnd.toISOString(),
    ...totalsJson(c.totals), perpetual_cents: c.perpetualCents, automatic: c.automatic, operator_id: c.operatorId, closed_at: c.closedAt.toISOString(),
    prev_hash: c.prevHash, hash: c.hash, key_id: c.keyId, signature: c.signature,
  };
}

export function totalsJson(x: Totals): Record<string, unknown> {
  return {
    tickets: x.tickets, total_cents: x.totalCents, first_ticket_no: x.firstTicketNo, last_ticket_no: x.lastTicketNo,
    by_vat: x.byVat.map((v) => ({ rate_bp: v.rateBp, gross_cents: v.grossCents, vat_cents: v.vatCents, net_cents: v.netCents })),
    by_tender: x.byTender.map((v) => ({ kind: v.kind, cents: v.cents })),
  };
}

export function xJson(x: XReport): Record<string, unknown> {
  return { scope: x.scope.scope, store_id: x.scope.storeId, terminal_id: x.scope.terminalId, kind: x.kind, first_day: x.firstDay, last_day: x.lastDay, at: x.at.toISOString(), closed: x.closed, ...totalsJson(x.totals), perpetual_cents: x.perpetualCents };
}

/** A break in one line: what, where, which fields. */
export function breakText(b: Break, lang: Lang): string {
  return t(lang, 'closing.verify.break', { kind: t(lang, `closing.break.${b.kind}` as MessageKey), chain: b.chain, seq: b.seq ?? '-', period: b.period ?? '-', fields: b.fields.join(', ') });
}
