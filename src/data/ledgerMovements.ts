import { ticketLabel } from '../domain/sale';

/**
 * The movements of a balance's ledger (vouchers, gift cards) with where, by whom and on which
 * ticket each was made: `extra` names the ledger's own columns read besides the common ones.
 */
export function movementSql(table: string, extra = ''): string {
  return `
  SELECT m.kind, m.amount_cents, m.balance_after_cents, m.channel, m.order_ref,${extra ? ` ${extra},` : ''} m.at,
         s.code AS store_code, t.code AS terminal_code, o.name AS operator_name, sa.ticket_no, st.code AS sale_terminal
  FROM ${table} m
  LEFT JOIN stores s ON s.id = m.store_id
  LEFT JOIN terminals t ON t.id = m.terminal_id
  LEFT JOIN operators o ON o.id = m.operator_id
  LEFT JOIN sales sa ON sa.id = m.sale_id
  LEFT JOIN terminals st ON st.id = sa.terminal_id`;
}

export interface LedgerMovementRow<Kind, Channel> {
  kind: Kind;
  amount_cents: number;
  balance_after_cents: number;
  channel: Channel | null;
  order_ref: string | null;
  at: Date;
  store_code: string | null;
  terminal_code: string | null;
  operator_name: string | null;
  ticket_no: number | null;
  sale_terminal: string | null;
}

export function toLedgerMovement<Kind, Channel>(r: LedgerMovementRow<Kind, Channel>) {
  return {
    kind: r.kind,
    amountCents: r.amount_cents,
    balanceAfterCents: r.balance_after_cents,
    channel: r.channel,
    storeCode: r.store_code,
    terminalCode: r.terminal_code,
    operatorName: r.operator_name,
    ticket: r.ticket_no !== null && r.sale_terminal ? ticketLabel(r.sale_terminal, r.ticket_no) : null,
    orderRef: r.order_ref,
    at: r.at,
  };
}
