import type { Knex } from 'knex';
import { TICKET_RECORD_V1_SELECT } from './20261208100000_fiscal_seal';
import { sealTicketSelect, TICKET_CHAIN } from './20261208130000_training_mode';

// Speed of a sale's commit (issue 16), measured with pg_stat_statements while the chain bench
// sold: the seal took 1.6 ms of pos_commit_sale's 2.8 ms, and the stock events 0.6 ms of
// planning, on every sale. Nothing they write changes, only how PostgreSQL plans them:
// - The ticket's record and seal were SQL functions with their own search_path: PostgreSQL plans
//   the query of such a function at each call. In PL/pgSQL the plan is kept by the connection.
// - pos_jt said IMMUTABLE around to_json, which is STABLE: PostgreSQL then refuses to inline it,
//   and called it as a function of its own, planned each time, 18 times per ticket.
// - The stock events' statement, whose table of moved rows changes size at each sale, was
//   planned afresh each time (PostgreSQL found no generic plan cheaper); one plan serves all.

const OWN_PATH = 'SET search_path = public, pg_temp';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER FUNCTION pos_jt(text) STABLE;
    CREATE OR REPLACE FUNCTION pos_ticket_record_v1(sale bigint, origins jsonb) RETURNS text LANGUAGE plpgsql STABLE
      ${OWN_PATH} AS $$
    BEGIN
      RETURN (${TICKET_RECORD_V1_SELECT});
    END $$;
    CREATE OR REPLACE FUNCTION pos_seal_ticket(sale bigint, origins jsonb) RETURNS text LANGUAGE plpgsql ${OWN_PATH} AS $$
    BEGIN
      RETURN (${sealTicketSelect(TICKET_CHAIN)});
    END $$;
    ALTER FUNCTION pos_stock_events() SET plan_cache_mode = force_generic_plan;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER FUNCTION pos_stock_events() RESET plan_cache_mode;
    CREATE OR REPLACE FUNCTION pos_seal_ticket(sale bigint, origins jsonb) RETURNS text LANGUAGE sql ${OWN_PATH} AS $$
      ${sealTicketSelect(TICKET_CHAIN)}
    $$;
    CREATE OR REPLACE FUNCTION pos_ticket_record_v1(sale bigint, origins jsonb) RETURNS text LANGUAGE sql STABLE
      ${OWN_PATH} AS $$${TICKET_RECORD_V1_SELECT}
    $$;
    ALTER FUNCTION pos_jt(text) IMMUTABLE;
  `);
}
