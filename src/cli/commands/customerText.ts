import { giftText } from '../../app/loyalty/gift';
import type { LoyaltyView } from '../../app/loyalty/program';
import type { Config } from '../../config/schema';
import type { CustomerRecord } from '../../data/customers';
import type { CustomerSummary } from '../../data/customersSearch';
import type { AccountMovement } from '../../domain/customer/account';
import { formatEuros, type Lang } from '../../domain/money';
import type { Reward } from '../../domain/loyalty/program';
import { formatDateTime } from '../../domain/receipt';
import { formatRate } from '../../domain/vat';
import { t } from '../../i18n/messages';
import { table } from '../output';

// What a person reads of customers, loyalty and accounts in a terminal.

export function customerText(c: CustomerRecord, lang: Lang): string[] {
  const money = (x: number) => formatEuros(x, lang);
  const lines = [`${c.name} · ${c.code}${c.active ? '' : ` · ${t(lang, 'record.inactive')}`}`];
  if (c.phone || c.email) lines.push(t(lang, 'record.contact', { phone: c.phone ?? '—', email: c.email ?? '—' }));
  lines.push(...c.address);
  lines.push(t(lang, 'record.group', { group: c.groupCode ?? '—', discount: c.discountBp ? formatRate(c.discountBp, lang) : '—' }));
  lines.push(t(lang, 'record.points', { points: c.points, expiring: c.pointsExpiring ? t(lang, 'record.expiring', { n: c.pointsExpiring }) : '', visits: c.visits }));
  lines.push(c.accountCents === null ? t(lang, 'record.noAccount') : t(lang, 'record.account', {
    balance: money(c.accountCents), limit: money(c.overdraftLimitCents), available: money(Math.max(0, c.accountCents + c.overdraftLimitCents)),
  }));
  if (c.notes) lines.push(c.notes);
  return lines;
}

export function customersText(rows: readonly CustomerSummary[], lang: Lang): string[] {
  if (rows.length === 0) return [t(lang, 'cli.customers.none')];
  const head = ['cli.col.customer', 'cli.col.code', 'cli.col.phone', 'cli.col.points', 'cli.col.account'] as const;
  const body = rows.map((r) => [r.name, r.code, r.phone ?? '', String(r.points), r.accountCents === null ? '' : formatEuros(r.accountCents, lang)]);
  return table([head.map((k) => t(lang, k)), ...body], ['left', 'left', 'left', 'right', 'right']);
}

export function loyaltyText(c: CustomerRecord, v: LoyaltyView, config: Config): string[] {
  const { lang, timeZone } = config;
  const lines = [t(lang, 'cli.loyalty.balance', { name: c.name, code: c.code, points: v.points, expiring: v.pointsExpiring ? t(lang, 'record.expiring', { n: v.pointsExpiring }) : '', visits: v.visits })];
  for (const r of v.within) lines.push(t(lang, 'cli.loyalty.within', { name: `${r.name} (${giftText(r, lang)})` }));
  if (v.next) lines.push(t(lang, 'cli.loyalty.next', { name: v.next.name, missing: v.next.missing, unit: t(lang, `loyalty.unit.${v.next.unit}`) }));
  if (v.movements.length > 0) {
    const head = ['cli.col.date', 'cli.col.kind', 'cli.col.amount', 'cli.col.balance', 'cli.col.ref'] as const;
    const rows = v.movements.map((m) => [
      formatDateTime(m.at, lang, timeZone),
      `${t(lang, `loyalty.kind.${m.kind}`)} (${t(lang, `loyalty.unit.${m.unit}`)})`,
      m.amount > 0 ? `+${m.amount}` : String(m.amount),
      String(m.balanceAfter),
      m.ticket ?? m.rewardName ?? m.note ?? '',
    ]);
    lines.push(...table([head.map((k) => t(lang, k)), ...rows], ['left', 'left', 'right', 'right', 'left']));
  }
  return lines;
}

export function rewardsText(rewards: readonly (Reward & { active: boolean })[], lang: Lang): string[] {
  if (rewards.length === 0) return [t(lang, 'cli.loyalty.noRewards')];
  const head = ['cli.col.code', 'cli.col.reward', 'cli.col.threshold', 'cli.col.gift', 'cli.col.mode'] as const;
  const rows = rewards.map((r) => [
    String(r.id), r.active ? r.name : `(${r.name})`, `${r.cost} ${t(lang, `loyalty.unit.${r.unit}`)}`, giftText(r, lang),
    t(lang, r.automatic ? 'cli.loyalty.automatic' : 'cli.loyalty.byKey'),
  ]);
  return table([head.map((k) => t(lang, k)), ...rows], ['right', 'left', 'right', 'left', 'left']);
}

export function accountMovementsText(movements: readonly AccountMovement[], config: Config): string[] {
  const { lang, timeZone } = config;
  const head = ['cli.col.date', 'cli.col.kind', 'cli.col.ref', 'cli.col.amount', 'cli.col.balance'] as const;
  const rows = movements.map((m) => [
    formatDateTime(m.at, lang, timeZone), t(lang, `account.kind.${m.kind}`),
    m.ref && m.kind === 'payment' ? t(lang, `account.method.${m.ref as 'cash'}`) : (m.ref ?? ''),
    formatEuros(m.amountCents, lang), formatEuros(m.balanceAfterCents, lang),
  ]);
  return table([head.map((k) => t(lang, k)), ...rows], ['left', 'left', 'left', 'right', 'right']);
}
