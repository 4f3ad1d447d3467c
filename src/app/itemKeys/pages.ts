import type { Db } from '../../data/db';
import { keyPagesForTill, keyPagesOf, type KeyPageRow, type KeyScope } from '../../data/itemKeys';

export type { KeyPageRow, KeyRow, KeyScope } from '../../data/itemKeys';

/** The pages a till shows: its own, or its store's. */
export function tillKeyPages(db: Db, till: { storeId: number; terminalId: number }): Promise<KeyPageRow[]> {
  return keyPagesForTill(db, till.storeId, till.terminalId);
}

/** The pages of a scope as they are stored (the back office's list). */
export function scopeKeyPages(db: Db, scope: KeyScope): Promise<KeyPageRow[]> {
  return keyPagesOf(db, scope);
}
