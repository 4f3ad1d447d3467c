import type { Liability } from '../../data/vouchers';
import { effectiveStatus, type Voucher, type VoucherMovement } from '../../domain/voucher';
import { formatVoucherCode } from '../../domain/voucherCode';

// The shapes scripts and the e-shop read: snake_case, amounts in integer cents.

export function voucherJson(v: Voucher, now = new Date()) {
  return {
    code: v.code,
    code_display: formatVoucherCode(v.code),
    status: effectiveStatus(v, now),
    origin: v.origin,
    initial_cents: v.initialCents,
    balance_cents: v.balanceCents,
    customer: v.customer ? { code: v.customer.code, name: v.customer.name } : null,
    store: v.storeCode,
    ticket: v.ticket,
    created_at: v.createdAt.toISOString(),
    expires_on: v.expiresOn,
    closed_at: v.closedAt?.toISOString() ?? null,
    note: v.note,
  };
}

/** What the e-shop is told of a voucher: the note is the shop's own (what was taken back, why). */
export function apiVoucherJson(v: Voucher, now = new Date()) {
  const { note: _note, ...shown } = voucherJson(v, now);
  return shown;
}

export function movementJson(m: VoucherMovement) {
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
    at: m.at.toISOString(),
  };
}

export function liabilityJson(l: Liability & { day: string | null }) {
  return {
    as_of: l.day,
    at: l.at.toISOString(),
    outstanding_cents: l.outstandingCents,
    vouchers: l.vouchers,
    issued_cents: l.issuedCents,
    used_cents: l.usedCents,
    cancelled_cents: l.cancelledCents,
    expired_cents: l.expiredCents,
    lapsed_cents: l.lapsedCents,
  };
}
