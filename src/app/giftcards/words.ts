import { formatDay } from '../../domain/day';
import { giftCardStatus, type GiftCard, type GiftCardMovement } from '../../domain/giftCard';
import { formatGiftCardCode } from '../../domain/giftCardCode';
import { formatEuros, type Lang } from '../../domain/money';
import { formatDateTime } from '../../domain/receipt';
import { t, type MessageKey } from '../../i18n/messages';
import { movementWhere } from '../vouchers/words';

// Words for gift cards shared by the screen and the command line.

export function giftCardStatusName(lang: Lang, c: Pick<GiftCard, 'status' | 'expiresAt'>, now = new Date()): string {
  return t(lang, `giftCard.status.${giftCardStatus(c, now)}` as MessageKey);
}

/** What a balance enquiry answers in one line: the balance, the last day, the status. */
export function balanceLine(lang: Lang, c: GiftCard, now = new Date()): string {
  return t(lang, 'giftCard.balance', { code: formatGiftCardCode(c.code), balance: formatEuros(c.balanceCents, lang), date: formatDay(c.expiresOn), status: giftCardStatusName(lang, c, now) });
}

/** One row per movement: when, what, how much, the balance after, where. */
export function movementRows(lang: Lang, timeZone: string, movements: readonly GiftCardMovement[]): string[][] {
  const money = (c: number) => formatEuros(c, lang);
  return movements.map((m) => [formatDateTime(m.at, lang, timeZone), t(lang, `giftCard.move.${m.kind}` as MessageKey), money(m.amountCents), money(m.balanceAfterCents), movementWhere(lang, m)]);
}
