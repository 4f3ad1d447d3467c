// Where the generated chain's rows go: the ids each family starts after (what the demo shop
// already holds stays as it is), the stores and their tills, and the clock the history is
// written against. Rows are numbered by the generator itself (COPY sends the ids), so that a
// ticket, its lines and its seal, or a card and its ledger rows, name each other without a read.
import type pg from 'pg';
import { chainTerminalCode, type ChainSizes } from './types';

export interface ChainTill {
  id: number;
  code: string;
  storeIndex: number;
  storeId: number;
}

export interface ChainLayout {
  sizes: ChainSizes;
  /** The generation's clock (ms): the history ends an hour before it. */
  now: number;
  storeIds: number[];
  /** Every till in the order tickets are dealt to them. */
  tills: ChainTill[];
  /** Row n (from 0) of a family has id base + n + 1. */
  base: Record<IdFamily, number>;
  groupIds: Map<string, number>;
  /** The demo's operators: who sells and who issues. */
  operatorIds: number[];
}

/** The tables whose ids the generator assigns, from one above the largest already there. */
export const ID_TABLES = [
  'stores', 'terminals', 'items', 'customers', 'vouchers', 'voucher_movements', 'gift_cards', 'gift_card_movements',
  'coupon_definitions', 'coupon_codes', 'coupon_uses', 'sales', 'loyalty_movements', 'print_jobs', 'stock_movements',
] as const;
export type IdFamily = (typeof ID_TABLES)[number];

/** Tills of store s when `tills` are spread evenly over `stores` (the first stores take one more). */
export function tillsOfStore(sizes: Pick<ChainSizes, 'stores' | 'tills'>, s: number): number {
  return Math.floor(sizes.tills / sizes.stores) + (s < sizes.tills % sizes.stores ? 1 : 0);
}

export async function readLayout(client: pg.ClientBase, sizes: ChainSizes, now: number): Promise<ChainLayout> {
  const { rows } = await client.query<Record<IdFamily, string>>(`SELECT ${ID_TABLES.map((t) => `(SELECT coalesce(max(id), 0) FROM ${t}) AS ${t}`).join(', ')}`);
  const base = Object.fromEntries(ID_TABLES.map((t) => [t, Number(rows[0]![t])])) as Record<IdFamily, number>;
  const groups = await client.query<{ id: number; code: string }>('SELECT id, code FROM item_groups');
  const operators = await client.query<{ id: number }>('SELECT id FROM operators ORDER BY id');
  if (operators.rows.length === 0) throw new Error('chain: the database has no operator (run the demo seed first)');
  const storeIds = Array.from({ length: sizes.stores }, (_, s) => base.stores + s + 1);
  const tills: ChainTill[] = [];
  for (let s = 0; s < sizes.stores; s++) {
    for (let t = 0; t < tillsOfStore(sizes, s); t++) tills.push({ id: base.terminals + tills.length + 1, code: chainTerminalCode(s, t), storeIndex: s, storeId: storeIds[s]! });
  }
  return {
    sizes,
    now,
    storeIds,
    tills,
    base,
    groupIds: new Map(groups.rows.map((g) => [g.code, g.id])),
    operatorIds: operators.rows.map((o) => o.id),
  };
}
