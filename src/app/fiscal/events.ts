import type { Knex } from 'knex';
import type { Db } from '../../data/db';
import { SOFTWARE } from '../software';
import { journalEvent } from './journal';

/**
 * The software started on this till: its version journalled, and a version change said apart
 * when the last start of this till ran another (one transaction: both or neither).
 */
export async function journalStart(db: Knex, terminalId: number): Promise<void> {
  await db.transaction(async (trx) => {
    const last = await trx('journal_events').where({ terminal_id: terminalId, kind: 'start' }).orderBy('id', 'desc').first('details');
    const before = (last?.details as { version?: string } | undefined)?.version;
    if (before !== undefined && before !== SOFTWARE.version) {
      await journalEvent(trx, { terminalId, kind: 'version_change', details: { from: before, to: SOFTWARE.version } });
    }
    await journalEvent(trx, { terminalId, kind: 'start', details: { software: SOFTWARE.name, version: SOFTWARE.version, pid: process.pid } });
  });
}

/** An operator signs out of this till (F10, or the till quit while signed in). */
export async function journalLogout(db: Db, terminalId: number, operatorId: number, how: 'logout' | 'quit'): Promise<void> {
  await journalEvent(db, { terminalId, kind: 'logout', operatorId, details: { how } });
}
