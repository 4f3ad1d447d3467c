import type { MessageKey, Params } from '../i18n/messages';

// Training mode ("mode école"): what a training ticket may be. Its money must not reach any
// real balance, so the honest rule is the plain one: cash or card only, no customer (loyalty,
// account), no coupon or voucher, no gift card, no return; and it moves no stock.

export const TRAINING_TENDERS: readonly string[] = ['cash', 'card'];

export interface TrainingTicket {
  customerId: number | null;
  tenders: readonly { kind: string }[];
  adjustments: readonly unknown[];
  lines: readonly { giftCardCode?: string | null; origin?: unknown }[];
}

/** Why a ticket cannot be made in training mode, or null when it can. */
export function trainingRefusal(t: TrainingTicket): { key: MessageKey; params?: Params } | null {
  const tender = t.tenders.find((x) => !TRAINING_TENDERS.includes(x.kind));
  if (tender) return { key: 'training.tender', params: { kind: tender.kind } };
  if (t.customerId !== null) return { key: 'training.customer' };
  if (t.adjustments.length > 0) return { key: 'training.adjustment' };
  if (t.lines.some((l) => l.giftCardCode)) return { key: 'training.giftCard' };
  if (t.lines.some((l) => l.origin)) return { key: 'training.return' };
  return null;
}

/** The effects of a sale a training ticket goes without: stock not moved, no day closed for it. */
export const TRAINING_SKIPS: readonly string[] = ['stock', 'closings'];
