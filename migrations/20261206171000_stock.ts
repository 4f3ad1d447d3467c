import type { Knex } from 'knex';

// Stock per store and item. The figure (stock_levels.qty) is a cached balance: it moves only
// by a row of the append-only ledger stock_movements (a sale, a return, goods received, a
// count, an adjustment, a transfer), whose trigger moves it in the same statement, under the
// figure's row lock, and numbers the movement then; so the figure is always the sum of its
// movements and each movement's qty_after the sum of those up to it. Changing the figure any
// other way is refused. Each statement that moves stock writes one event per figure moved,
// with the figure as it is then (see the events migration).
//
// An item has a minimum threshold (none: never low); a store may have its own. Items that are
// not stocked (a coffee served, a service, a gift card) move no stock.

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE items
      ADD COLUMN stocked boolean NOT NULL DEFAULT true,
      ADD COLUMN stock_threshold integer CONSTRAINT items_stock_threshold CHECK (stock_threshold BETWEEN 0 AND 999999);
    -- A gift card sold is a balance, not goods off a shelf.
    UPDATE items SET stocked = false WHERE sku = 'CADEAU';

    CREATE TABLE stock_levels (
      store_id integer NOT NULL REFERENCES stores (id),
      item_id integer NOT NULL REFERENCES items (id),
      qty integer NOT NULL DEFAULT 0 CONSTRAINT stock_levels_qty CHECK (qty BETWEEN -9999999 AND 9999999),
      -- This store's threshold, over the item's.
      threshold integer CONSTRAINT stock_levels_threshold CHECK (threshold BETWEEN 0 AND 999999),
      -- The figure's version for the tills: the latest movement's id, which only grows.
      last_movement_id bigint,
      last_sale_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (store_id, item_id)
    );

    CREATE SEQUENCE stock_movements_id_seq;
    CREATE TABLE stock_movements (
      -- From stock_movements_id_seq, taken by pos_stock_move() once the figure is locked.
      id bigint PRIMARY KEY,
      store_id integer NOT NULL REFERENCES stores (id),
      item_id integer NOT NULL REFERENCES items (id),
      kind text NOT NULL CONSTRAINT stock_movements_kind CHECK (kind IN ('sale', 'return', 'receive', 'count', 'adjust', 'transfer')),
      qty integer NOT NULL,
      qty_after integer NOT NULL,
      -- A count: what was counted, and what the books said when it was booked.
      counted integer CONSTRAINT stock_movements_counted CHECK (counted BETWEEN 0 AND 9999999),
      expected integer,
      sale_id bigint REFERENCES sales (id),
      terminal_id integer REFERENCES terminals (id),
      operator_id integer NOT NULL REFERENCES operators (id),
      approved_by integer REFERENCES operators (id),
      -- A transfer: the other store.
      other_store_id integer REFERENCES stores (id),
      reason text CONSTRAINT stock_movements_reason CHECK (length(reason) <= 200),
      -- The delivery note, the stock-take…
      reference text CONSTRAINT stock_movements_reference CHECK (length(reference) <= 60),
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      CONSTRAINT stock_movements_sign CHECK (
        (kind = 'count' OR qty <> 0) AND
        (kind <> 'sale' OR qty < 0) AND
        (kind NOT IN ('return', 'receive') OR qty > 0)),
      CONSTRAINT stock_movements_sale CHECK ((kind IN ('sale', 'return')) = (sale_id IS NOT NULL)),
      CONSTRAINT stock_movements_count CHECK (
        (kind = 'count') = (counted IS NOT NULL AND expected IS NOT NULL) AND
        (kind <> 'count' OR (qty = counted - expected AND qty_after = counted))),
      CONSTRAINT stock_movements_adjust CHECK (kind <> 'adjust' OR (approved_by IS NOT NULL AND btrim(coalesce(reason, '')) <> '')),
      CONSTRAINT stock_movements_transfer CHECK ((kind = 'transfer') = (other_store_id IS NOT NULL) AND other_store_id IS DISTINCT FROM store_id)
    );
    ALTER SEQUENCE stock_movements_id_seq OWNED BY stock_movements.id;
    CREATE INDEX stock_movements_item ON stock_movements (store_id, item_id, id);
    CREATE INDEX stock_movements_sale ON stock_movements (sale_id) WHERE sale_id IS NOT NULL;
    CREATE TRIGGER stock_movements_frozen BEFORE UPDATE OR DELETE ON stock_movements FOR EACH ROW EXECUTE FUNCTION pos_refuse_ledger_change();

    -- Each movement moves its figure, locked (made at zero when it is the item's first here).
    -- A count sets what the books said at that moment: sales committed before it are in it,
    -- those after it come off what was counted.
    CREATE FUNCTION pos_stock_move() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.kind = 'count' THEN
        INSERT INTO stock_levels (store_id, item_id) VALUES (NEW.store_id, NEW.item_id) ON CONFLICT DO NOTHING;
        SELECT qty INTO NEW.expected FROM stock_levels WHERE store_id = NEW.store_id AND item_id = NEW.item_id FOR UPDATE;
        NEW.qty := NEW.counted - NEW.expected;
      END IF;
      INSERT INTO stock_levels AS s (store_id, item_id, qty, last_movement_id, last_sale_at)
      VALUES (NEW.store_id, NEW.item_id, NEW.qty, nextval('stock_movements_id_seq'), CASE WHEN NEW.kind = 'sale' THEN clock_timestamp() END)
      ON CONFLICT (store_id, item_id) DO UPDATE SET
        qty = s.qty + EXCLUDED.qty,
        -- Taken once the row is locked: a figure's movements are numbered in the order it moved.
        last_movement_id = nextval('stock_movements_id_seq'),
        last_sale_at = coalesce(EXCLUDED.last_sale_at, s.last_sale_at),
        updated_at = now()
      RETURNING s.qty, s.last_movement_id INTO NEW.qty_after, NEW.id;
      RETURN NEW;
    END $$;
    -- Named to run after any other BEFORE INSERT trigger (they run in name order).
    CREATE TRIGGER zz_stock_movements_move BEFORE INSERT ON stock_movements FOR EACH ROW EXECUTE FUNCTION pos_stock_move();

    -- One event per figure a statement moved, with the figure as it stands after it. It wakes
    -- the tills when the figure is at or under its threshold, or was before: what they show.
    CREATE FUNCTION pos_stock_events() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO events (kind, store_id, subject, data, wake)
      SELECT 'stock', s.store_id, s.item_id::text,
             jsonb_build_object('qty', s.qty, 'v', s.last_movement_id, 'threshold', t.threshold),
             coalesce(s.qty <= t.threshold OR s.qty - m.moved <= t.threshold, false)
        FROM (SELECT store_id, item_id, sum(qty) AS moved FROM moved GROUP BY store_id, item_id) m
        JOIN stock_levels s ON s.store_id = m.store_id AND s.item_id = m.item_id
        JOIN items i ON i.id = m.item_id
        CROSS JOIN LATERAL (SELECT coalesce(s.threshold, i.stock_threshold) AS threshold) t
       ORDER BY s.store_id, s.item_id;
      RETURN NULL;
    END $$;
    CREATE TRIGGER stock_movements_events AFTER INSERT ON stock_movements REFERENCING NEW TABLE AS moved
      FOR EACH STATEMENT EXECUTE FUNCTION pos_stock_events();

    -- The figure moves by a movement only (whose trigger is one level down); a threshold is
    -- set directly. A figure is never deleted: its movements name it.
    CREATE FUNCTION pos_stock_level_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'a stock figure moves only by a stock movement (% on stock_levels)', TG_OP USING ERRCODE = 'P0001';
    END $$;
    CREATE TRIGGER stock_levels_by_movement BEFORE UPDATE ON stock_levels FOR EACH ROW
      WHEN (pg_trigger_depth() = 0 AND (NEW.qty <> OLD.qty OR NEW.last_movement_id IS DISTINCT FROM OLD.last_movement_id OR NEW.last_sale_at IS DISTINCT FROM OLD.last_sale_at))
      EXECUTE FUNCTION pos_stock_level_guard();
    CREATE TRIGGER stock_levels_from_zero BEFORE INSERT ON stock_levels FOR EACH ROW
      WHEN (pg_trigger_depth() = 0 AND (NEW.qty <> 0 OR NEW.last_movement_id IS NOT NULL OR NEW.last_sale_at IS NOT NULL))
      EXECUTE FUNCTION pos_stock_level_guard();
    CREATE TRIGGER stock_levels_kept BEFORE DELETE ON stock_levels FOR EACH ROW EXECUTE FUNCTION pos_stock_level_guard();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE stock_movements;
    DROP TABLE stock_levels;
    DROP FUNCTION pos_stock_move();
    DROP FUNCTION pos_stock_events();
    DROP FUNCTION pos_stock_level_guard();
    ALTER TABLE items DROP COLUMN stocked, DROP COLUMN stock_threshold;
  `);
}
