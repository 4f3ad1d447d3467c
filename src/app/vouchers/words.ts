import type { Lang } from '../../domain/money';
import { effectiveStatus, type Voucher, type VoucherMovement } from '../../domain/voucher';
import { t, type MessageKey } from '../../i18n/messages';

// Words for vouchers shared by the screen and the command line.

export function statusName(lang: Lang, v: Pick<Voucher, 'status' | 'expiresAt'>, now = new Date()): string {
  return t(lang, `voucher.status.${effectiveStatus(v, now)}` as MessageKey);
}

/** "magasin · M01 · T01-000042", "web · M01 · CMD-1042": where a movement happened (a ticket names its till); a gift card's too. */
export function movementWhere(lang: Lang, m: Pick<VoucherMovement, 'channel' | 'storeCode' | 'terminalCode' | 'ticket' | 'orderRef'>): string {
  const parts = [m.channel ? t(lang, `voucher.channel.${m.channel}` as MessageKey) : '', m.storeCode ?? '', m.ticket ? '' : (m.terminalCode ?? ''), m.ticket ?? m.orderRef ?? ''];
  return parts.filter(Boolean).join(' · ');
}

export function movementName(lang: Lang, m: VoucherMovement): string {
  return t(lang, `voucher.move.${m.kind}` as MessageKey);
}
