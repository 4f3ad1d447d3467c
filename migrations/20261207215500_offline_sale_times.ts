import type { Knex } from 'knex';

// A sale made offline and sent when the server came back happened when it was sold, not at the
// replay: its ticket already keeps that time (20261207120000_ticket_blocks). Here the rows
// written with it do too. A stock movement may carry its own time (the figure's "last sale"
// follows it, and a sale replayed late never moves it back in time), and the audit rows of the
// sale's approvals (a price changed, a discount given) carry the sale's time, which is now for
// a sale made online.

const HEAD = `CREATE OR REPLACE FUNCTION pos_stock_move() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      IF NEW.kind = 'count' THEN
        INSERT INTO stock_levels (store_id, item_id) VALUES (NEW.store_id, NEW.item_id) ON CONFLICT DO NOTHING;
        SELECT qty INTO NEW.expected FROM stock_levels WHERE store_id = NEW.store_id AND item_id = NEW.item_id FOR UPDATE;
        NEW.qty := NEW.counted - NEW.expected;
      END IF;`;

function body(lastSale: string, keep: string): string {
  return `${HEAD}
      INSERT INTO stock_levels AS s (store_id, item_id, qty, last_movement_id, last_sale_at)
      VALUES (NEW.store_id, NEW.item_id, NEW.qty, nextval('stock_movements_id_seq'), CASE WHEN NEW.kind = 'sale' THEN ${lastSale} END)
      ON CONFLICT (store_id, item_id) DO UPDATE SET
        qty = s.qty + EXCLUDED.qty,
        last_movement_id = nextval('stock_movements_id_seq'),
        last_sale_at = ${keep},
        updated_at = now()
      RETURNING s.qty, s.last_movement_id INTO NEW.qty_after, NEW.id;
      RETURN NEW;
    END $$;`;
}

const AUDIT_NOW = `INSERT INTO audit_log (action, terminal_id, operator_id, approver_id, sale_id, details)
      SELECT a.action, (s->>'terminal_id')::int, (s->>'operator_id')::int, a.approver_id, sale_id, a.details`;
const AUDIT_SOLD = `INSERT INTO audit_log (action, terminal_id, operator_id, approver_id, sale_id, details, at)
      SELECT a.action, (s->>'terminal_id')::int, (s->>'operator_id')::int, a.approver_id, sale_id, a.details, made`;

/** pos_commit_sale as it is now (whatever migration wrote it last), its audit insert swapped. */
async function swapAudit(knex: Knex, from: string, to: string): Promise<void> {
  const { rows } = await knex.raw<{ rows: { def: string }[] }>("SELECT pg_get_functiondef('pos_commit_sale(jsonb)'::regprocedure) AS def");
  const def = rows[0]!.def;
  if (def.includes(to)) return;
  if (!def.includes(from) || !/RETURNING id, created_at INTO sale_id, made;/.test(def)) throw new Error('pos_commit_sale: the audit insert or the sale time is not where it was');
  await knex.raw(def.replace(from, to));
}

export async function up(knex: Knex): Promise<void> {
  // greatest() skips nulls: a movement other than a sale keeps the last sale's time.
  await knex.raw(body('NEW.at', 'greatest(EXCLUDED.last_sale_at, s.last_sale_at)'));
  await swapAudit(knex, AUDIT_NOW, AUDIT_SOLD);
}

export async function down(knex: Knex): Promise<void> {
  await swapAudit(knex, AUDIT_SOLD, AUDIT_NOW);
  await knex.raw(body('clock_timestamp()', 'coalesce(EXCLUDED.last_sale_at, s.last_sale_at)'));
}
