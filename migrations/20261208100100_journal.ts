import type { Knex } from 'knex';

// The technical event journal (JET) of each till, chained like its tickets (fiscal_seals,
// chain 'jet'): sign-ins and sign-outs, reprints with their count, drawers opened without a sale,
// prices changed by hand, configuration changes, the software's starts and version changes,
// anomalies found, and the hooks for training mode, exports, archives and closings. An event is
// written by pos_journal (the till's only way in), its record sealed in the same statement;
// nothing of it changes afterwards. A price changed by hand is journalled by the sale's own
// statement (pos_commit_sale), from the audit lines it writes.

const OWN_PATH = 'SET search_path = public, pg_temp';

// Version 1 of an event's record: [1, id, terminal, time UTC, kind, operator, sale, details]
// (details as PostgreSQL writes jsonb: keys sorted, ", " and ": " between).
const EVENT_RECORD_V1 = `
  CREATE FUNCTION pos_event_record_v1(e journal_events) RETURNS text LANGUAGE sql STABLE ${OWN_PATH} AS $$
    SELECT '[1,' || e.id || ',' || e.terminal_id || ',' || pos_jt(pos_utc(e.at)) || ',' || pos_jt(e.kind)
        || ',' || pos_jn(e.operator_id) || ',' || pos_jn(e.sale_id) || ',' || e.details::text || ']'
  $$;
`;

const RETURN_SEALED = "'seal', pos_seal_ticket(sale_id, s->'origins'));";
const RETURN_JOURNALLED = "'seal', pos_seal_ticket(sale_id, s->'origins'), 'journalled', pos_journal_sale(sale_id, s));";

async function currentCommitFunction(knex: Knex): Promise<string> {
  const { rows } = await knex.raw<{ rows: { def: string }[] }>("SELECT pg_get_functiondef('pos_commit_sale(jsonb)'::regprocedure) AS def");
  return rows[0]!.def;
}

const unbound = (sql: string) => sql.replace(/\?/g, '\\?');

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE journal_events (
      id bigserial PRIMARY KEY,
      terminal_id integer NOT NULL REFERENCES terminals (id),
      at timestamptz NOT NULL DEFAULT now(),
      kind text NOT NULL CONSTRAINT journal_events_kind CHECK (kind ~ '^[a-z_]{1,40}$'),
      operator_id integer REFERENCES operators (id),
      sale_id bigint REFERENCES sales (id),
      details jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX journal_events_reprints ON journal_events (sale_id) WHERE kind = 'reprint';
    CREATE INDEX journal_events_terminal ON journal_events (terminal_id, kind, id);
    CREATE TRIGGER journal_events_frozen BEFORE UPDATE OR DELETE ON journal_events FOR EACH ROW EXECUTE FUNCTION pos_refuse_change();
    CREATE TRIGGER journal_events_no_truncate BEFORE TRUNCATE ON journal_events FOR EACH STATEMENT EXECUTE FUNCTION pos_refuse_truncate();
    ${EVENT_RECORD_V1}

    -- One event, sealed in its till's journal. A reprint is told which one it is (its count).
    CREATE FUNCTION pos_journal(terminal integer, what text, operator integer, sale bigint, details jsonb) RETURNS jsonb
      LANGUAGE plpgsql SECURITY DEFINER ${OWN_PATH} AS $$
    DECLARE
      e journal_events;
      sealed text;
      n integer;
    BEGIN
      IF what = 'reprint' AND sale IS NOT NULL THEN
        SELECT count(*) + 1 INTO n FROM journal_events WHERE kind = 'reprint' AND sale_id = sale;
        details := coalesce(details, '{}') || jsonb_build_object('count', n);
      END IF;
      INSERT INTO journal_events (terminal_id, kind, operator_id, sale_id, details)
        VALUES (terminal, what, operator, sale, coalesce(details, '{}')) RETURNING * INTO e;
      sealed := pos_seal_append('jet', terminal, 1, e.id, pos_event_record_v1(e));
      RETURN jsonb_build_object('id', e.id, 'seal', sealed, 'details', e.details);
    END $$;

    -- The prices a sale's lines were sold at by hand, from the audit lines its statement writes.
    CREATE FUNCTION pos_journal_sale(sale bigint, s jsonb) RETURNS integer LANGUAGE plpgsql ${OWN_PATH} AS $$
    DECLARE
      a jsonb;
      n integer := 0;
    BEGIN
      FOR a IN SELECT x FROM jsonb_array_elements(coalesce(s->'audit', '[]')) AS x WHERE x->>'action' = 'price_override' LOOP
        PERFORM pos_journal((s->>'terminal_id')::int, 'price_override', (s->>'operator_id')::int, sale,
                            coalesce(a->'details', '{}') || jsonb_build_object('approver', a->'approver_id'));
        n := n + 1;
      END LOOP;
      RETURN n;
    END $$;

    DO $$ BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pos_till') THEN
        REVOKE ALL ON journal_events FROM pos_till;
        GRANT SELECT ON journal_events TO pos_till;
        GRANT EXECUTE ON FUNCTION pos_journal(integer, text, integer, bigint, jsonb) TO pos_till;
      END IF;
    END $$;
    REVOKE EXECUTE ON FUNCTION pos_journal(integer, text, integer, bigint, jsonb), pos_journal_sale(bigint, jsonb), pos_event_record_v1(journal_events) FROM PUBLIC;
  `);
  const def = await currentCommitFunction(knex);
  if (!def.includes(RETURN_SEALED)) throw new Error('pos_commit_sale: the seal is not where 20261208100000 put it');
  await knex.raw(unbound(def.replace(RETURN_SEALED, RETURN_JOURNALLED)));
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(unbound((await currentCommitFunction(knex)).replace(RETURN_JOURNALLED, RETURN_SEALED)));
  // The journal's links go with it (the owner's migration, the one change of seals allowed).
  await knex.raw(`
    ALTER TABLE fiscal_seals DISABLE TRIGGER fiscal_seals_frozen;
    ALTER TABLE fiscal_heads DISABLE TRIGGER fiscal_heads_forward;
    DELETE FROM fiscal_seals WHERE chain = 'jet';
    DELETE FROM fiscal_heads WHERE chain = 'jet';
    ALTER TABLE fiscal_seals ENABLE TRIGGER fiscal_seals_frozen;
    ALTER TABLE fiscal_heads ENABLE TRIGGER fiscal_heads_forward;
    DROP FUNCTION pos_journal_sale(bigint, jsonb);
    DROP FUNCTION pos_journal(integer, text, integer, bigint, jsonb);
    DROP FUNCTION pos_event_record_v1(journal_events);
    DROP TABLE journal_events;
  `);
}
