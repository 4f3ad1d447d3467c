import type { Knex } from 'knex';
import type { Db } from '../../data/db';
import type { LiveEvent } from '../../data/events';
import { lowStock, stockOfItems } from '../../data/stock';
import type { StockLevel } from '../../domain/stock';

/**
 * The store's stock figures as one till follows them: those low at the start, then each one
 * an event says moved. A figure carries its version (its latest movement's id): events reach a
 * till in the order of their transactions, which two sales of one item may have committed in
 * the other order, so an older figure arriving after a newer one is left aside. A threshold or
 * an item's stocking changed is read again from the database.
 */
export class LiveStock {
  private readonly levels = new Map<number, StockLevel>();
  private readonly listeners = new Set<(itemIds: readonly number[]) => void>();

  constructor(private readonly db: Db, readonly storeId: number) {}

  /** The figures at or under their threshold now (the others are not shown until one moves). */
  async load(trx: Knex.Transaction): Promise<void> {
    for (const r of await lowStock(trx, this.storeId)) this.levels.set(r.itemId, { qty: r.qty, threshold: r.threshold, v: r.v });
  }

  /** The figure known for an item; none: not low when the till started, not moved since. */
  get(itemId: number): StockLevel | undefined {
    return this.levels.get(itemId);
  }

  /** Told of the items whose figure changed. */
  subscribe(fn: (itemIds: readonly number[]) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  apply(events: readonly LiveEvent[]): void {
    const changed: number[] = [];
    const reread: number[] = [];
    for (const e of events) {
      if (e.kind === 'stock' && e.storeId === this.storeId) {
        const itemId = Number(e.subject);
        const d = e.data as { qty: number; threshold: number | null; v: number };
        if (this.put(itemId, { qty: d.qty, threshold: d.threshold, v: d.v })) changed.push(itemId);
      } else if (e.kind === 'item' && ('threshold' in e.data || 'stocked' in e.data)) {
        reread.push(Number(e.subject));
      }
    }
    if (changed.length > 0) this.tell(changed);
    if (reread.length > 0) void this.reread(reread);
  }

  /** Sets a figure unless a newer one is known; whether anything changed. */
  private put(itemId: number, level: StockLevel): boolean {
    const known = this.levels.get(itemId);
    if (known && known.v > level.v) return false;
    if (known && known.v === level.v && known.qty === level.qty && known.threshold === level.threshold) return false;
    this.levels.set(itemId, level);
    return true;
  }

  private async reread(itemIds: readonly number[]): Promise<void> {
    const rows = await stockOfItems(this.db, this.storeId, itemIds).catch(() => new Map<number, never>());
    const changed: number[] = [];
    for (const [itemId, r] of rows) {
      // The threshold as it is now (not stocked: never low), the figure unless a newer one came meanwhile.
      const known = this.levels.get(itemId);
      const base = known && known.v > r.v ? known : r;
      if (this.put(itemId, { qty: base.qty, v: base.v, threshold: r.stocked ? r.threshold : null })) changed.push(itemId);
    }
    if (changed.length > 0) this.tell(changed);
  }

  private tell(itemIds: readonly number[]): void {
    for (const fn of this.listeners) fn(itemIds);
  }
}
