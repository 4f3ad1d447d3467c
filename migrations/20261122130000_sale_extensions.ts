import type { Knex } from 'knex';
import { CHECK_SALE } from './20261122100000_core';
import * as commitFunction from './20261122120000_commit_function';

// What later features hang on a sale: tenders that draw on something (a voucher, a gift card,
// a customer account: `ref`), the customer the sale is for, and ticket-level adjustments
// (coupons, customer discounts, rewards) spread over the lines so VAT is computed on what was
// paid. The commit statement is replaced to write them.

export const COMMIT_SALE_FUNCTION = `
  CREATE OR REPLACE FUNCTION pos_commit_sale(s jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
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

    INSERT INTO sales (idempotency_key, request_hash, terminal_id, store_id, operator_id, customer_id, ticket_no, total_cents, change_cents)
      VALUES (s->>'key', s->>'request_hash', (s->>'terminal_id')::int, (s->>'store_id')::int, (s->>'operator_id')::int,
              (s->>'customer_id')::int, ticket, (s->>'total_cents')::bigint, (s->>'change_cents')::bigint)
      RETURNING id, created_at INTO sale_id, made;

    INSERT INTO sale_lines (sale_id, line_no, item_id, sku, barcode, name, qty, list_price_cents, unit_price_cents,
                            discount_cents, ticket_discount_cents, total_cents, vat_rate_bp, price_override_by, discount_by)
      SELECT sale_id, l.n, l.item_id, l.sku, l.barcode, l.name, l.qty, l.list_price_cents, l.unit_price_cents,
             l.discount_cents, l.ticket_discount_cents, l.total_cents, l.vat_rate_bp, l.price_override_by, l.discount_by
      FROM jsonb_to_recordset(s->'lines') AS l(n int, item_id int, sku text, barcode text, name text, qty int,
             list_price_cents bigint, unit_price_cents bigint, discount_cents bigint, ticket_discount_cents bigint,
             total_cents bigint, vat_rate_bp int, price_override_by int, discount_by int);

    INSERT INTO sale_tenders (sale_id, seq, kind, amount_cents, ref)
      SELECT sale_id, t.n, t.kind, t.amount_cents, t.ref
      FROM jsonb_to_recordset(s->'tenders') AS t(n int, kind text, amount_cents bigint, ref text);

    INSERT INTO sale_adjustments (sale_id, seq, kind, ref, label, amount_cents)
      SELECT sale_id, a.n, a.kind, a.ref, a.label, a.amount_cents
      FROM jsonb_to_recordset(s->'adjustments') AS a(n int, kind text, ref text, label text, amount_cents bigint);

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
  END $$`;

/** The deferred check of a sale, adjustments included (see up). */
export const CHECK_SALE_ADJUSTMENTS = `
    CREATE OR REPLACE FUNCTION pos_check_sale() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      lines_total bigint;
      lines_ticket_discount bigint;
      adjustments_total bigint;
      vat_total bigint;
      paid bigint;
    BEGIN
      SELECT coalesce(sum(total_cents), 0), coalesce(sum(ticket_discount_cents), 0)
        INTO lines_total, lines_ticket_discount FROM sale_lines WHERE sale_id = NEW.id;
      SELECT coalesce(sum(amount_cents), 0) INTO adjustments_total FROM sale_adjustments WHERE sale_id = NEW.id;
      SELECT coalesce(sum(gross_cents), 0) INTO vat_total FROM sale_vat WHERE sale_id = NEW.id;
      SELECT coalesce(sum(amount_cents), 0) INTO paid FROM sale_tenders WHERE sale_id = NEW.id;
      IF lines_total <> NEW.total_cents OR vat_total <> NEW.total_cents THEN
        RAISE EXCEPTION 'sale %: lines (%) and VAT rows (%) do not add up to the total (%)',
          NEW.id, lines_total, vat_total, NEW.total_cents USING ERRCODE = '23514';
      END IF;
      IF lines_ticket_discount <> adjustments_total THEN
        RAISE EXCEPTION 'sale %: ticket discounts on lines (%) differ from the adjustments (%)',
          NEW.id, lines_ticket_discount, adjustments_total USING ERRCODE = '23514';
      END IF;
      IF paid - NEW.change_cents <> NEW.total_cents THEN
        RAISE EXCEPTION 'sale %: tenders (%) less change (%) do not pay the total (%)',
          NEW.id, paid, NEW.change_cents, NEW.total_cents USING ERRCODE = '23514';
      END IF;
      RETURN NULL;
    END $$`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE sale_tenders ADD COLUMN ref text;
    ALTER TABLE sale_tenders DROP CONSTRAINT sale_tenders_kind;
    ALTER TABLE sale_tenders ADD CONSTRAINT sale_tenders_kind CHECK (kind IN ('cash', 'card', 'voucher', 'gift_card', 'account'));
    ALTER TABLE sale_tenders ADD CONSTRAINT sale_tenders_ref CHECK ((kind IN ('cash', 'card')) = (ref IS NULL));

    -- The customers table comes with the customers feature, and its foreign key with it.
    ALTER TABLE sales ADD COLUMN customer_id integer;
    CREATE INDEX sales_customer ON sales (customer_id, created_at) WHERE customer_id IS NOT NULL;

    ALTER TABLE sale_lines ADD COLUMN ticket_discount_cents bigint NOT NULL DEFAULT 0;
    ALTER TABLE sale_lines DROP CONSTRAINT sale_lines_total;
    ALTER TABLE sale_lines ADD CONSTRAINT sale_lines_total CHECK (total_cents = unit_price_cents * qty - discount_cents - ticket_discount_cents);

    CREATE TABLE sale_adjustments (
      sale_id bigint NOT NULL REFERENCES sales (id),
      seq integer NOT NULL,
      kind text NOT NULL,
      ref text NOT NULL,
      label text NOT NULL,
      amount_cents bigint NOT NULL CHECK (amount_cents > 0),
      PRIMARY KEY (sale_id, seq)
    );
    CREATE TRIGGER sale_adjustments_frozen BEFORE UPDATE OR DELETE ON sale_adjustments FOR EACH ROW EXECUTE FUNCTION pos_refuse_change();
  `);
  // The deferred check also holds the adjustments to what the lines carry.
  await knex.raw(CHECK_SALE_ADJUSTMENTS);
  await knex.raw(COMMIT_SALE_FUNCTION);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE sale_adjustments;
    ALTER TABLE sale_lines DROP CONSTRAINT sale_lines_total;
    ALTER TABLE sale_lines DROP COLUMN ticket_discount_cents;
    ALTER TABLE sale_lines ADD CONSTRAINT sale_lines_total CHECK (total_cents = unit_price_cents * qty - discount_cents);
    ALTER TABLE sales DROP COLUMN customer_id;
    ALTER TABLE sale_tenders DROP CONSTRAINT sale_tenders_ref;
    ALTER TABLE sale_tenders DROP CONSTRAINT sale_tenders_kind;
    ALTER TABLE sale_tenders ADD CONSTRAINT sale_tenders_kind CHECK (kind IN ('cash', 'card'));
    ALTER TABLE sale_tenders DROP COLUMN ref;
  `);
  // Back to the earlier versions of both functions.
  await knex.raw(CHECK_SALE);
  await knex.raw('DROP FUNCTION pos_commit_sale(jsonb)');
  await commitFunction.up(knex);
}
