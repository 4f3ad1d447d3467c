import type { Knex } from 'knex';
import { isConnectionError } from '../data/db';
import type { Terminal } from '../data/places';
import { saveCatalog } from './offline/catalog';
import { countPending } from './offline/journal';
import { keepOperators, keepTerminal } from './offline/operators';
import { ensureBlock, replayJournal, type JournalReplay } from './offline/replay';
import { countSpooled, replaySpool, type Replay } from './spool';

/** The longest wait between two replays while the database stays away. */
export const MAX_REPLAY_DELAY_MS = 30_000;

/**
 * The wait before the next replay once `failed` passes in a row found the database away: the
 * first delay, doubled after each, never above the longest.
 */
export function replayDelay(failed: number, firstMs: number, maxMs = MAX_REPLAY_DELAY_MS): number {
  return Math.min(maxMs, firstMs * 2 ** Math.min(Math.max(0, failed - 1), 30));
}

export interface SpoolReplayOptions {
  db: Knex;
  dir: string;
  /** The wait after a first pass that found the database away (the till's `db.retryMs`). */
  firstDelayMs: number;
  maxDelayMs?: number;
  /**
   * After each pass: what it did, how many paid sales still wait on disk (the screen's own and
   * the offline journal's among them), and what the journal's replay did (none when off).
   */
  onPass(replay: Replay, waiting: number, journal: JournalReplay | null): void;
  /**
   * Selling through an outage (offline.enabled): the journal's sales are sent first, and while
   * the server answers, the till keeps a block of numbers, the catalogue, this till and its
   * operators for the next outage.
   */
  offline?: { dir: string; terminal: Terminal; blockSize: number };
  log: { error(obj: object, msg: string): void };
  /** How the next pass is set for later (the clock's timers; a test's own hand). */
  timers?: ReplayTimers;
}

export interface ReplayTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const CLOCK: ReplayTimers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Sends the spooled sales while the till runs, not only when it opens: a pass at once, then,
 * while the database stays away, others after the first delay doubled each time up to 30 s,
 * back to the first delay once a pass commits something. Idle when nothing waits, until woken
 * (the database seen back, the screen's own sale waiting or sent).
 */
export class SpoolReplay {
  private timer: unknown = null;
  private running: Promise<void> | null = null;
  private again = false;
  private failed = 0;
  private stopped = false;

  private readonly timers: ReplayTimers;

  constructor(private readonly o: SpoolReplayOptions) {
    this.timers = o.timers ?? CLOCK;
  }

  /** A pass now, or right after the one under way. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.running = this.pass().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** No pass after this; resolves once the one under way is over. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    await this.running;
  }

  /** The journal's sales, then the block and catalogue for the next outage; null when off. */
  private async offlinePass(): Promise<JournalReplay | null> {
    const off = this.o.offline;
    if (!off) return null;
    try {
      const journal = await replayJournal(this.o.db, off.dir, this.o.dir);
      if (journal.waiting === 0) {
        await ensureBlock(this.o.db, off.dir, off.terminal, off.blockSize);
        await saveCatalog(this.o.db, off.dir);
        await keepOperators(this.o.db, off.dir);
        await keepTerminal(off.dir, off.terminal);
      }
      return journal;
    } catch (e) {
      if (!isConnectionError(e)) this.o.log.error({ err: e, dir: off.dir }, 'offline journal replay failed');
      return { committed: 0, waiting: Math.max(1, await countPending(off.dir)), rejected: [], voided: 0, renumbered: [], audited: 0 };
    }
  }

  private async pass(): Promise<void> {
    const journal = await this.offlinePass();
    let replay: Replay;
    try {
      replay = await replaySpool(this.o.db, this.o.dir);
    } catch (e) {
      // The folder itself unreadable or a sale not set aside: said, and tried again later.
      this.o.log.error({ err: e, dir: this.o.dir }, 'spool replay failed');
      replay = { committed: [], waiting: 1, rejected: [] };
    }
    const waiting = (await countSpooled(this.o.dir)) + (this.o.offline ? await countPending(this.o.offline.dir) : 0);
    if (this.stopped) return;
    this.o.onPass(replay, waiting, journal);
    const away = replay.waiting + (journal?.waiting ?? 0);
    if (replay.committed.length > 0 || (journal?.committed ?? 0) > 0 || away === 0) this.failed = 0;
    if (away === 0) return;
    this.failed += 1;
    this.timer = this.timers.set(() => {
      this.timer = null;
      this.wake();
    }, replayDelay(this.failed, this.o.firstDelayMs, this.o.maxDelayMs));
  }
}
