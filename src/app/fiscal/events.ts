import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Db } from '../../data/db';
import { SOFTWARE } from '../software';
import { journalEvent } from './journal';

/**
 * The software started on this till: its version and its configuration's fingerprint
 * journalled, and a version change or a configuration file edited between two starts said
 * apart (one transaction: all or none). Changes made through the till are journalled as they
 * happen; an edited file can only be seen here.
 */
export async function journalStart(db: Knex, terminalId: number, config?: unknown): Promise<void> {
  const fingerprint = config === undefined ? undefined : configFingerprint(config);
  await db.transaction(async (trx) => {
    const last = await trx('journal_events').where({ terminal_id: terminalId, kind: 'start' }).orderBy('id', 'desc').first('details');
    const before = last?.details as { version?: string; config?: string } | undefined;
    if (before?.version !== undefined && before.version !== SOFTWARE.version) {
      await journalEvent(trx, { terminalId, kind: 'version_change', details: { from: before.version, to: SOFTWARE.version } });
    }
    if (fingerprint !== undefined && before?.config !== undefined && before.config !== fingerprint) {
      await journalEvent(trx, { terminalId, kind: 'config_change', details: { action: 'config_file', from: before.config, to: fingerprint } });
    }
    await journalEvent(trx, { terminalId, kind: 'start', details: { software: SOFTWARE.name, version: SOFTWARE.version, pid: process.pid, ...(fingerprint !== undefined && { config: fingerprint }) } });
  });
}

/** SHA-256 of the configuration in a canonical form (keys sorted), its first 16 characters. */
export function configFingerprint(config: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical)
      : v !== null && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]))
        : v;
  return createHash('sha256').update(JSON.stringify(canonical(config))).digest('hex').slice(0, 16);
}

/** An operator signs out of this till (F10, or the till quit while signed in). */
export async function journalLogout(db: Db, terminalId: number, operatorId: number, how: 'logout' | 'quit'): Promise<void> {
  await journalEvent(db, { terminalId, kind: 'logout', operatorId, details: { how } });
}
