import type { Knex } from 'knex';

// A sale is committed by one statement, one round trip: the till sends the whole ticket as
// JSON and the database writes it. Sixteen tills on a store server then spend their time on
// the work itself rather than on eight exchanges per sale. The statement is its own
// transaction; the deferred check of migration 20261122100000 still runs at its commit.

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION pos_commit_sale(s jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
    DECLARE
      sale_id bigint;
      known_hash text;
      ticket bigint;
      made timestamptz;
      place jsonb;
    BEGIN
      -- A key already committed (a retry) returns that ticket; a new key takes a number
      -- from the terminal's counter, whose row stays locked until the commit.
      SELECT id, request_hash INTO sale_id, known_hash FROM sales WHERE idempotency_key = s->>'key';
      IF FOUND THEN
        IF known_hash <> s->>'request_hash' THEN
          RAISE EXCEPTION 'idempotency key % was used for another sale', s->>'key' USING ERRCODE = 'P0K01';
        END IF;
        RETURN jsonb_build_object('id', sale_id, 'created', false);
      END IF;

      UPDATE terminals SET next_ticket_no = next_ticket_no + 1
        WHERE id = (s->>'terminal_id')::int
        RETURNING next_ticket_no - 1 INTO ticket;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'terminal % does not exist', s->>'terminal_id' USING ERRCODE = '23503';
      END IF;

      INSERT INTO sales (idempotency_key, request_hash, terminal_id, store_id, operator_id, ticket_no, total_cents, change_cents)
        VALUES (s->>'key', s->>'request_hash', (s->>'terminal_id')::int, (s->>'store_id')::int, (s->>'operator_id')::int,
                ticket, (s->>'total_cents')::bigint, (s->>'change_cents')::bigint)
        RETURNING id, created_at INTO sale_id, made;

      INSERT INTO sale_lines (sale_id, line_no, item_id, sku, barcode, name, qty, list_price_cents, unit_price_cents,
                              discount_cents, total_cents, vat_rate_bp, price_override_by, discount_by)
        SELECT sale_id, l.n, l.item_id, l.sku, l.barcode, l.name, l.qty, l.list_price_cents, l.unit_price_cents,
               l.discount_cents, l.total_cents, l.vat_rate_bp, l.price_override_by, l.discount_by
        FROM jsonb_to_recordset(s->'lines') AS l(item_id int, sku text, barcode text, name text, qty int,
               list_price_cents bigint, unit_price_cents bigint, discount_cents bigint, total_cents bigint,
               vat_rate_bp int, price_override_by int, discount_by int, n int);

      INSERT INTO sale_tenders (sale_id, seq, kind, amount_cents)
        SELECT sale_id, t.n, t.kind, t.amount_cents
        FROM jsonb_to_recordset(s->'tenders') AS t(kind text, amount_cents bigint, n int);

      INSERT INTO sale_vat (sale_id, rate_bp, gross_cents, vat_cents, net_cents)
        SELECT sale_id, v.rate_bp, v.gross_cents, v.vat_cents, v.net_cents
        FROM jsonb_to_recordset(s->'vat') AS v(rate_bp int, gross_cents bigint, vat_cents bigint, net_cents bigint);

      INSERT INTO audit_log (action, terminal_id, operator_id, approver_id, sale_id, details)
        SELECT a.action, (s->>'terminal_id')::int, (s->>'operator_id')::int, a.approver_id, sale_id, a.details
        FROM jsonb_to_recordset(s->'audit') AS a(action text, approver_id int, details jsonb);

      -- What the receipt needs besides what the till sent.
      SELECT jsonb_build_object('terminal_code', t.code, 'store_code', st.code, 'store_name', st.name,
                                'store_address', to_jsonb(st.address), 'operator_code', o.code, 'operator_name', o.name)
        INTO place
        FROM terminals t JOIN stores st ON st.id = (s->>'store_id')::int JOIN operators o ON o.id = (s->>'operator_id')::int
        WHERE t.id = (s->>'terminal_id')::int;
      RETURN place || jsonb_build_object('id', sale_id, 'created', true, 'ticket_no', ticket, 'created_at', made);
    END $$`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP FUNCTION IF EXISTS pos_commit_sale(jsonb)');
}
