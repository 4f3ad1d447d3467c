import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { TicketBlock } from '../../data/ticketBlocks';
import type { Block } from '../../domain/receipt';
import type { SaleRequest } from '../saleRequest';

// The till's offline journal: the sales it made with the server away, one JSON line each,
// appended and flushed to the disk before the receipt prints, never rewritten. Beside it, two
// more append-only files say what became of each line once the server was back (`replayed`:
// committed, under its key; `rejected`: refused, kept for a manager), and one small file holds
// the block of ticket numbers reserved for the next outage (replaced whole, never edited).
// A line cut short by a crash (no end of line, or no valid JSON) was never acknowledged to the
// cashier: it is skipped, and the next line starts on a line of its own.

export interface JournalRecord {
  v: 1;
  key: string;
  blockId: number;
  ticketNo: number;
  soldAt: string;
  /** The sale as paid, with its number and time (request.offline). */
  request: SaleRequest;
  /** The receipt as printed at the till: its print job is recorded with it, printed. */
  receipt: Block[];
}

/** The block this till sells from offline, and what its receipts print that only the server knows. */
export interface LocalBlock {
  block: TicketBlock;
  storeAddress: string[];
  /** Set once its sales are all in and it is being closed: no offline sale takes a number from it. */
  closing?: boolean;
}

const JOURNAL = 'journal.jsonl';
const REPLAYED = 'replayed.jsonl';
const REJECTED = 'rejected.jsonl';
const BLOCK = 'block.json';

/** A till's own folder: two tills on one machine share the data folder. */
export function offlineFolder(dataDir: string, terminalCode: string): string {
  return join(dataDir, 'offline', terminalCode);
}

async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** One line at the end of an append-only file, on the disk when this resolves. */
export async function appendLine(dir: string, name: string, value: unknown): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, name);
  const handle = await open(file, 'a+');
  let created = false;
  try {
    const { size } = await handle.stat();
    created = size === 0;
    let lead = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) lead = '\n'; // a line cut short by a crash stays a line of its own
    }
    await handle.appendFile(`${lead}${JSON.stringify(value)}\n`);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  if (created) await syncFolder(dir); // the file's name on the disk too, the first time
}

export async function readLines<T>(file: string): Promise<T[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  const out: T[] = [];
  const lines = text.split('\n');
  // The last piece has no end of line: written in part when the till died, never acknowledged.
  for (const line of lines.slice(0, -1)) {
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // cut short by a crash, followed by later lines: skipped
    }
  }
  return out;
}

export async function appendSale(dir: string, record: JournalRecord): Promise<void> {
  await appendLine(dir, JOURNAL, record);
}

export async function markReplayed(dir: string, key: string, saleId: number, ticketNo: number): Promise<void> {
  await appendLine(dir, REPLAYED, { key, saleId, ticketNo, at: new Date().toISOString() });
}

export async function markRejected(dir: string, key: string, reason: string): Promise<void> {
  await appendLine(dir, REJECTED, { key, reason, at: new Date().toISOString() });
}

/** What the database said of each refused sale (rejected.jsonl), oldest first. */
export function readRefusals(dir: string): Promise<{ key: string; reason: string; at: string }[]> {
  return readLines(join(dir, REJECTED));
}

export interface JournalState {
  records: JournalRecord[];
  replayed: Set<string>;
  rejected: Set<string>;
}

export async function readJournal(dir: string): Promise<JournalState> {
  const [records, replayed, rejected] = await Promise.all([
    readLines<JournalRecord>(join(dir, JOURNAL)),
    readLines<{ key: string }>(join(dir, REPLAYED)),
    readLines<{ key: string }>(join(dir, REJECTED)),
  ]);
  return { records: records.filter((r) => r?.v === 1 && typeof r.key === 'string'), replayed: new Set(replayed.map((r) => r.key)), rejected: new Set(rejected.map((r) => r.key)) };
}

/** The journal's sales not yet in the database nor set aside, oldest first (each key once). */
export function pendingOf(state: JournalState): JournalRecord[] {
  const seen = new Set<string>();
  return state.records.filter((r) => {
    if (state.replayed.has(r.key) || state.rejected.has(r.key) || seen.has(r.key)) return false;
    seen.add(r.key);
    return true;
  });
}

/** The journal's last sale (for F9 offline), or null when it has none. */
export async function lastJournaled(dir: string): Promise<JournalRecord | null> {
  return (await readJournal(dir)).records.at(-1) ?? null;
}

export async function countPending(dir: string): Promise<number> {
  return pendingOf(await readJournal(dir)).length;
}

export async function readBlock(dir: string): Promise<LocalBlock | null> {
  try {
    return JSON.parse(await readFile(join(dir, BLOCK), 'utf8')) as LocalBlock;
  } catch {
    return null;
  }
}

/** Replaced whole (written beside, then renamed over): all or nothing, even if the till dies mid-write. */
export async function writeBlock(dir: string, block: LocalBlock): Promise<void> {
  await replaceFile(dir, BLOCK, JSON.stringify(block));
}

/**
 * A file of the till's folder replaced whole: written beside, on the disk, then renamed over
 * it, so a reader finds the old one or the new one, never half of either. `mode`: who may read
 * it (0600: the PIN hashes kept for an outage are this user's only).
 */
export async function replaceFile(dir: string, name: string, text: string, mode = 0o644): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, name);
  const handle = await open(`${file}.tmp`, 'w', mode);
  try {
    await handle.chmod(mode); // a leftover from a till that died mid-write keeps its own mode otherwise
    await handle.writeFile(text);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(`${file}.tmp`, file);
  await syncFolder(dir);
}

/**
 * The journal once every line of it is in the database: kept, under a name of its own (the
 * till's record of what it sold offline), and a new journal begins.
 */
export async function archiveJournal(dir: string, stamp = new Date().toISOString().replace(/[:.]/g, '-')): Promise<void> {
  for (const name of [JOURNAL, REPLAYED, REJECTED]) {
    await rename(join(dir, name), join(dir, `${name.replace('.jsonl', '')}-${stamp}.jsonl.done`)).catch(() => undefined);
  }
  await syncFolder(dir);
}

/** Archived journals (for a manager, and for tests). */
export async function archivedJournals(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => n.startsWith('journal-') && n.endsWith('.done')).sort();
  } catch {
    return [];
  }
}

const chains = new Map<string, Promise<unknown>>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

/** Held across processes (the till on screen, `pos offline replay`): a file naming its holder. */
async function fileLocked<T>(dir: string, work: () => Promise<T>): Promise<T> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'journal.lock');
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(String(process.pid));
      } finally {
        await handle.close();
      }
      break;
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
      const holder = Number(await readFile(file, 'utf8').catch(() => ''));
      // Left by a process that died holding it (killed mid-replay): taken over.
      if (!Number.isInteger(holder) || holder <= 0 || !alive(holder)) await unlink(file).catch(() => undefined);
      else await new Promise((r) => setTimeout(r, 20));
    }
  }
  try {
    return await work();
  } finally {
    await unlink(file).catch(() => undefined);
  }
}

/**
 * One at a time on a till's journal: a sale being written, a replay closing the blocks and
 * archiving the journal, a new block being kept. Without it, a sale could take a number from a
 * block a replay is closing, or land in a journal being archived.
 */
export function withJournal<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const before = chains.get(dir) ?? Promise.resolve();
  const run = before.then(() => fileLocked(dir, work));
  const settled = run.then(() => undefined, () => undefined);
  chains.set(dir, settled);
  void settled.then(() => {
    if (chains.get(dir) === settled) chains.delete(dir);
  });
  return run;
}
