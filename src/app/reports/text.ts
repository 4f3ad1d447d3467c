import { formatDay } from '../../domain/day';
import { centsToDecimal, formatEuros, type Lang } from '../../domain/money';
import { formatDateTime } from '../../domain/receipt';
import { formatGiftCardCode } from '../../domain/giftCardCode';
import { t, type MessageKey } from '../../i18n/messages';
import type { Report, ReportScope } from './reports';

// Reports as a person reads them (the command line, the back office's screen) and as a
// spreadsheet does (CSV): the same sections, French first. A table narrower than its room
// gives up its least needed columns first, so the screen's 60 columns hold every report.

interface Col {
  head: string;
  right?: boolean;
  /** Given up when the room is short, the lowest first; a column without it always stays. */
  drop?: number;
}

const CLIP = '…';

/** Rows set in columns of their widest cell; columns dropped, then the first cut, to fit `width`. */
export function fitTable(cols: readonly Col[], rows: readonly (readonly string[])[], width = Infinity): string[] {
  const all = [cols.map((c) => c.head), ...rows];
  const widths = cols.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? '')].length)));
  const kept = cols.map(() => true);
  const used = () => widths.reduce((s, w, i) => s + (kept[i] ? w + 2 : 0), -2);
  const order = cols.map((c, i) => ({ c, i })).filter(({ c }) => c.drop !== undefined).sort((a, b) => a.c.drop! - b.c.drop!);
  while (used() > width && order.length > 0) kept[order.shift()!.i] = false;
  // The first column (a name) is cut last of all.
  if (used() > width) widths[0] = Math.max(4, widths[0]! - (used() - width));
  return all.map((r) =>
    cols
      .map((c, i) => {
        if (!kept[i]) return null;
        let cell = r[i] ?? '';
        if ([...cell].length > widths[i]!) cell = cell.slice(0, widths[i]! - 1) + CLIP;
        const pad = ' '.repeat(Math.max(0, widths[i]! - [...cell].length));
        return c.right ? pad + cell : cell + pad;
      })
      .filter((x) => x !== null)
      .join('  ')
      .trimEnd(),
  );
}

export function periodWords(scope: ReportScope, lang: Lang): string {
  const { from, to } = scope.filter.period;
  return from === to ? t(lang, 'report.period.day', { day: formatDay(from) }) : t(lang, 'report.period.days', { from: formatDay(from), to: formatDay(to) });
}

function whereWords(scope: ReportScope, lang: Lang): string {
  return (scope.store ? t(lang, 'report.where.store', { store: scope.store }) : '') + (scope.terminal ? t(lang, 'report.where.terminal', { terminal: scope.terminal }) : '');
}

export function reportTitle(r: Report, lang: Lang): string {
  const where = whereWords(r.scope, lang);
  const period = periodWords(r.scope, lang);
  if (r.kind === 'liabilities') return t(lang, 'report.title.liabilities', { at: formatDateTime(r.liabilities.at, lang, r.scope.filter.timeZone), where });
  return t(lang, `report.title.${r.kind}` as MessageKey, { period, where });
}

const pct = (bp: number, lang: Lang) => `${(bp / 100).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB')} %`;

/** The report's lines under its title, each table fitted to `width` (none: as wide as it takes). */
export function reportText(r: Report, lang: Lang, width = Infinity): string[] {
  const money = (c: number) => formatEuros(c, lang);
  const lines = [reportTitle(r, lang)];
  const blank = () => lines.push('');
  switch (r.kind) {
    case 'sales': {
      const s = r.sales;
      lines.push(...fitTable([{ head: '' }, { head: '', right: true }], [
        [t(lang, 'report.sales.tickets'), String(s.tickets)],
        [t(lang, 'report.sales.total'), money(s.totalCents)],
        [t(lang, 'report.sales.giftCards', { n: s.giftCards }), money(s.giftCardCents)],
        [t(lang, 'report.sales.vatable'), money(s.vatableCents)],
      ], width).slice(1));
      if (s.vat.length > 0) {
        blank();
        lines.push(t(lang, 'report.sales.vat'));
        lines.push(...fitTable(
          [{ head: t(lang, 'report.col.rate') }, { head: t(lang, 'report.col.net'), right: true }, { head: t(lang, 'report.col.vat'), right: true }, { head: t(lang, 'report.col.gross'), right: true }],
          s.vat.map((v) => [pct(v.rateBp, lang), money(v.netCents), money(v.vatCents), money(v.grossCents)]), width));
      }
      if (s.tickets === 0) {
        blank();
        lines.push(t(lang, 'report.sales.none'));
        break;
      }
      blank();
      lines.push(t(lang, 'report.sales.byItem'));
      lines.push(...fitTable(
        [{ head: t(lang, 'report.col.item') }, { head: t(lang, 'report.col.qty'), right: true }, { head: t(lang, 'report.col.amount'), right: true }],
        s.items.map((i) => [i.giftCard ? `${i.name} (${t(lang, 'report.group.giftCards')})` : `${i.sku} ${i.name}`, String(i.qty), money(i.cents)]), width));
      blank();
      lines.push(t(lang, 'report.sales.byGroup'));
      lines.push(...fitTable(
        [{ head: t(lang, 'report.col.group') }, { head: t(lang, 'report.col.qty'), right: true }, { head: t(lang, 'report.col.amount'), right: true }],
        s.groups.map((g) => [g.code === 'gift_cards' ? t(lang, 'report.group.giftCards') : g.code === null ? t(lang, 'report.group.none') : `${g.code} ${g.name}`, String(g.qty), money(g.cents)]), width));
      blank();
      lines.push(t(lang, 'report.sales.byHour'));
      const open = s.hours.map((h, i) => ({ ...h, hour: i })).filter((h) => h.tickets > 0);
      lines.push(...fitTable(
        [{ head: t(lang, 'report.col.hour') }, { head: t(lang, 'report.col.tickets'), right: true }, { head: t(lang, 'report.col.amount'), right: true }],
        open.map((h) => [`${String(h.hour).padStart(2, '0')}h–${String(h.hour + 1).padStart(2, '0')}h`, String(h.tickets), money(h.cents)]), width));
      if (s.days.length > 1) {
        blank();
        lines.push(t(lang, 'report.sales.byDay'));
        lines.push(...fitTable(
          [{ head: t(lang, 'report.col.day') }, { head: t(lang, 'report.col.tickets'), right: true }, { head: t(lang, 'report.col.amount'), right: true }],
          s.days.map((d) => [formatDay(d.day), String(d.tickets), money(d.cents)]), width));
      }
      break;
    }
    case 'payments': {
      const p = r.payments;
      lines.push(...fitTable(
        [{ head: t(lang, 'report.col.tender') }, { head: t(lang, 'report.col.count'), right: true }, { head: t(lang, 'report.col.amount'), right: true }],
        [
          ...p.tenders.map((x) => [t(lang, `report.tender.${x.kind}` as MessageKey), String(x.count), money(x.cents)]),
          [t(lang, 'report.payments.total'), String(p.tenders.reduce((s, x) => s + x.count, 0)), money(p.paidCents)],
          [t(lang, 'report.payments.tickets', { n: p.tickets }), '', money(p.ticketsCents)],
        ], width));
      lines.push(t(lang, 'report.payments.change', { taken: money(p.cashTakenCents), change: money(p.changeCents) }));
      break;
    }
    case 'liabilities': {
      const l = r.liabilities;
      const period = periodWords(r.scope, lang);
      for (const [key, x] of [['report.liab.giftCards', l.giftCards], ['report.liab.vouchers', l.vouchers]] as const) {
        blank();
        lines.push(t(lang, key));
        lines.push(...fitTable(
          [{ head: t(lang, 'report.col.age') }, { head: t(lang, 'report.col.count'), right: true }, { head: t(lang, 'report.col.amount'), right: true }],
          [
            ...x.ageing.map((a) => [t(lang, 'report.liab.band', { band: a.band.replace('-', '–') }), String(a.count), money(a.cents)]),
            [t(lang, 'report.liab.outstanding', { n: x.count }), String(x.count), money(x.outstandingCents)],
            [t(lang, 'report.liab.pastExpiry'), '', money(x.pastExpiryCents)],
            [t(lang, 'report.liab.expired', { period, n: x.expiredCount }), String(x.expiredCount), money(x.expiredCents)],
          ], width));
      }
      break;
    }
    case 'giftcards': {
      const col = (k: string, drop?: number): Col => ({ head: t(lang, `report.col.${k}` as MessageKey), right: !['card', 'store', 'soldOn', 'until'].includes(k), ...(drop !== undefined && { drop }) });
      const cols = [col('card'), col('store', 1), col('soldOn', 3), col('until', 2), col('sold'), col('refunded', 4), col('spent'), col('expired', 5), col('cancelled', 4), col('balance')];
      const row = (c: { soldCents: number; refundedCents: number; spentCents: number; expiredCents: number; cancelledCents: number; balanceCents: number }) =>
        [money(c.soldCents), money(c.refundedCents), money(c.spentCents), money(c.expiredCents), money(c.cancelledCents), money(c.balanceCents)];
      if (r.cards.length === 0) lines.push(t(lang, 'report.gc.none'));
      lines.push(...fitTable(cols, [
        ...r.cards.map((c) => [formatGiftCardCode(c.code), c.store, formatDateTime(c.soldAt, lang, r.scope.filter.timeZone).slice(0, 10), formatDay(c.expiresOn), ...row(c)]),
        [t(lang, 'report.gc.total', { n: r.totals.cards }), '', '', '', ...row(r.totals)],
      ], width));
      break;
    }
  }
  return lines;
}

/** RFC 4180 (`,`, CRLF by the caller): one header, then rows; amounts as plain decimals ("12.50"). */
export function reportCsv(r: Report): string[] {
  const cell = (x: string | number) => (typeof x === 'string' && /[",;\r\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : String(x));
  const rows = (head: string[], body: (string | number)[][]) => [head.join(','), ...body.map((b) => b.map(cell).join(','))];
  const d = centsToDecimal;
  switch (r.kind) {
    case 'sales': {
      // One table: what each row is (item, group, hour, day, total), its key, its name, quantity or tickets, amount.
      const s = r.sales;
      return rows(['section', 'key', 'name', 'qty', 'amount'], [
        ['total', 'tickets', '', s.tickets, d(s.totalCents)],
        ['total', 'gift_cards', '', s.giftCards, d(s.giftCardCents)],
        ['total', 'vatable', '', '', d(s.vatableCents)],
        ...s.vat.map((v) => ['vat', String(v.rateBp / 100), d(v.netCents), '', d(v.vatCents)]),
        ...s.items.map((i) => ['item', i.sku, i.name, i.qty, d(i.cents)]),
        ...s.groups.map((g) => ['group', g.code ?? '', g.name ?? '', g.qty, d(g.cents)]),
        ...s.hours.map((h, i) => ['hour', String(i).padStart(2, '0'), '', h.tickets, d(h.cents)]),
        ...s.days.map((x) => ['day', x.day, '', x.tickets, d(x.cents)]),
      ]);
    }
    case 'payments':
      return rows(['tender', 'count', 'amount'], [
        ...r.payments.tenders.map((x) => [x.kind, x.count, d(x.cents)]),
        ['total', r.payments.tenders.reduce((s, x) => s + x.count, 0), d(r.payments.paidCents)],
        ['tickets', r.payments.tickets, d(r.payments.ticketsCents)],
      ]);
    case 'liabilities':
      return rows(['ledger', 'age_months', 'count', 'amount'], (['giftCards', 'vouchers'] as const).flatMap((k) => {
        const x = r.liabilities[k];
        const name = k === 'giftCards' ? 'gift_cards' : 'vouchers';
        return [
          ...x.ageing.map((a) => [name, a.band, a.count, d(a.cents)]),
          [name, 'outstanding', x.count, d(x.outstandingCents)],
          [name, 'past_expiry', '', d(x.pastExpiryCents)],
          [name, 'expired_in_period', x.expiredCount, d(x.expiredCents)],
        ];
      }));
    case 'giftcards':
      return rows(['code', 'store', 'sold_at', 'expires_on', 'sold', 'refunded', 'spent', 'expired', 'cancelled', 'balance'],
        r.cards.map((c) => [c.code, c.store, c.soldAt.toISOString(), c.expiresOn, d(c.soldCents), d(c.refundedCents), d(c.spentCents), d(c.expiredCents), d(c.cancelledCents), d(c.balanceCents)]));
  }
}

/** The JSON scripts read: snake_case, amounts in integer cents, days as YYYY-MM-DD. */
export function reportJson(r: Report) {
  const f = r.scope.filter;
  const head = { report: r.kind, from: f.period.from, to: f.period.to, time_zone: f.timeZone, store: r.scope.store, terminal: r.scope.terminal };
  switch (r.kind) {
    case 'sales': {
      const s = r.sales;
      return {
        ...head,
        tickets: s.tickets, total_cents: s.totalCents, gift_cards: s.giftCards, gift_card_cents: s.giftCardCents, vatable_cents: s.vatableCents,
        vat: s.vat.map((v) => ({ rate_bp: v.rateBp, net_cents: v.netCents, vat_cents: v.vatCents, gross_cents: v.grossCents })),
        items: s.items.map((i) => ({ sku: i.sku, name: i.name, qty: i.qty, cents: i.cents, gift_card: i.giftCard })),
        groups: s.groups.map((g) => ({ code: g.code, name: g.name, qty: g.qty, cents: g.cents })),
        hours: s.hours.map((h, hour) => ({ hour, tickets: h.tickets, cents: h.cents })),
        days: s.days,
      };
    }
    case 'payments': {
      const p = r.payments;
      return { ...head, tickets: p.tickets, tickets_cents: p.ticketsCents, paid_cents: p.paidCents, cash_taken_cents: p.cashTakenCents, change_cents: p.changeCents, tenders: p.tenders };
    }
    case 'liabilities': {
      const l = r.liabilities;
      const ledger = (x: typeof l.giftCards) => ({
        count: x.count, outstanding_cents: x.outstandingCents, past_expiry_cents: x.pastExpiryCents, expired_count: x.expiredCount, expired_cents: x.expiredCents,
        ageing: x.ageing.map((a) => ({ months: a.band, count: a.count, cents: a.cents })),
      });
      return { ...head, at: l.at.toISOString(), gift_cards: ledger(l.giftCards), vouchers: ledger(l.vouchers) };
    }
    case 'giftcards': {
      const money = (c: { soldCents: number; refundedCents: number; spentCents: number; expiredCents: number; cancelledCents: number; balanceCents: number }) => ({
        sold_cents: c.soldCents, refunded_cents: c.refundedCents, spent_cents: c.spentCents, expired_cents: c.expiredCents, cancelled_cents: c.cancelledCents, balance_cents: c.balanceCents,
      });
      return {
        ...head,
        cards: r.cards.map((c) => ({ code: c.code, store: c.store, sold_at: c.soldAt.toISOString(), expires_on: c.expiresOn, ...money(c) })),
        totals: { cards: r.totals.cards, ...money(r.totals) },
      };
    }
  }
}
