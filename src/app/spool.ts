import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { isConnectionError } from '../data/db';
import { commitSale, type CommitResult, type SaleRequest } from './commitSale';

// A sale the cashier has been paid for is written to the data folder before it is sent to
// the database, and removed once committed. If the till dies or the server is down, the
// next start sends it again under the same idempotency key: one ticket, never none, never two.

/**
 * A till's own spool folder: two tills on one machine share the data folder, and each sends
 * again only what it was paid for.
 */
export function spoolFolder(dataDir: string, terminalCode: string): string {
  return join(dataDir, 'spool', terminalCode);
}

function fileFor(dir: string, key: string): string {
  return join(dir, `${key.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);
}

export async function spoolSale(dir: string, req: SaleRequest): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = fileFor(dir, req.basket.key);
  const handle = await open(`${file}.tmp`, 'w');
  try {
    await handle.writeFile(JSON.stringify(req));
    await handle.datasync(); // on the disk before the customer leaves, even if the power goes
  } finally {
    await handle.close();
  }
  await rename(`${file}.tmp`, file); // all or nothing, even if the till dies mid-write
}

export async function unspool(dir: string, key: string): Promise<void> {
  await unlink(fileFor(dir, key)).catch(() => undefined);
}

/** Commits a sale, keeping it in the spool until the database has it. */
export async function commitSpooled(db: Knex, dir: string, req: SaleRequest): Promise<CommitResult> {
  await spoolSale(dir, req);
  try {
    const result = await commitSale(db, req);
    await unspool(dir, req.basket.key);
    return result;
  } catch (error) {
    // Refused (a voucher spent meanwhile…): the cashier changes the sale, which gets a new
    // attempt; only a sale that could not reach the database stays spooled.
    if (!isConnectionError(error)) await unspool(dir, req.basket.key);
    throw error;
  }
}

export interface Replay {
  committed: CommitResult[];
  /** Still spooled: the database is unreachable. */
  waiting: number;
  /** Refused for a reason other than the connection (a voucher spent meanwhile…): kept aside as `.rejected`, to be seen to. */
  rejected: { key: string; error: unknown }[];
}

/** Sends again the sales left in the spool by an earlier run. */
export async function replaySpool(db: Knex, dir: string): Promise<Replay> {
  const out: Replay = { committed: [], waiting: 0, rejected: [] };
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    const file = join(dir, name);
    const req = JSON.parse(await readFile(file, 'utf8')) as SaleRequest;
    try {
      out.committed.push(await commitSale(db, req));
      await unlink(file).catch(() => undefined);
    } catch (error) {
      if (isConnectionError(error)) {
        out.waiting += 1;
        continue;
      }
      out.rejected.push({ key: req.basket.key, error });
      await rename(file, `${file}.rejected`);
    }
  }
  return out;
}
