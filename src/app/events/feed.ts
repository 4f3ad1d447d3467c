import type { Knex } from 'knex';
import { cursorNow, readEvents, type EventCursor, type LiveEvent } from '../../data/events';
import { Listener, type ListenState } from './listener';

// A till's feed of events: it starts at "now" (in the same snapshot as the state its readers
// load), then each wake-up reads, through the pool, every event after its cursor, in the order
// of their transactions, and hands them to its readers once each. Reads never overlap: a
// wake-up during a read makes one more read after it. Without a wake-up nothing is read: the
// listening connection, made again after a loss, says when.

/** The channel the events table's trigger notifies (see the events migration). */
export const EVENTS_CHANNEL = 'pos_events';
const BATCH = 500;

export interface FeedOptions {
  storeId: number;
  listenUrl: string;
  /** The server's addresses (db.urls) when listenUrl is not set apart: the listener follows the primary. */
  listenUrls?: readonly string[];
  retryMs: number;
  maxRetryMs: number;
  heartbeatMs: number;
  applicationName: string;
  log: { error(obj: object, msg: string): void };
}

export type EventReader = (events: readonly LiveEvent[]) => void;

export class LiveFeed {
  private cursor: EventCursor | null = null;
  private reading: Promise<void> | null = null;
  private again = false;
  private retry: NodeJS.Timeout | undefined;
  private readonly readers = new Set<EventReader>();
  private readonly watchers = new Set<(state: ListenState) => void>();
  private readonly listener: Listener;
  private closed = false;

  constructor(private readonly db: Knex, private readonly o: FeedOptions) {
    this.listener = new Listener({
      url: o.listenUrl, urls: o.listenUrls, channel: EVENTS_CHANNEL, retryMs: o.retryMs, maxRetryMs: o.maxRetryMs, heartbeatMs: o.heartbeatMs, applicationName: o.applicationName,
      onWake: () => this.wake(),
      onState: (state) => this.watchers.forEach((w) => w(state)),
    });
  }

  /**
   * Takes the position of now, with `load` reading the readers' state in the same snapshot
   * (what is in that state is never handed to them again, what came after always is), then
   * starts listening.
   */
  async open(load: (trx: Knex.Transaction) => Promise<void> = async () => undefined): Promise<void> {
    await this.db.transaction(async (trx) => {
      this.cursor = await cursorNow(trx);
      await load(trx);
    }, { isolationLevel: 'repeatable read' });
    this.listener.start();
  }

  get state(): ListenState {
    return this.listener.state;
  }

  /** The listening connection's backend (tests end it to see the feed come back). */
  get listenerPid(): number | null {
    return this.listener.pid;
  }

  read(reader: EventReader): () => void {
    this.readers.add(reader);
    return () => this.readers.delete(reader);
  }

  watch(watcher: (state: ListenState) => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  /** Something may be new: read it (after the read under way, if one is). Resolves once read. */
  wake(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.reading = this.pump().finally(() => (this.reading = null));
    return this.reading;
  }

  private async pump(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.readAll();
      } catch (error) {
        // The pool's connection failed: read again a moment later, or at the next wake-up.
        if (this.closed) return;
        this.o.log.error({ err: error }, 'live events not read');
        clearTimeout(this.retry);
        this.retry = setTimeout(() => void this.wake(), this.o.retryMs);
        this.retry.unref();
        return;
      }
    } while (this.again && !this.closed);
  }

  private async readAll(): Promise<void> {
    for (;;) {
      if (!this.cursor || this.closed) return;
      const { events, cursor } = await readEvents(this.db, this.cursor, { storeId: this.o.storeId, limit: BATCH });
      this.cursor = cursor;
      if (events.length > 0) {
        for (const reader of this.readers) {
          try {
            reader(events);
          } catch (error) {
            this.o.log.error({ err: error }, 'live events not applied');
          }
        }
      }
      if (events.length < BATCH) return;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.listener.close();
    await this.reading?.catch(() => undefined);
  }
}
