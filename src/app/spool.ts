import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { isConnectionError } from '../data/db';
import { commitSale, type CommitOptions, type CommitResult, type SaleRequest } from './commitSale';

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

/**
 * Sales this process's sale screen is committing, or will commit again (its connection was
 * lost; the basket stays on screen): a replay leaves them to it, so a refusal reaches the
 * cashier on screen instead of setting a paid sale aside.
 */
const onScreen = new Set<string>();

/**
 * Commits a sale, keeping it in the spool until the database has it. When it could not reach
 * the database, the caller sends it again (the replay leaves it to the caller meanwhile).
 */
export async function commitSpooled(db: Knex, dir: string, req: SaleRequest, opts: CommitOptions = {}): Promise<CommitResult> {
  const file = fileFor(dir, req.basket.key);
  onScreen.add(file);
  try {
    await spoolSale(dir, req);
    const result = await commitSale(db, req, opts);
    await unspool(dir, req.basket.key);
    onScreen.delete(file);
    return result;
  } catch (error) {
    // Refused (a voucher spent meanwhile…): the cashier changes the sale, which gets a new
    // attempt; only a sale that could not reach the database stays spooled.
    if (!isConnectionError(error)) {
      await unspool(dir, req.basket.key);
      onScreen.delete(file);
    }
    throw error;
  }
}

/**
 * The screen's sale is no longer this spool's to send: it went into the offline journal (which
 * sends it with its reserved number), or was refused offline and will be paid otherwise.
 */
export async function dropSpooled(dir: string, key: string): Promise<void> {
  await unspool(dir, key);
  onScreen.delete(fileFor(dir, key));
}

/** How many paid sales wait in the spool for the database (the screen's own among them). */
export async function countSpooled(dir: string): Promise<number> {
  try {
    return (await readdir(dir)).filter((n) => n.endsWith('.json')).length;
  } catch {
    return 0;
  }
}

export interface Replay {
  committed: CommitResult[];
  /** Still spooled: the database is unreachable. */
  waiting: number;
  /** Refused for a reason other than the connection (a voucher spent meanwhile…): kept aside as `.rejected`, to be seen to. */
  rejected: { key: string; error: unknown }[];
}

/**
 * Sends again the sales left in the spool (by an earlier run, or while the database was away),
 * oldest name first, except those the screen is sending. Each committed owes its receipt
 * like any sale (commitSale). The database away stops the pass: those left wait, untouched.
 */
export async function replaySpool(db: Knex, dir: string): Promise<Replay> {
  const out: Replay = { committed: [], waiting: 0, rejected: [] };
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json') && !onScreen.has(join(dir, n))).sort();
  } catch {
    return out;
  }
  for (const [i, name] of names.entries()) {
    const file = join(dir, name);
    let key = name.slice(0, -'.json'.length);
    try {
      const req = JSON.parse(await readFile(file, 'utf8')) as SaleRequest;
      key = req.basket.key;
      out.committed.push(await commitSale(db, req));
      await unlink(file).catch(() => undefined);
    } catch (error) {
      if (isConnectionError(error)) {
        out.waiting = names.length - i;
        break;
      }
      out.rejected.push({ key, error });
      await rename(file, `${file}.rejected`);
    }
  }
  return out;
}
