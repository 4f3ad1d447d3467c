import { isLow } from '../../domain/stock';
import type { LiveEvent } from '../../data/events';
import { LiveStock } from '../stock/live';
import type { Till } from '../till';
import { LiveFeed } from './feed';
import type { ListenState } from './listener';

/** A voucher or coupon code another till or the back office blocked, cancelled, or made usable again. */
export interface CodeStatus {
  kind: 'voucher' | 'coupon' | 'giftcard';
  status: string;
}

/** What an item's event said last: its new price, its new name. */
export interface ItemChange {
  priceCents?: number;
  name?: string;
}

/**
 * What one till follows live, for its screens: the store's stock figures (the item keys, "plus
 * que 3" on a basket line), items whose price changed, codes blocked meanwhile, and whether the
 * listening connection is up (the status bar). Screens subscribe and read; none of it is
 * polled. It closes with the till.
 */
export class TillLive {
  readonly feed: LiveFeed;
  readonly stock: LiveStock;
  readonly showLowOnLine: boolean;
  readonly showLowOnDisplay: boolean;
  private readonly items = new Map<number, ItemChange>();
  private readonly codes = new Map<string, CodeStatus>();
  private readonly listeners = new Set<() => void>();
  private version = 0;
  private keys = 0;
  private started = false;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly till: Till, private readonly log: { error(obj: object, msg: string): void }) {
    const { config, terminal } = till;
    this.stock = new LiveStock(till.db, terminal.storeId);
    this.showLowOnLine = config.stock.showLowOnLine;
    this.showLowOnDisplay = config.stock.showLowOnDisplay;
    this.feed = new LiveFeed(till.db, {
      storeId: terminal.storeId, ...listenAt(config.events.listenUrl, till.conn), retryMs: config.db.retryMs,
      maxRetryMs: config.events.maxRetryMs, heartbeatMs: config.events.heartbeatMs, applicationName: `${till.conn.applicationName}:listen`, log,
    });
    this.feed.read((events) => this.apply(events));
    this.stock.subscribe(() => this.changed());
    this.feed.watch(() => this.changed());
    till.finishing.add(this.closing);
  }

  private readonly closing = () => this.close();

  /** Loads the low figures and starts listening; tried again while the database does not answer. */
  start(): Promise<void> {
    return this.feed.open((trx) => this.stock.load(trx)).then(
      () => {
        this.started = true;
        this.changed();
      },
      (error: unknown) => {
        if (this.closed) return;
        this.log.error({ err: error }, 'live events not started');
        this.retry = setTimeout(() => void this.start(), this.till.config.db.retryMs);
        this.retry.unref();
      },
    );
  }

  /** Lost: the listening connection is down (the status bar says so); connecting: not yet up. */
  get state(): ListenState {
    return this.started ? this.feed.state : 'connecting';
  }

  /** What is left of an item at or under its threshold; null when it is not low (or not known to be). */
  lowLeft(itemId: number): number | null {
    const level = this.stock.get(itemId);
    return isLow(level) ? level!.qty : null;
  }

  /** Grows each time the item key pages of the store (or of a till of it) are edited: the grid reads them again. */
  get keysVersion(): number {
    return this.keys;
  }

  itemChange(itemId: number): ItemChange | undefined {
    return this.items.get(itemId);
  }

  /** A code's status as another till or the back office set it since this till opened. */
  codeStatus(code: string): CodeStatus | undefined {
    return this.codes.get(code);
  }

  /** For React's useSyncExternalStore: told of every change, read with snapshot(). */
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  snapshot = (): number => this.version;

  private apply(events: readonly LiveEvent[]): void {
    let changed = false;
    for (const e of events) {
      if (e.kind === 'item' && ('price_cents' in e.data || 'name' in e.data)) {
        const id = Number(e.subject);
        this.items.set(id, { ...this.items.get(id), ...(typeof e.data.price_cents === 'number' && { priceCents: e.data.price_cents }), ...(typeof e.data.name === 'string' && { name: e.data.name }) });
        changed = true;
      } else if (e.kind === 'keys') {
        this.keys += 1;
        changed = true;
      } else if (e.kind === 'voucher' || e.kind === 'coupon' || e.kind === 'giftcard') {
        this.codes.set(e.subject, { kind: e.kind, status: String(e.data.status ?? '') });
        changed = true;
      }
    }
    this.stock.apply(events);
    if (changed) this.changed();
  }

  private changed(): void {
    this.version += 1;
    for (const fn of this.listeners) fn();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.retry);
    this.till.finishing.delete(this.closing);
    await this.feed.close();
  }
}

/**
 * Where the listening connection goes: events.listenUrl (straight to the server when the till's
 * addresses are a pooler's; several, comma-separated, for a primary and its standbys), else the
 * till's own addresses. Among several it follows the primary.
 */
export function listenAt(listenUrl: string, conn: { url: string; urls: readonly string[] }): { listenUrl: string; listenUrls: readonly string[] } {
  const given = listenUrl.split(',').map((u) => u.trim()).filter(Boolean);
  return given.length > 0 ? { listenUrl: given[0]!, listenUrls: given } : { listenUrl: conn.url, listenUrls: conn.urls };
}
