import type { Knex } from 'knex';

// A note (pro forma): a basket printed for the customer before it is paid. It is recorded as
// such, numbered and sealed in its till's chain of notes (fiscal_seals, chain 'note'), so that
// what was shown to the customer cannot be changed silently afterwards. A note is no ticket: it
// counts in no total; the sale, when paid, is its own sealed ticket.

const OWN_PATH = 'SET search_path = public, pg_temp';

// Version 1 of a note's record: [1, id, terminal, time UTC, operator, customer, lines, vat, total]
// (lines and VAT rows as PostgreSQL writes jsonb).
const NOTE_RECORD_V1 = `
  CREATE FUNCTION pos_note_record_v1(x pro_forma_notes) RETURNS text LANGUAGE sql STABLE ${OWN_PATH} AS $$
    SELECT '[1,' || x.id || ',' || x.terminal_id || ',' || pos_jt(pos_utc(x.created_at)) || ',' || x.operator_id
        || ',' || pos_jn(x.customer_id) || ',' || x.lines::text || ',' || x.vat::text || ',' || x.total_cents || ']'
  $$;
`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE pro_forma_notes (
      id bigserial PRIMARY KEY,
      terminal_id integer NOT NULL REFERENCES terminals (id),
      operator_id integer NOT NULL REFERENCES operators (id),
      customer_id integer,
      lines jsonb NOT NULL CHECK (jsonb_typeof(lines) = 'array' AND jsonb_array_length(lines) > 0),
      vat jsonb NOT NULL CHECK (jsonb_typeof(vat) = 'array'),
      total_cents bigint NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TRIGGER pro_forma_notes_frozen BEFORE UPDATE OR DELETE ON pro_forma_notes FOR EACH ROW EXECUTE FUNCTION pos_refuse_change();
    CREATE TRIGGER pro_forma_notes_no_truncate BEFORE TRUNCATE ON pro_forma_notes FOR EACH STATEMENT EXECUTE FUNCTION pos_refuse_truncate();
    ${NOTE_RECORD_V1}

    -- A note, sealed in its till's chain of notes; answers its number there (the seal's) and its seal.
    CREATE FUNCTION pos_record_note(terminal integer, operator integer, customer integer, lines jsonb, vat jsonb, total bigint) RETURNS jsonb
      LANGUAGE plpgsql SECURITY DEFINER ${OWN_PATH} AS $$
    DECLARE
      x pro_forma_notes;
      sealed text;
    BEGIN
      INSERT INTO pro_forma_notes (terminal_id, operator_id, customer_id, lines, vat, total_cents)
        VALUES (terminal, operator, customer, lines, vat, total) RETURNING * INTO x;
      sealed := pos_seal_append('note', terminal, 1, x.id, pos_note_record_v1(x));
      RETURN jsonb_build_object('id', x.id, 'seal', sealed, 'created_at', x.created_at,
                                'note_no', (SELECT seq FROM fiscal_seals WHERE chain = 'note' AND ref_id = x.id));
    END $$;

    DO $$ BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pos_till') THEN
        REVOKE ALL ON pro_forma_notes FROM pos_till;
        GRANT SELECT ON pro_forma_notes TO pos_till;
        GRANT EXECUTE ON FUNCTION pos_record_note(integer, integer, integer, jsonb, jsonb, bigint) TO pos_till;
      END IF;
    END $$;
    REVOKE EXECUTE ON FUNCTION pos_record_note(integer, integer, integer, jsonb, jsonb, bigint), pos_note_record_v1(pro_forma_notes) FROM PUBLIC;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE fiscal_seals DISABLE TRIGGER fiscal_seals_frozen;
    ALTER TABLE fiscal_heads DISABLE TRIGGER fiscal_heads_forward;
    DELETE FROM fiscal_seals WHERE chain = 'note';
    DELETE FROM fiscal_heads WHERE chain = 'note';
    ALTER TABLE fiscal_seals ENABLE TRIGGER fiscal_seals_frozen;
    ALTER TABLE fiscal_heads ENABLE TRIGGER fiscal_heads_forward;
    DROP FUNCTION pos_record_note(integer, integer, integer, jsonb, jsonb, bigint);
    DROP FUNCTION pos_note_record_v1(pro_forma_notes);
    DROP TABLE pro_forma_notes;
  `);
}
