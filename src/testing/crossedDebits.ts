import { expect } from 'vitest';
import { commitSale, type SaleRequest } from '../app/commitSale';
import type { Till } from '../app/till';
import { openDb } from '../data/db';
import { basketTotals, type Basket } from '../domain/basket';
import type { Tender } from '../domain/tender';
import { heldAtSecondLedgerRow, outcomes, race } from './barrier';
import type { TestDatabase } from './db';
import { ledgerMismatches } from './ledgers';

export interface CrossedDebits {
  /** The prepaid tender (voucher, gift card) and the ledger its debits write. */
  kind: Tender['kind'];
  ledger: string;
  /** The two codes both tickets pay with, 10,00 € from the first named and 7,98 € from the second. */
  codes: [string, string];
  /** One ticket's basket, of `sku`, worth 17,98 €. */
  basket: () => Promise<Basket>;
  sku: string;
}

/**
 * Two tickets, on two tills, paid with the same two prepaid codes named in opposite orders,
 * each held at its second ledger row with its first code debited (its row locked): without every
 * balance locked in one order first, each would hold what the other needs next, and the
 * database would refuse one of them as a deadlock. Both must go through, books agreeing.
 */
export async function crossedDebits(db: TestDatabase, till: Till, o: CrossedDebits): Promise<void> {
  const t02 = (await till.db('terminals').where('code', 'T02').first('id', 'store_id', 'code')) as { id: number; code: string };
  const other = openDb({ url: db.url, poolMax: 2 });
  // The item kept out of stock for the race: the two sales would wait on its stock row first.
  await db.owner('items').where('sku', o.sku).update({ stocked: false });
  const one = await o.basket();
  const two = await o.basket();
  await db.owner('items').where('sku', o.sku).update({ stocked: true });
  expect(one.lines[0]!.item.stocked).toBe(false);
  const [a, b] = o.codes;
  const request = (basket: Basket, first: string, second: string, terminal = till.terminal): SaleRequest => ({
    terminalId: terminal.id, storeId: terminal.storeId, operatorId: 1, basket,
    payment: { totalCents: basketTotals(basket).totalCents, tenders: [{ kind: o.kind, amountCents: 10_00, ref: first }, { kind: o.kind, amountCents: 7_98, ref: second }] },
  });
  try {
    await heldAtSecondLedgerRow(db.owner, o.ledger, async () => {
      const { won, lost } = outcomes(await race(db, null, [
        () => commitSale(till.db, request(one, a, b)),
        () => commitSale(other, request(two, b, a, { ...till.terminal, id: t02.id, code: t02.code })),
      ]));
      expect(lost).toEqual([]);
      expect(won).toHaveLength(2);
    });
  } finally {
    await other.destroy();
  }
  expect(await ledgerMismatches(till.db)).toEqual([]);
}
