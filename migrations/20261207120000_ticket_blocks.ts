import type { Knex } from 'knex';

// Selling through an outage. While the server answers, each till holds a block of ticket numbers
// reserved in advance (terminals.next_ticket_no moved past it by one function that writes the
// block in the same statement); with the server away the till numbers its sales from that
// block, prints them, and sends them later under their keys. pos_commit_sale takes such a
// number only inside an open block of that till. Once a block's sales are all in, the till
// closes it: its unused numbers are written to ticket_voids, so every number below a till's
// counter is a ticket, a void, or an unused number of its one open block (see
// pos_ticket_gaps). Blocks and voids are never deleted; a block only ever gets its closing time.

const OFFLINE_BEGIN = `IF s->>'ticket_no' IS NOT NULL THEN
      -- A number from a block this till reserved (a sale made with the server away): taken only
      -- inside an open block; the block is held against its closing until this commit.
      PERFORM 1 FROM ticket_blocks b
        WHERE b.terminal_id = (s->>'terminal_id')::int AND b.closed_at IS NULL
          AND (s->>'ticket_no')::bigint BETWEEN b.first_no AND b.last_no
        FOR SHARE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'ticket number % is not in an open block of terminal %', s->>'ticket_no', s->>'terminal_id' USING ERRCODE = 'P0K02';
      END IF;
      ticket := (s->>'ticket_no')::bigint;
    ELSE
    `;
const OFFLINE_END = `
    END IF;`;

/** The counter's statement of pos_commit_sale, as every version since 20261122120000 has it. */
const COUNTER = /UPDATE terminals SET next_ticket_no = next_ticket_no \+ 1[\s\S]*?END IF;/;
/** The sale's row: an offline sale keeps the time it was sold at. */
const SALE_VALUES = /ticket, \(s->>'total_cents'\)::bigint, \(s->>'change_cents'\)::bigint\)\s*RETURNING id, created_at INTO sale_id, made;/;
const SALE_COLUMNS = /INSERT INTO sales \(([^)]*)ticket_no, total_cents, change_cents\)/;
const SOLD_AT = `, coalesce((s->>'sold_at')::timestamptz, now())`;

async function currentCommitFunction(knex: Knex): Promise<string> {
  const { rows } = await knex.raw<{ rows: { def: string }[] }>("SELECT pg_get_functiondef('pos_commit_sale(jsonb)'::regprocedure) AS def");
  return rows[0]!.def;
}

/** As the function is now (whatever migration wrote it last), with reserved numbers taken; definer rights. */
export function withReservedNumbers(def: string): string {
  if (def.includes(OFFLINE_BEGIN)) return def;
  const counter = def.match(COUNTER);
  if (!counter || !SALE_VALUES.test(def) || !SALE_COLUMNS.test(def)) throw new Error('pos_commit_sale: the counter or the sale insert is not where it was');
  let out = def.replace(COUNTER, `${OFFLINE_BEGIN}${counter[0]}${OFFLINE_END}`);
  out = out.replace(SALE_COLUMNS, (_m, before: string) => `INSERT INTO sales (${before}ticket_no, total_cents, change_cents, created_at)`);
  out = out.replace(SALE_VALUES, (m) => m.replace("(s->>'change_cents')::bigint)", `(s->>'change_cents')::bigint${SOLD_AT})`));
  return definerRights(out);
}

/** The reverse of withReservedNumbers (definer rights are kept: a later migration may rely on them). */
export function withoutReservedNumbers(def: string): string {
  const at = def.indexOf(OFFLINE_BEGIN);
  if (at < 0) return def;
  const end = def.indexOf(OFFLINE_END, at);
  let out = def.slice(0, at) + def.slice(at + OFFLINE_BEGIN.length, end) + def.slice(end + OFFLINE_END.length);
  out = out.replace('ticket_no, total_cents, change_cents, created_at)', 'ticket_no, total_cents, change_cents)');
  return out.replace(SOLD_AT, '');
}

/** pg_get_functiondef's header, with SECURITY DEFINER and a fixed search_path unless it has them. */
function definerRights(def: string): string {
  const body = def.indexOf('AS $');
  let head = def.slice(0, body);
  if (!/SECURITY DEFINER/.test(head)) head += ' SECURITY DEFINER\n';
  if (!/SET search_path/.test(head)) head += ' SET search_path TO public, pg_temp\n';
  return head + def.slice(body);
}

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE ticket_blocks (
      id bigserial PRIMARY KEY,
      terminal_id integer NOT NULL REFERENCES terminals (id),
      first_no bigint NOT NULL,
      last_no bigint NOT NULL,
      reserved_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz,
      CONSTRAINT ticket_blocks_range CHECK (first_no >= 1 AND last_no >= first_no AND last_no - first_no < 10000)
    );
    -- One open block per till: the one it sells from when the server is away.
    CREATE UNIQUE INDEX ticket_blocks_open ON ticket_blocks (terminal_id) WHERE closed_at IS NULL;
    CREATE INDEX ticket_blocks_terminal ON ticket_blocks (terminal_id, first_no);

    CREATE TABLE ticket_voids (
      terminal_id integer NOT NULL REFERENCES terminals (id),
      ticket_no bigint NOT NULL,
      block_id bigint NOT NULL REFERENCES ticket_blocks (id),
      at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (terminal_id, ticket_no)
    );
    CREATE TRIGGER ticket_voids_frozen BEFORE UPDATE OR DELETE ON ticket_voids FOR EACH ROW EXECUTE FUNCTION pos_refuse_change();

    -- A block is never deleted, nor moved; it is closed once, and stays closed.
    CREATE FUNCTION pos_ticket_block_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' OR OLD.closed_at IS NOT NULL OR NEW.closed_at IS NULL
         OR (NEW.id, NEW.terminal_id, NEW.first_no, NEW.last_no, NEW.reserved_at) IS DISTINCT FROM (OLD.id, OLD.terminal_id, OLD.first_no, OLD.last_no, OLD.reserved_at) THEN
        RAISE EXCEPTION 'a ticket block is only ever closed (% on block %)', TG_OP, OLD.id USING ERRCODE = 'P0001';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER ticket_blocks_closed_only BEFORE UPDATE OR DELETE ON ticket_blocks FOR EACH ROW EXECUTE FUNCTION pos_ticket_block_change();

    -- The till's open block, reserved now if it has none: the counter moves past it in the same
    -- statement, under the counter's row lock, so no ticket can take one of its numbers.
    CREATE FUNCTION pos_reserve_ticket_block(terminal integer, size integer) RETURNS jsonb
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      b ticket_blocks;
      free_no bigint;
    BEGIN
      IF size IS NULL OR size < 1 OR size > 10000 THEN
        RAISE EXCEPTION 'a ticket block holds 1 to 10000 numbers, not %', size USING ERRCODE = '22023';
      END IF;
      UPDATE terminals SET next_ticket_no = next_ticket_no WHERE id = terminal RETURNING next_ticket_no INTO free_no;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'terminal % does not exist', terminal USING ERRCODE = '23503';
      END IF;
      SELECT * INTO b FROM ticket_blocks WHERE terminal_id = terminal AND closed_at IS NULL;
      IF NOT FOUND THEN
        UPDATE terminals SET next_ticket_no = next_ticket_no + size WHERE id = terminal;
        INSERT INTO ticket_blocks (terminal_id, first_no, last_no) VALUES (terminal, free_no, free_no + size - 1) RETURNING * INTO b;
      END IF;
      RETURN jsonb_build_object('id', b.id, 'first_no', b.first_no, 'last_no', b.last_no);
    END $$;

    -- Closes a block once its sales are all in: each number no ticket took is written as void.
    -- Returns how many were voided (0 for a block closed already).
    CREATE FUNCTION pos_close_ticket_block(block bigint) RETURNS integer
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      b ticket_blocks;
      voided integer;
    BEGIN
      SELECT * INTO b FROM ticket_blocks WHERE id = block FOR UPDATE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'ticket block % does not exist', block USING ERRCODE = '23503';
      END IF;
      IF b.closed_at IS NOT NULL THEN
        RETURN 0;
      END IF;
      INSERT INTO ticket_voids (terminal_id, ticket_no, block_id)
        SELECT b.terminal_id, n, b.id FROM generate_series(b.first_no, b.last_no) AS n
         WHERE NOT EXISTS (SELECT 1 FROM sales s WHERE s.terminal_id = b.terminal_id AND s.ticket_no = n);
      GET DIAGNOSTICS voided = ROW_COUNT;
      UPDATE ticket_blocks SET closed_at = now() WHERE id = b.id;
      RETURN voided;
    END $$;

    -- Numbers below a till's counter that are neither a ticket, nor void, nor unused in its open
    -- block: each one a gap. Empty when the numbering holds. One ordered pass over what is taken
    -- (the sales' index), each till's counter closing its list: chain-sized, it stays a scan.
    CREATE FUNCTION pos_ticket_gaps() RETURNS TABLE (terminal_id integer, ticket_no bigint)
      LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
      WITH taken AS (
        SELECT s.terminal_id, s.ticket_no AS lo, s.ticket_no AS hi FROM sales s
        UNION ALL SELECT v.terminal_id, v.ticket_no, v.ticket_no FROM ticket_voids v
        UNION ALL SELECT b.terminal_id, b.first_no, b.last_no FROM ticket_blocks b WHERE b.closed_at IS NULL
        UNION ALL SELECT t.id, t.next_ticket_no, t.next_ticket_no FROM terminals t
      ), runs AS (
        SELECT x.terminal_id, x.lo,
               coalesce(max(x.hi) OVER (PARTITION BY x.terminal_id ORDER BY x.lo, x.hi ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
          FROM taken x
      )
      SELECT r.terminal_id, n FROM runs r, generate_series(r.before + 1, r.lo - 1) AS n
       WHERE r.lo > r.before + 1
       ORDER BY 1, 2
    $$;

    -- The till's role (made by the roles migration, when it exists) reads blocks and voids and
    -- calls the functions; it writes neither table itself.
    DO $$ BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pos_till') THEN
        GRANT SELECT ON ticket_blocks, ticket_voids TO pos_till;
        GRANT EXECUTE ON FUNCTION pos_reserve_ticket_block(integer, integer), pos_close_ticket_block(bigint), pos_ticket_gaps() TO pos_till;
      END IF;
    END $$;
  `);
  await knex.raw(unbound(withReservedNumbers(await currentCommitFunction(knex))));
}

/** Sent as it is: a '?' in the function's text (a jsonb operator) is no binding of knex's. */
function unbound(sql: string): string {
  return sql.replace(/\?/g, '\\?');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(unbound(withoutReservedNumbers(await currentCommitFunction(knex))));
  await knex.raw(`
    DROP FUNCTION pos_ticket_gaps();
    DROP FUNCTION pos_close_ticket_block(bigint);
    DROP FUNCTION pos_reserve_ticket_block(integer, integer);
    DROP TABLE ticket_voids;
    DROP TABLE ticket_blocks;
    DROP FUNCTION pos_ticket_block_change();
  `);
}
