import { giftCardStatus, type GiftCard, type GiftCardMovement } from '../../domain/giftCard';
import { formatGiftCardCode } from '../../domain/giftCardCode';

// The shapes scripts and the e-shop read: snake_case, amounts in integer cents.

export function giftCardJson(c: GiftCard, now = new Date()) {
  return {
    code: c.code,
    code_display: formatGiftCardCode(c.code),
    kind: c.kind,
    status: giftCardStatus(c, now),
    initial_cents: c.initialCents,
    balance_cents: c.balanceCents,
    store: c.storeCode,
    ticket: c.ticket,
    created_at: c.createdAt.toISOString(),
    expires_on: c.expiresOn,
    closed_at: c.closedAt?.toISOString() ?? null,
  };
}

export function giftCardMovementJson(m: GiftCardMovement) {
  return {
    kind: m.kind,
    amount_cents: m.amountCents,
    balance_after_cents: m.balanceAfterCents,
    channel: m.channel,
    store: m.storeCode,
    terminal: m.terminalCode,
    operator: m.operatorName,
    ticket: m.ticket,
    order_ref: m.orderRef,
    note: m.note,
    at: m.at.toISOString(),
  };
}
