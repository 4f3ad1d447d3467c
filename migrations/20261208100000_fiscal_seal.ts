import type { Knex } from 'knex';

// The fiscal seal (issue 14). Every ticket is sealed inside the statement that writes it
// (pos_commit_sale): its canonical record, built from the rows just written, is hashed with the
// previous seal of the same till (SHA-256, PostgreSQL's own sha256(): no extension needed) and
// kept in fiscal_seals. A chain's head (last number and hash per chain and till) sits in
// fiscal_heads, locked while a seal is added: two commits on one till queue there, tills never
// wait on each other, and a rolled-back sale takes its seal with it (no fork, no gap).
//
// The record format is versioned: this migration writes version 1, and src/app/fiscal/records.ts
// rebuilds every version from the tables for `pos verify`. A new formula is a new version (a new
// function here, a new entry there); sealed records keep their version and keep verifying.
//
// Nothing sealed changes: seals, heads (other than by moving forward) and the tickets' rows refuse
// UPDATE, DELETE and TRUNCATE by trigger, for the owner too; the till role may only call the
// functions. The other chains (the technical journal, closings) use the same table and function.

export const GENESIS = '0'.repeat(64);

/** A value as JSON text, 'null' for NULL: the pieces the canonical records are made of. */
const RECORD_HELPERS = `
  CREATE FUNCTION pos_jt(v text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT coalesce(to_json(v)::text, 'null') $$;
  CREATE FUNCTION pos_jn(v bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT coalesce(v::text, 'null') $$;
  CREATE FUNCTION pos_utc(t timestamptz) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') $$;
`;

// Version 1 of a ticket's record: a compact JSON array, in this order (records.ts names them):
// [1, store, terminal, ticket_no, time UTC, operator, customer,
//  lines [[line_no, item, sku, name, qty, list_price, unit_price, discount, ticket_discount, total, vat_rate, gift_card, corrects]],
//  adjustments [[kind, ref, label, amount]], vat [[rate, gross, vat, net]] by rate, total,
//  tenders [[kind, amount, ref]], change]
// where `corrects` is [terminal, ticket_no, line_no] of the line a returned line gives back.
// `origins` carries those links: [{n, sale_id, line_no}] (the return writes its own rows later
// in the same transaction, sale_line_origins, which `pos verify` reads back).
export const TICKET_RECORD_V1_SELECT = `
    SELECT '[1,' || s.store_id || ',' || s.terminal_id || ',' || s.ticket_no || ',' || pos_jt(pos_utc(s.created_at))
        || ',' || s.operator_id || ',' || pos_jn(s.customer_id)
        || ',[' || coalesce((
             SELECT string_agg('[' || l.line_no || ',' || l.item_id || ',' || pos_jt(l.sku) || ',' || pos_jt(l.name)
                    || ',' || l.qty || ',' || l.list_price_cents || ',' || l.unit_price_cents || ',' || l.discount_cents
                    || ',' || l.ticket_discount_cents || ',' || l.total_cents || ',' || l.vat_rate_bp || ',' || pos_jt(l.gift_card_code)
                    || ',' || coalesce('[' || os.terminal_id || ',' || os.ticket_no || ',' || o.line_no || ']', 'null') || ']', ',' ORDER BY l.line_no)
               FROM sale_lines l
               LEFT JOIN jsonb_to_recordset(coalesce(origins, '[]')) AS o(n int, sale_id bigint, line_no int) ON o.n = l.line_no
               LEFT JOIN sales os ON os.id = o.sale_id
              WHERE l.sale_id = s.id), '')
        || '],[' || coalesce((
             SELECT string_agg('[' || pos_jt(a.kind) || ',' || pos_jt(a.ref) || ',' || pos_jt(a.label) || ',' || a.amount_cents || ']', ',' ORDER BY a.seq)
               FROM sale_adjustments a WHERE a.sale_id = s.id), '')
        || '],[' || coalesce((
             SELECT string_agg('[' || v.rate_bp || ',' || v.gross_cents || ',' || v.vat_cents || ',' || v.net_cents || ']', ',' ORDER BY v.rate_bp)
               FROM sale_vat v WHERE v.sale_id = s.id), '')
        || '],' || s.total_cents
        || ',[' || coalesce((
             SELECT string_agg('[' || pos_jt(t.kind) || ',' || t.amount_cents || ',' || pos_jt(t.ref) || ']', ',' ORDER BY t.seq)
               FROM sale_tenders t WHERE t.sale_id = s.id), '')
        || '],' || s.change_cents || ']'
      FROM sales s WHERE s.id = sale`;
const TICKET_RECORD_V1 = `
  CREATE FUNCTION pos_ticket_record_v1(sale bigint, origins jsonb) RETURNS text LANGUAGE sql STABLE
    SET search_path = public, pg_temp AS $$${TICKET_RECORD_V1_SELECT}
  $$;
`;

// Not SECURITY DEFINER: they run inside pos_commit_sale (and the journal's function), which
// already run as the owner; nobody calls them directly (EXECUTE is revoked from PUBLIC).
const OWN_PATH = 'SET search_path = public, pg_temp';

const SEAL_FUNCTIONS = `
  -- Adds a record to a chain: the head is locked (made at the genesis value for a chain's first
  -- link), the seal is SHA-256 of the previous seal, a newline and the record, both in hex/UTF-8.
  CREATE FUNCTION pos_seal_append(c text, terminal integer, v integer, ref bigint, rec text) RETURNS text
    LANGUAGE plpgsql ${OWN_PATH} AS $$
  DECLARE
    head fiscal_heads;
    sealed text;
  BEGIN
    SELECT * INTO head FROM fiscal_heads WHERE chain = c AND terminal_id = terminal FOR UPDATE;
    IF NOT FOUND THEN
      INSERT INTO fiscal_heads (chain, terminal_id, seq, hash) VALUES (c, terminal, 0, '${GENESIS}') ON CONFLICT DO NOTHING;
      SELECT * INTO head FROM fiscal_heads WHERE chain = c AND terminal_id = terminal FOR UPDATE;
    END IF;
    sealed := encode(sha256(convert_to(head.hash || E'\\n' || rec, 'UTF8')), 'hex');
    INSERT INTO fiscal_seals (chain, terminal_id, seq, version, ref_id, record, prev_hash, hash)
      VALUES (c, terminal, head.seq + 1, v, ref, rec, head.hash, sealed);
    UPDATE fiscal_heads SET seq = head.seq + 1, hash = sealed WHERE chain = c AND terminal_id = terminal;
    RETURN sealed;
  END $$;

  -- A ticket's seal, in its commit (called by pos_commit_sale, which runs as the owner).
  CREATE FUNCTION pos_seal_ticket(sale bigint, origins jsonb) RETURNS text LANGUAGE sql ${OWN_PATH} AS $$
    SELECT pos_seal_append('ticket', s.terminal_id, 1, s.id, pos_ticket_record_v1(s.id, origins)) FROM sales s WHERE s.id = sale
  $$;

  -- A head moves one link forward with the seal it is at, never back, and is never deleted.
  CREATE FUNCTION pos_fiscal_head_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'DELETE' OR NEW.chain <> OLD.chain OR NEW.terminal_id <> OLD.terminal_id OR NEW.seq <> OLD.seq + 1
       OR NOT EXISTS (SELECT 1 FROM fiscal_seals f WHERE f.chain = NEW.chain AND f.terminal_id = NEW.terminal_id AND f.seq = NEW.seq AND f.hash = NEW.hash) THEN
      RAISE EXCEPTION 'a chain head only moves to the next seal (% on %/%)', TG_OP, OLD.chain, OLD.terminal_id USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
  END $$;

  CREATE FUNCTION pos_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'sealed records are never emptied (TRUNCATE on %)', TG_TABLE_NAME USING ERRCODE = 'P0001';
  END $$;
`;

/** Tables of sealed tickets: no TRUNCATE either (UPDATE and DELETE are refused since they exist). */
const SEALED_TABLES = ['sales', 'sale_lines', 'sale_tenders', 'sale_vat', 'sale_adjustments', 'sale_line_origins', 'fiscal_seals', 'fiscal_heads'];

const RETURN_CREATED = "'created_at', made);";

async function currentCommitFunction(knex: Knex): Promise<string> {
  const { rows } = await knex.raw<{ rows: { def: string }[] }>("SELECT pg_get_functiondef('pos_commit_sale(jsonb)'::regprocedure) AS def");
  return rows[0]!.def;
}

/** Sent as it is: a '?' in the function's text (a jsonb operator) is no binding of knex's. */
function unbound(sql: string): string {
  return sql.replace(/\?/g, '\\?');
}

/** pos_commit_sale with the seal computed last, in its statement, and answered with the ticket. */
export function withSeal(def: string): string {
  if (def.includes('pos_seal_ticket')) return def;
  const at = def.lastIndexOf(RETURN_CREATED);
  if (at < 0) throw new Error("pos_commit_sale: its answer for a new ticket is not where it was");
  return def.slice(0, at) + "'created_at', made, 'seal', pos_seal_ticket(sale_id, s->'origins'));" + def.slice(at + RETURN_CREATED.length);
}

export function withoutSeal(def: string): string {
  return def.replace("'created_at', made, 'seal', pos_seal_ticket(sale_id, s->'origins'));", RETURN_CREATED);
}

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE fiscal_heads (
      chain text NOT NULL,
      terminal_id integer NOT NULL REFERENCES terminals (id),
      seq bigint NOT NULL CHECK (seq >= 0),
      hash text NOT NULL,
      PRIMARY KEY (chain, terminal_id)
    );
    CREATE TABLE fiscal_seals (
      chain text NOT NULL,
      terminal_id integer NOT NULL REFERENCES terminals (id),
      seq bigint NOT NULL CHECK (seq >= 1),
      version smallint NOT NULL,
      -- What is sealed: the sale for a ticket, the event for the journal…
      ref_id bigint NOT NULL,
      record text NOT NULL,
      prev_hash text NOT NULL,
      hash text NOT NULL,
      sealed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (chain, terminal_id, seq),
      CONSTRAINT fiscal_seals_ref UNIQUE (chain, ref_id)
    );
    ${RECORD_HELPERS}
    ${TICKET_RECORD_V1}
    ${SEAL_FUNCTIONS}
    CREATE TRIGGER fiscal_seals_frozen BEFORE UPDATE OR DELETE ON fiscal_seals FOR EACH ROW EXECUTE FUNCTION pos_refuse_change();
    CREATE TRIGGER fiscal_heads_forward BEFORE UPDATE OR DELETE ON fiscal_heads FOR EACH ROW EXECUTE FUNCTION pos_fiscal_head_change();
    ${SEALED_TABLES.map((t) => `CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION pos_refuse_truncate();`).join('\n    ')}
  `);

  // Tickets written before the seal existed: sealed now, per till in the order they were made,
  // their returns' links read from sale_line_origins.
  await knex.raw(`
    SELECT pos_seal_ticket(s.id, (SELECT jsonb_agg(jsonb_build_object('n', o.line_no, 'sale_id', o.origin_sale_id, 'line_no', o.origin_line_no))
                                    FROM sale_line_origins o WHERE o.sale_id = s.id))
      FROM (SELECT id FROM sales ORDER BY terminal_id, created_at, id) s`);

  await knex.raw(unbound(withSeal(await currentCommitFunction(knex))));

  // The till reads seals and heads, writes neither (the default privileges of 20261207180000
  // would let it insert); the functions are the owner's, called from pos_commit_sale.
  await knex.raw(`
    DO $$ BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pos_till') THEN
        REVOKE ALL ON fiscal_seals, fiscal_heads FROM pos_till;
        GRANT SELECT ON fiscal_seals, fiscal_heads TO pos_till;
      END IF;
    END $$;
    REVOKE EXECUTE ON FUNCTION pos_seal_append(text, integer, integer, bigint, text), pos_seal_ticket(bigint, jsonb),
      pos_ticket_record_v1(bigint, jsonb) FROM PUBLIC;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(unbound(withoutSeal(await currentCommitFunction(knex))));
  await knex.raw(`
    ${SEALED_TABLES.filter((t) => !t.startsWith('fiscal_')).map((t) => `DROP TRIGGER ${t}_no_truncate ON ${t};`).join('\n    ')}
    DROP TABLE fiscal_seals, fiscal_heads;
    DROP FUNCTION pos_seal_ticket(bigint, jsonb);
    DROP FUNCTION pos_seal_append(text, integer, integer, bigint, text);
    DROP FUNCTION pos_ticket_record_v1(bigint, jsonb);
    DROP FUNCTION pos_fiscal_head_change();
    DROP FUNCTION pos_refuse_truncate();
    DROP FUNCTION pos_jt(text);
    DROP FUNCTION pos_jn(bigint);
    DROP FUNCTION pos_utc(timestamptz);
  `);
}
