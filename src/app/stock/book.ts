import type { Knex } from 'knex';
import { insertMovements, type MovementWritten } from '../../data/stock';
import { refuse } from '../errors';
import { checkLines, type StockLine, type StockLineInput } from './lines';

/** Who books it, where: the till's store and terminal, the operator. */
export interface StockPlace {
  storeId: number;
  terminalId: number | null;
  operatorId: number;
}

/** A figure moved: by how much, to what; a count says what the books said when it was booked. */
export interface Booked {
  itemId: number;
  sku: string;
  name: string;
  qty: number;
  qtyAfter: number;
  expected: number | null;
}

/** The delivery note, the stock-take's name: 60 characters at most. */
export function checkReference(text: string | undefined): string | null {
  const ref = (text ?? '').trim();
  if (ref.length > 60) refuse('stock.referenceTooLong', { max: 60 });
  return ref || null;
}

export function booked(lines: readonly Pick<StockLine, 'item'>[], written: readonly MovementWritten[]): Booked[] {
  return lines.flatMap(({ item }) => {
    const m = written.find((w) => w.itemId === item.id);
    return m ? [{ itemId: item.id, sku: item.sku, name: item.name, qty: m.qty, qtyAfter: m.qtyAfter, expected: m.expected }] : [];
  });
}

async function book(db: Knex, place: StockPlace, inputs: readonly StockLineInput[], use: 'receive' | 'count', reference: string | undefined): Promise<Booked[]> {
  const ref = checkReference(reference);
  return db.transaction(async (trx) => {
    const lines = await checkLines(trx, inputs, use);
    const written = await insertMovements(trx, lines.map((l) => ({
      storeId: place.storeId, itemId: l.item.id, kind: use, ...(use === 'count' ? { counted: l.qty } : { qty: l.qty }),
      terminalId: place.terminalId, operatorId: place.operatorId, reference: ref,
    })));
    return booked(lines, written);
  });
}

/** Goods received: each line adds to its figure, all in one transaction or none (a bad line refuses them all). */
export function receiveStock(db: Knex, place: StockPlace, inputs: readonly StockLineInput[], reference?: string): Promise<Booked[]> {
  return book(db, place, inputs, 'receive', reference);
}

/**
 * A stock-take: each item's figure becomes what was counted, and the difference with what the
 * books said is its movement. What the books said is read under the figure's lock as the count
 * is booked: a sale committed before it is in it, one after it comes off what was counted. So a
 * count booked while the tills sell is right, counted shelf by shelf as the booking goes.
 */
export function countStock(db: Knex, place: StockPlace, inputs: readonly StockLineInput[], reference?: string): Promise<Booked[]> {
  return book(db, place, inputs, 'count', reference);
}
