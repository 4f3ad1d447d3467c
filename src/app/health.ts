import type { Knex } from 'knex';
import { ensureEmbeddedServer } from '../data/embedded';
import type { Connection } from './connect';

/**
 * One cheap round trip. When the till runs on the embedded server and finds it gone (another
 * till stopped it, or it crashed), it starts it again on the same data folder.
 */
export async function checkDb(conn: Connection, timeoutMs: number): Promise<boolean> {
  try {
    await withTimeout(conn.db.raw('SELECT 1'), timeoutMs);
    return true;
  } catch {
    if (conn.embedded) {
      await ensureEmbeddedServer({ dir: conn.embedded.dir, port: conn.embedded.port }).catch(() => undefined);
    }
    return false;
  }
}

function withTimeout<T>(p: Promise<T> | Knex.Raw, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    Promise.resolve(p as Promise<T>).then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
