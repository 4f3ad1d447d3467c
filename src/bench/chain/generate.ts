// `pos bench --chain`'s data: a chain-sized shop built in a database that holds the demo shop
// (migrated, seeded), streamed by COPY in the session_replication_role of a restore (triggers
// and foreign keys off, CHECKs on), with books that agree: `pos check` finds no break, and
// `pos verify` finds every till's seal chain whole, its head where the next sale continues it.
// In one transaction: a failed build leaves nothing behind. Each table's indexes are set aside
// during its COPY and built again after it (indexes.ts), so the tables filled stay locked to
// other sessions until the build commits (the bench's database has none). `db` must be the
// owner's handle as a superuser (session_replication_role is a superuser's setting), as the
// bench's is. A database that holds a chain already (its first store) is refused
// (ChainExistsError): the ids would follow on, but the codes would repeat; build into a fresh one.
//
// What it holds (each file says how its rows are made): stores and their tills (places.ts);
// the catalogue (items.ts) and a delivery of its first items at every store (stock.ts);
// customers with their loyalty cards (customers.ts), earning points and visits on the tickets;
// vouchers and gift cards with their ledgers (ledgers.ts); coupon definitions and codes
// (coupons.ts); sealed tickets with their lines, VAT, tenders, coupons and printed receipts
// (tickets.ts, ticketRows.ts).
// Left out, said here so that nobody reads more into the figures: the tickets move no stock;
// they are paid by card and cash only, and the voucher and card uses are web orders; a gift
// card names a generated ticket as its sale, which holds no line for it; no technical journal
// (the tills' journal chains start with their first real sale), no closings.
import type { Knex } from 'knex';
import type pg from 'pg';
import { codeRows, chainCoupons, CODE_COLUMNS, DEFINITION_COLUMNS, definitionRows } from './coupons';
import { copyInto, type Cell } from './copy';
import { CARD_COLUMNS, cardRows, CUSTOMER_COLUMNS, customerRows, LOYALTY_BALANCE_COLUMNS, loyaltyBalanceRows } from './customers';
import { ITEM_COLUMNS, itemRows } from './items';
import { putIndexesBack, setIndexesAside } from './indexes';
import { ID_TABLES, readLayout } from './layout';
import { GIFT_CARD_COLUMNS, GIFT_CARD_MOVE_COLUMNS, giftCardMoveRows, giftCardRows, VOUCHER_COLUMNS, VOUCHER_MOVE_COLUMNS, voucherMoveRows, voucherRows } from './ledgers';
import { STORE_COLUMNS, storeRows, TERMINAL_COLUMNS, terminalRows } from './places';
import { STOCK_LEVEL_COLUMNS, STOCK_MOVE_COLUMNS, stockLevelRows, stockMoveRows } from './stock';
import {
  ADJUSTMENT_COLUMNS, adjustmentRows, COUPON_USE_COLUMNS, couponUseRows, LINE_COLUMNS, lineRows, LOYALTY_MOVE_COLUMNS, loyaltyMoveRows,
  PRINT_JOB_COLUMNS, printJobRows, SALE_COLUMNS, saleRows, SEAL_COLUMNS, sealRows, TENDER_COLUMNS, tenderRows, VAT_COLUMNS, vatRows,
} from './ticketRows';
import { ticketsOfTill } from './tickets';
import { chainStoreCode, type ChainSizes, type GeneratedChain, type GeneratedTable } from './types';

/** Why the sizes cannot make a chain, or null. */
export function sizesProblem(sizes: ChainSizes): string | null {
  for (const [name, value] of Object.entries(sizes)) {
    if (!Number.isSafeInteger(value) || value < 0) return `${name} must be a whole number ≥ 0 (${value})`;
  }
  if (sizes.stores < 1 || sizes.stores > 999) return `stores must be 1 to 999 (${sizes.stores})`;
  if (sizes.tills < sizes.stores) return `every store needs a till: tills (${sizes.tills}) < stores (${sizes.stores})`;
  if (Math.ceil(sizes.tills / sizes.stores) > 99) return `at most 99 tills a store (${sizes.tills} over ${sizes.stores})`;
  if (sizes.ledgerRows < sizes.vouchers + sizes.giftCards) return `ledgerRows (${sizes.ledgerRows}) < vouchers + giftCards: each has its issue row`;
  if (sizes.tickets > 0 && sizes.items < 1) return 'tickets need items';
  if (sizes.giftCards > 0 && sizes.tickets < 1) return 'gift cards are sold on tickets: tickets must be ≥ 1';
  return null;
}

/** The chain's first store is there already: generating again would repeat its codes. */
export class ChainExistsError extends Error {
  constructor() {
    super(`this database already holds a generated chain (store ${chainStoreCode(0)}): generate into a fresh database`);
  }
}

interface Knexish {
  client: { acquireConnection(): Promise<pg.PoolClient>; releaseConnection(c: pg.PoolClient): Promise<void> };
}

export async function generateChain(db: Knex, sizes: ChainSizes, step: (what: string) => void = () => undefined): Promise<GeneratedChain> {
  const problem = sizesProblem(sizes);
  if (problem) throw new Error(`chain sizes: ${problem}`);
  const began = performance.now();
  const tables: GeneratedTable[] = [];
  const client = await (db as unknown as Knexish).client.acquireConnection();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    // Indexes are built again after each table's COPY (indexes.ts): room to sort them in memory.
    await client.query(`SET LOCAL maintenance_work_mem = '512MB'`);
    // Two builds at once would both find no chain: the second waits here, then finds the first's.
    await client.query('LOCK TABLE stores IN SHARE ROW EXCLUSIVE MODE');
    const exists = await client.query('SELECT 1 FROM stores WHERE code = $1', [chainStoreCode(0)]);
    if (exists.rowCount) throw new ChainExistsError();
    const layout = await readLayout(client, sizes, Date.now());
    const coupons = chainCoupons(layout);
    const load = async (table: string, columns: readonly string[], rows: Iterable<readonly Cell[]>) => {
      const t0 = performance.now();
      const indexes = await setIndexesAside(client, table);
      const n = await copyInto(client, table, columns, rows);
      const t1 = performance.now();
      await putIndexesBack(client, indexes);
      const seconds = (performance.now() - t0) / 1000;
      tables.push({ table, rows: n, seconds });
      step(`  ${table}: ${n.toLocaleString('en')} rows in ${seconds.toFixed(1)} s (indexes ${((performance.now() - t1) / 1000).toFixed(1)} s)`);
    };

    await load('stores', STORE_COLUMNS, storeRows(layout));
    await load('terminals', TERMINAL_COLUMNS, terminalRows(layout, (k) => ticketsOfTill(sizes.tickets, layout.tills.length, k) + 1));
    await load('items', ITEM_COLUMNS, itemRows(layout.base.items, sizes.items, layout.groupIds));
    await load('stock_movements', STOCK_MOVE_COLUMNS, stockMoveRows(layout));
    await load('stock_levels', STOCK_LEVEL_COLUMNS, stockLevelRows(layout));
    await load('customers', CUSTOMER_COLUMNS, customerRows(layout.base.customers, sizes.customers, layout.now));
    await load('customer_cards', CARD_COLUMNS, cardRows(layout.base.customers, sizes.customers, layout.now));
    await load('vouchers', VOUCHER_COLUMNS, voucherRows(layout));
    await load('voucher_movements', VOUCHER_MOVE_COLUMNS, voucherMoveRows(layout));
    await load('gift_cards', GIFT_CARD_COLUMNS, giftCardRows(layout));
    await load('gift_card_movements', GIFT_CARD_MOVE_COLUMNS, giftCardMoveRows(layout));
    await load('coupon_definitions', DEFINITION_COLUMNS, definitionRows(coupons));
    await load('coupon_codes', CODE_COLUMNS, codeRows(coupons));
    await load('sales', SALE_COLUMNS, saleRows(layout, coupons));
    await load('sale_lines', LINE_COLUMNS, lineRows(layout, coupons));
    await load('sale_adjustments', ADJUSTMENT_COLUMNS, adjustmentRows(layout, coupons));
    await load('sale_vat', VAT_COLUMNS, vatRows(layout, coupons));
    await load('sale_tenders', TENDER_COLUMNS, tenderRows(layout, coupons));
    const heads: string[] = new Array(layout.tills.length);
    await load('fiscal_seals', SEAL_COLUMNS, sealRows(layout, coupons, heads));
    // A till's head is its last seal: the next sale committed there is sealed after it.
    await load('fiscal_heads', ['chain', 'terminal_id', 'seq', 'hash'], layout.tills.flatMap((t, k) => {
      const n = ticketsOfTill(sizes.tickets, layout.tills.length, k);
      return n > 0 ? [['ticket', t.id, n, heads[k]!]] : [];
    }));
    const used: number[] = [];
    await load('coupon_uses', COUPON_USE_COLUMNS, couponUseRows(layout, coupons, used));
    await load('coupon_use_counts', ['code_id', 'scope', 'scope_key', 'uses'], used.map((id) => [id, 'global', '', 1]));
    const points = new Int32Array(sizes.customers);
    const visits = new Int32Array(sizes.customers);
    await load('loyalty_movements', LOYALTY_MOVE_COLUMNS, loyaltyMoveRows(layout, coupons, points, visits));
    await load('loyalty_balances', LOYALTY_BALANCE_COLUMNS, loyaltyBalanceRows(layout.base.customers, points, visits));
    await load('print_jobs', PRINT_JOB_COLUMNS, printJobRows(layout, coupons));

    // The sequences after the ids sent, so that the tills' own rows come next.
    await client.query(ID_TABLES.map((t) => `SELECT setval(pg_get_serial_sequence('${t}', 'id'), greatest(1, (SELECT max(id) FROM ${t})))`).join(';\n'));
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await (db as unknown as Knexish).client.releaseConnection(client);
  }
  const t0 = performance.now();
  await db.raw('ANALYZE');
  tables.push({ table: '(ANALYZE)', rows: 0, seconds: (performance.now() - t0) / 1000 });
  step('  ANALYZE');
  return { sizes, seconds: (performance.now() - began) / 1000, tables };
}
