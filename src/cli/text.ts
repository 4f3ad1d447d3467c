import type { Config } from '../config/schema';
import type { SaleSummary } from '../data/sales';
import type { CatalogItem } from '../domain/item';
import { priceRuleOf } from '../domain/itemPriceRule';
import { formatEuros, type Lang } from '../domain/money';
import { formatDateTime } from '../domain/receipt';
import { ticketLabel, type SaleRecord } from '../domain/sale';
import { formatRate } from '../domain/vat';
import { t } from '../i18n/messages';
import { table } from './output';

// What a person reads in a terminal; the receipt itself comes from domain/receipt.

export function saleText(s: SaleRecord, config: Config): string[] {
  const { lang, timeZone } = config;
  const money = (c: number) => formatEuros(c, lang);
  const head = t(lang, 'cli.saleHeader', {
    ticket: ticketLabel(s.terminalCode, s.ticketNo),
    date: formatDateTime(s.createdAt, lang, timeZone),
    terminal: s.terminalCode,
    operator: s.operatorName,
  });
  const rows = [
    ...s.lines.map((l) => [String(l.qty), 'x', l.name, l.sku, money(l.totalCents)]),
    ...s.adjustments.map((a) => ['', '', a.label, a.ref, money(-a.amountCents)]),
    ['', '', t(lang, 'sale.total'), '', money(s.totalCents)],
    ...s.tenders.map((x) => ['', '', t(lang, x.kind === 'cash' ? 'tender.cash' : 'tender.card'), '', money(x.amountCents)]),
  ];
  const lines = [head, ...table(rows, ['right', 'left', 'left', 'left', 'right'])];
  if (s.changeCents > 0) lines.push(t(lang, 'cli.change', { change: money(s.changeCents) }));
  return lines;
}

/** An item's price rule in a word: nothing when any discount goes. */
function priceRuleText(item: CatalogItem, lang: Lang): string {
  const rule = priceRuleOf(item);
  if (rule.kind === 'fixed') return t(lang, 'priceRule.fixed');
  return rule.kind === 'capped' ? t(lang, 'priceRule.capped', { max: formatRate(rule.maxDiscountBp, lang) }) : '';
}

export function itemsText(items: readonly CatalogItem[], lang: Lang): string[] {
  const head = ['cli.col.sku', 'cli.col.barcode', 'cli.col.name', 'cli.col.price', 'cli.col.vat', 'cli.col.priceRule'] as const;
  const rows = items.map((i) => [i.sku, i.barcode ?? '', i.name, formatEuros(i.priceCents, lang), formatRate(i.vatRateBp, lang), priceRuleText(i, lang)]);
  return table([head.map((k) => t(lang, k)), ...rows], ['left', 'left', 'left', 'right', 'right', 'left']);
}

export function salesText(sales: readonly SaleSummary[], config: Config): string[] {
  const { lang, timeZone } = config;
  if (sales.length === 0) return [t(lang, 'cli.noSales')];
  const head = ['cli.col.ticket', 'cli.col.date', 'cli.col.operator', 'cli.col.lines', 'cli.col.total'] as const;
  const rows = sales.map((s) => [
    ticketLabel(s.terminalCode, s.ticketNo),
    formatDateTime(s.createdAt, lang, timeZone),
    s.operatorCode,
    String(s.lineCount),
    formatEuros(s.totalCents, lang),
  ]);
  return table([head.map((k) => t(lang, k)), ...rows], ['left', 'left', 'left', 'right', 'right']);
}
