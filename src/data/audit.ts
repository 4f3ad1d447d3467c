import type { Db } from './db';

export interface AuditEntry {
  action: string;
  terminalId: number | null;
  operatorId: number | null;
  approverId?: number | null;
  saleId?: number | null;
  details?: Record<string, unknown>;
}

export async function insertAudit(db: Db, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db('audit_log').insert(
    entries.map((e) => ({
      action: e.action,
      terminal_id: e.terminalId,
      operator_id: e.operatorId,
      approver_id: e.approverId ?? null,
      sale_id: e.saleId ?? null,
      details: JSON.stringify(e.details ?? {}),
    })),
  );
}
