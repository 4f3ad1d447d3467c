import type { Knex } from 'knex';

// Two database roles. The owner (who runs the migrations) keeps every right; the tills connect
// as a login user that is a member of the group role `pos_till`, which has only what a till
// needs: it reads everything, writes rows of the tables it fills, changes the columns it really
// changes, and cannot rewrite history: no DDL, no TRUNCATE, no UPDATE or DELETE on tickets,
// their lines and tenders, any ledger or the audit log, no UPDATE of a cached balance, a counter
// or a limit. Those move only by a row of their ledger, whose trigger (SECURITY DEFINER, owned
// by the owner) moves them in the same statement, under the row's lock, and writes the balance
// after into the row: the model of the stock ledger (pos_stock_move). A debit the balance does
// not cover writes nothing (the trigger skips the row) or fails on the CHECK.
//
// Roles are the server's, not the database's: many databases (tests, several shops) migrate at
// once on one server, so the role is made race-safe and never dropped by `down`.
//
// This migration is the last one on purpose: it grants on every table made before it. A table
// made later gets SELECT and INSERT from the default privileges below; its migration grants
// anything more.

export const TILL_ROLE = 'pos_till';

/** Tables the till inserts whole rows into. */
const INSERT_ALL = [
  'account_movements', 'api_code_failures', 'api_keys', 'audit_log', 'coupon_codes', 'coupon_definition_stores', 'coupon_definitions',
  'coupon_numbering_schemes', 'coupon_uses', 'customer_cards', 'customer_groups', 'customers', 'events',
  'gift_card_movements', 'giftcert_uses', 'item_groups', 'item_key_pages', 'item_keys', 'items', 'loyalty_movements',
  'loyalty_rewards', 'print_jobs', 'sale_line_origins', 'stock_movements', 'voucher_movements',
];

/** Tables the till inserts into, some columns only: a balance starts at what its opening row says. */
const INSERT_COLUMNS: Record<string, { only?: string[]; allBut?: string[] }> = {
  vouchers: { allBut: ['id', 'balance_cents', 'status', 'closed_at', 'created_at'] },
  gift_cards: { allBut: ['id', 'balance_cents', 'status', 'closed_at', 'created_at'] },
  loyalty_balances: { only: ['customer_id'] },
  // An account opened with its limit (the limit is the till's to change, by a manager); its balance moves by its ledger.
  customer_accounts: { only: ['customer_id', 'overdraft_limit_cents'] },
  stock_levels: { only: ['store_id', 'item_id', 'threshold'] },
};

/** Columns the till changes (found by reading every UPDATE of src/data and src/app). */
const UPDATE_COLUMNS: Record<string, { only?: string[]; allBut?: string[] }> = {
  api_keys: { only: ['revoked_at'] },
  coupon_codes: { only: ['status', 'valid_from', 'valid_until', 'customer_id', 'group_id', 'description'] },
  coupon_definitions: { allBut: ['id', 'created_at'] },
  coupon_numbering_schemes: { allBut: ['id'] },
  customer_cards: { only: ['retired_at'] },
  customer_groups: { allBut: ['id'] },
  customers: { allBut: ['id', 'created_at', 'name_key'] },
  items: { allBut: ['id'] },
  item_groups: { allBut: ['id'] },
  item_key_pages: { allBut: ['id'] },
  item_keys: { allBut: [] },
  loyalty_settings: { allBut: ['id'] },
  loyalty_rewards: { allBut: ['id', 'created_at'] },
  // The row lock a sale's loyalty takes; the figures move by loyalty_movements.
  loyalty_balances: { only: ['updated_at'] },
  customer_accounts: { only: ['overdraft_limit_cents', 'updated_at'] },
  print_jobs: { allBut: ['id', 'terminal_id', 'kind', 'sale_id', 'created_at'] },
  stock_levels: { only: ['threshold', 'updated_at'] },
};

const DELETE_FROM = ['coupon_definition_stores', 'item_key_pages', 'item_keys'];

/** Read only for the till: written by the owner, or by SECURITY DEFINER functions. */
const READ_ONLY = [
  'sales', 'sale_lines', 'sale_tenders', 'sale_vat', 'sale_adjustments', 'sale_line_returns', 'coupon_use_counts',
  'terminals', 'stores', 'vat_rates', 'knex_migrations', 'knex_migrations_lock',
  // Who an operator is, their role, PIN and lock-out move only through the operators' SECURITY
  // DEFINER functions (20261207100000_operator_lockout).
  'operators',
  // Reserved ticket numbers: through pos_reserve_ticket_block / pos_close_ticket_block only.
  'ticket_blocks', 'ticket_voids',
];

const DEFINER = 'SECURITY DEFINER SET search_path = public, pg_temp';

/** A balance with its ledger (vouchers, gift cards): the movement's trigger moves the balance. */
function balanceLedger(t: { fn: string; cards: string; moves: string; fk: string; open: string; debit: string; credit: string | null; cancel: string; expire: string; what: string }): string {
  return `
    -- A new ${t.what} holds what it was opened with, and says so in its ledger, in the same statement.
    CREATE FUNCTION pos_${t.fn}_open() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.balance_cents := NEW.initial_cents;
      NEW.status := 'active';
      NEW.closed_at := NULL;
      RETURN NEW;
    END $$;
    CREATE TRIGGER ${t.cards}_open BEFORE INSERT ON ${t.cards} FOR EACH ROW EXECUTE FUNCTION pos_${t.fn}_open();
    CREATE FUNCTION pos_${t.fn}_opened() RETURNS trigger LANGUAGE plpgsql ${DEFINER} AS $$
    BEGIN
      INSERT INTO ${t.moves} (${t.fk}, kind, amount_cents, balance_after_cents, ${t.open === 'sold' ? "channel, " : ''}store_id, terminal_id, operator_id, sale_id, ${t.open === 'sold' ? '' : 'note, '}at)
      VALUES (NEW.id, '${t.open}', NEW.initial_cents, NEW.initial_cents, ${t.open === 'sold' ? "'store', NEW.store_id, NEW.terminal_id, NEW.sold_by" : 'NEW.store_id, NEW.terminal_id, NEW.issued_by'},
              NEW.sale_id, ${t.open === 'sold' ? '' : 'NEW.note, '}NEW.created_at);
      RETURN NULL;
    END $$;
    CREATE TRIGGER ${t.cards}_opened AFTER INSERT ON ${t.cards} FOR EACH ROW EXECUTE FUNCTION pos_${t.fn}_opened();

    -- Each movement moves its ${t.what}'s balance under the row's lock and records the balance after
    -- it. One that does not qualify (not active, expired, not enough left) writes nothing.
    CREATE FUNCTION pos_${t.fn}_move() RETURNS trigger LANGUAGE plpgsql ${DEFINER} AS $$
    DECLARE
      was bigint;
    BEGIN
      IF NEW.kind = '${t.open}' THEN
        -- Only pos_${t.fn}_opened (one trigger level down) writes the opening row.
        IF pg_trigger_depth() < 2 THEN
          RAISE EXCEPTION 'a ${t.what} is opened by inserting it, not by a ledger row' USING ERRCODE = '42501';
        END IF;
        RETURN NEW;
      ELSIF NEW.kind = '${t.debit}' THEN
        IF NEW.amount_cents >= 0 THEN
          RAISE EXCEPTION '${t.what} ledger: a ${t.debit} row takes money (amount below zero)' USING ERRCODE = '23514';
        END IF;
        UPDATE ${t.cards}
           SET balance_cents = balance_cents + NEW.amount_cents,
               status = CASE WHEN balance_cents = -NEW.amount_cents THEN 'used' ELSE status END,
               closed_at = CASE WHEN balance_cents = -NEW.amount_cents THEN now() ELSE closed_at END
         WHERE id = NEW.${t.fk} AND status = 'active' AND expires_at > now() AND balance_cents >= -NEW.amount_cents
         RETURNING balance_cents INTO NEW.balance_after_cents;
        IF NOT FOUND THEN RETURN NULL; END IF;
        RETURN NEW;
      ${t.credit === null ? '' : `ELSIF NEW.kind = '${t.credit}' THEN
        IF NEW.amount_cents <= 0 THEN
          RAISE EXCEPTION '${t.what} ledger: a ${t.credit} row gives money (amount above zero)' USING ERRCODE = '23514';
        END IF;
        UPDATE ${t.cards} SET balance_cents = balance_cents + NEW.amount_cents, status = 'active', closed_at = NULL
         WHERE id = NEW.${t.fk} AND status IN ('active', 'used') AND expires_at > now()
         RETURNING balance_cents INTO NEW.balance_after_cents;
        IF NOT FOUND THEN RETURN NULL; END IF;
        RETURN NEW;`}
      ELSIF NEW.kind IN ('${t.cancel}', '${t.expire}') THEN
        -- Writes off what is left: the amount is the balance found under the lock.
        SELECT balance_cents INTO was FROM ${t.cards}
         WHERE id = NEW.${t.fk} AND status = 'active'
           AND CASE WHEN NEW.kind = '${t.cancel}' THEN expires_at > now() ELSE expires_at <= now() END
           FOR UPDATE;
        IF NOT FOUND OR was <= 0 THEN RETURN NULL; END IF;
        UPDATE ${t.cards} SET status = CASE WHEN NEW.kind = '${t.cancel}' THEN 'cancelled' ELSE 'expired' END, balance_cents = 0, closed_at = now()
         WHERE id = NEW.${t.fk};
        NEW.amount_cents := -was;
        NEW.balance_after_cents := 0;
        RETURN NEW;
      END IF;
      RAISE EXCEPTION '${t.what} ledger: unknown movement %', NEW.kind USING ERRCODE = '23514';
    END $$;
    CREATE TRIGGER zz_${t.moves}_move BEFORE INSERT ON ${t.moves} FOR EACH ROW EXECUTE FUNCTION pos_${t.fn}_move();

    -- A sale that moves several locks them first, in id order (no two sales wait on each other in a circle).
    CREATE FUNCTION pos_lock_${t.cards}(codes text[]) RETURNS void LANGUAGE plpgsql ${DEFINER} AS $$
    BEGIN
      PERFORM 1 FROM ${t.cards} WHERE code = ANY(codes) ORDER BY id FOR UPDATE;
    END $$;`;
}

const MONEY_TRIGGERS = `
  ${balanceLedger({ fn: 'voucher', cards: 'vouchers', moves: 'voucher_movements', fk: 'voucher_id', open: 'issue', debit: 'use', credit: null, cancel: 'cancel', expire: 'expire', what: 'voucher' })}
  ${balanceLedger({ fn: 'gift_card', cards: 'gift_cards', moves: 'gift_card_movements', fk: 'gift_card_id', open: 'sold', debit: 'spent', credit: 'refunded', cancel: 'cancelled', expire: 'expired', what: 'gift card' })}

  -- Points and visits move by their ledger row; a debit beyond the balance fails on its CHECK.
  CREATE FUNCTION pos_loyalty_move() RETURNS trigger LANGUAGE plpgsql ${DEFINER} AS $$
  BEGIN
    -- Made at zero first: an upsert's proposed row would meet the CHECK before its conflict.
    INSERT INTO loyalty_balances (customer_id) VALUES (NEW.customer_id) ON CONFLICT (customer_id) DO NOTHING;
    UPDATE loyalty_balances
       SET points = points + CASE WHEN NEW.unit = 'points' THEN NEW.amount ELSE 0 END,
           visits = visits + CASE WHEN NEW.unit = 'visits' THEN NEW.amount ELSE 0 END,
           updated_at = now()
     WHERE customer_id = NEW.customer_id
     RETURNING CASE WHEN NEW.unit = 'points' THEN points ELSE visits END INTO NEW.balance_after;
    RETURN NEW;
  END $$;
  CREATE TRIGGER zz_loyalty_movements_move BEFORE INSERT ON loyalty_movements FOR EACH ROW EXECUTE FUNCTION pos_loyalty_move();

  -- Money onto an account opens it if need be; money off it only within its overdraft limit
  -- (else the row is not written: the caller says what is still available).
  CREATE FUNCTION pos_account_move() RETURNS trigger LANGUAGE plpgsql ${DEFINER} AS $$
  BEGIN
    IF NEW.amount_cents > 0 THEN
      INSERT INTO customer_accounts AS a (customer_id, balance_cents) VALUES (NEW.customer_id, NEW.amount_cents)
      ON CONFLICT (customer_id) DO UPDATE SET balance_cents = a.balance_cents + EXCLUDED.balance_cents, updated_at = now()
      RETURNING a.balance_cents INTO NEW.balance_after_cents;
    ELSE
      UPDATE customer_accounts SET balance_cents = balance_cents + NEW.amount_cents, updated_at = now()
       WHERE customer_id = NEW.customer_id AND balance_cents + NEW.amount_cents >= -overdraft_limit_cents
       RETURNING balance_cents INTO NEW.balance_after_cents;
      IF NOT FOUND THEN RETURN NULL; END IF;
    END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER zz_account_movements_move BEFORE INSERT ON account_movements FOR EACH ROW EXECUTE FUNCTION pos_account_move();

  -- A use of a coupon code counts against its limit: the counter of its scope is raised only
  -- while below the limit (started from the log at its first use in a scope, so a limit changed
  -- later still counts earlier uses); a code not active, or at its limit, records no use.
  CREATE FUNCTION pos_coupon_use_count() RETURNS trigger LANGUAGE plpgsql ${DEFINER} AS $$
  DECLARE
    d record;
    k text;
  BEGIN
    SELECT c.status, df.active, df.limit_scope, df.limit_max INTO d
      FROM coupon_codes c JOIN coupon_definitions df ON df.id = c.definition_id WHERE c.id = NEW.code_id;
    IF NOT FOUND OR d.status <> 'active' OR NOT d.active THEN RETURN NULL; END IF;
    IF d.limit_scope IS NULL THEN RETURN NEW; END IF;
    k := CASE d.limit_scope WHEN 'global' THEN '' WHEN 'store' THEN NEW.store_id::text ELSE NEW.customer_id::text END;
    IF k IS NULL THEN RETURN NULL; END IF;
    INSERT INTO coupon_use_counts AS n (code_id, scope, scope_key, uses)
    SELECT NEW.code_id, d.limit_scope, k, logged.n + 1
      FROM (SELECT count(*)::int AS n FROM coupon_uses l
             WHERE l.code_id = NEW.code_id AND (d.limit_scope = 'global'
               OR (d.limit_scope = 'store' AND l.store_id = NEW.store_id)
               OR (d.limit_scope = 'customer' AND l.customer_id = NEW.customer_id))) AS logged
     WHERE logged.n < d.limit_max
    ON CONFLICT (code_id, scope, scope_key) DO UPDATE SET uses = n.uses + 1 WHERE n.uses < d.limit_max;
    IF NOT FOUND THEN RETURN NULL; END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER zz_coupon_uses_count BEFORE INSERT ON coupon_uses FOR EACH ROW EXECUTE FUNCTION pos_coupon_use_count();

  -- A definition's limit moved to another scope: the counters of the others go (rebuilt from
  -- the log when used).
  CREATE FUNCTION pos_coupon_forget_counters() RETURNS trigger LANGUAGE plpgsql ${DEFINER} AS $$
  BEGIN
    DELETE FROM coupon_use_counts
     WHERE code_id IN (SELECT id FROM coupon_codes WHERE definition_id = NEW.id)
       AND (NEW.limit_scope IS NULL OR scope <> NEW.limit_scope);
    RETURN NULL;
  END $$;
  CREATE TRIGGER coupon_definitions_scope_moved AFTER UPDATE OF limit_scope ON coupon_definitions FOR EACH ROW
    WHEN (OLD.limit_scope IS DISTINCT FROM NEW.limit_scope) EXECUTE FUNCTION pos_coupon_forget_counters();

  -- A line given back counts against what its ticket sold (taken from the ticket itself): more
  -- than is left writes nothing.
  CREATE FUNCTION pos_return_count() RETURNS trigger LANGUAGE plpgsql ${DEFINER} AS $$
  BEGIN
    INSERT INTO sale_line_returns (sale_id, line_no, sold_qty, sold_cents, returned_qty, returned_cents)
    SELECT sale_id, line_no, qty, total_cents, 0, 0 FROM sale_lines WHERE sale_id = NEW.origin_sale_id AND line_no = NEW.origin_line_no
    ON CONFLICT (sale_id, line_no) DO NOTHING;
    UPDATE sale_line_returns SET returned_qty = returned_qty + NEW.qty, returned_cents = returned_cents + NEW.credited_cents
     WHERE sale_id = NEW.origin_sale_id AND line_no = NEW.origin_line_no AND returned_qty + NEW.qty <= sold_qty;
    IF NOT FOUND THEN RETURN NULL; END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER zz_sale_line_origins_count BEFORE INSERT ON sale_line_origins FOR EACH ROW EXECUTE FUNCTION pos_return_count();

  -- The ticket counter and the stock figures move as the owner, inside these. A later migration
  -- that replaces either (CREATE OR REPLACE) must say SECURITY DEFINER again: replacing resets it.
  ALTER FUNCTION pos_commit_sale(jsonb) ${DEFINER};
  ALTER FUNCTION pos_stock_move() ${DEFINER};
`;

const DEFINER_FUNCTIONS = ['pos_commit_sale(jsonb)', 'pos_lock_vouchers(text[])', 'pos_lock_gift_cards(text[])'];
const NEW_FUNCTIONS = [
  'pos_voucher_open()', 'pos_voucher_opened()', 'pos_voucher_move()', 'pos_lock_vouchers(text[])',
  'pos_gift_card_open()', 'pos_gift_card_opened()', 'pos_gift_card_move()', 'pos_lock_gift_cards(text[])',
  'pos_loyalty_move()', 'pos_account_move()', 'pos_coupon_use_count()', 'pos_coupon_forget_counters()', 'pos_return_count()',
];

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Every table's columns, in one query. */
async function allColumns(knex: Knex): Promise<Map<string, string[]>> {
  const { rows } = await knex.raw<{ rows: { table_name: string; column_name: string }[] }>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.table_name, [...(out.get(r.table_name) ?? []), r.column_name]);
  return out;
}

function pick(all: string[], spec: { only?: string[]; allBut?: string[] }): string[] {
  if (spec.only) return spec.only.filter((c) => all.includes(c));
  return all.filter((c) => !spec.allBut!.includes(c));
}

export async function up(knex: Knex): Promise<void> {
  // Made once per server; a server where the owner may not make roles has it made by its IT.
  await knex.raw(`
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${TILL_ROLE}') THEN
        BEGIN
          CREATE ROLE ${TILL_ROLE} NOLOGIN;
        EXCEPTION
          WHEN duplicate_object OR unique_violation THEN NULL; -- made meanwhile by another database's migration
          WHEN insufficient_privilege THEN
            RAISE EXCEPTION 'the role ${TILL_ROLE} does not exist and % may not create it: as a superuser, run CREATE ROLE ${TILL_ROLE} NOLOGIN', current_user;
        END;
      END IF;
    END $$`);
  await knex.raw(MONEY_TRIGGERS);

  const { rows: tables } = await knex.raw<{ rows: { t: string }[] }>(
    `SELECT c.relname AS t FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm') ORDER BY 1`,
  );
  const known = new Set([...INSERT_ALL, ...Object.keys(INSERT_COLUMNS), ...Object.keys(UPDATE_COLUMNS), ...DELETE_FROM, ...READ_ONLY]);
  const grants: string[] = [
    // PostgreSQL before 15 lets everyone create tables in public.
    'REVOKE CREATE ON SCHEMA public FROM PUBLIC',
    `GRANT USAGE ON SCHEMA public TO ${TILL_ROLE}`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${TILL_ROLE}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${TILL_ROLE}`,
  ];
  const present = new Set(tables.map((r) => r.t));
  for (const t of INSERT_ALL) if (present.has(t)) grants.push(`GRANT INSERT ON ${q(t)} TO ${TILL_ROLE}`);
  const columns = await allColumns(knex);
  for (const [t, spec] of Object.entries(INSERT_COLUMNS)) {
    const cols = pick(columns.get(t) ?? [], spec);
    if (cols.length) grants.push(`GRANT INSERT (${cols.map(q).join(', ')}) ON ${q(t)} TO ${TILL_ROLE}`);
  }
  for (const [t, spec] of Object.entries(UPDATE_COLUMNS)) {
    const cols = pick(columns.get(t) ?? [], spec);
    if (cols.length) grants.push(`GRANT UPDATE (${cols.map(q).join(', ')}) ON ${q(t)} TO ${TILL_ROLE}`);
  }
  for (const t of DELETE_FROM) if (present.has(t)) grants.push(`GRANT DELETE ON ${q(t)} TO ${TILL_ROLE}`);
  // Tables of migrations this one does not know (made on another branch): rows may be added, not changed.
  for (const t of present) if (!known.has(t)) grants.push(`GRANT INSERT ON ${q(t)} TO ${TILL_ROLE}`);

  for (const f of NEW_FUNCTIONS) grants.push(`REVOKE EXECUTE ON FUNCTION ${f} FROM PUBLIC`);
  for (const f of DEFINER_FUNCTIONS) grants.push(`REVOKE EXECUTE ON FUNCTION ${f} FROM PUBLIC`, `GRANT EXECUTE ON FUNCTION ${f} TO ${TILL_ROLE}`);
  // Tables the owner makes later: read and add rows; anything more is that migration's grant.
  grants.push(
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT ON TABLES TO ${TILL_ROLE}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${TILL_ROLE}`,
  );
  // One round trip: a new embedded database is migrated while its first till waits.
  await knex.raw(grants.join(';\n'));
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT ON TABLES FROM ${TILL_ROLE};
    ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM ${TILL_ROLE};
    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${TILL_ROLE};
    REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${TILL_ROLE};
    REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM ${TILL_ROLE};
    REVOKE ALL ON SCHEMA public FROM ${TILL_ROLE};
    GRANT EXECUTE ON FUNCTION pos_commit_sale(jsonb) TO PUBLIC;
    ALTER FUNCTION pos_commit_sale(jsonb) SECURITY INVOKER RESET search_path;
    ALTER FUNCTION pos_stock_move() SECURITY INVOKER RESET search_path;
    DROP TRIGGER vouchers_open ON vouchers;
    DROP TRIGGER vouchers_opened ON vouchers;
    DROP TRIGGER zz_voucher_movements_move ON voucher_movements;
    DROP TRIGGER gift_cards_open ON gift_cards;
    DROP TRIGGER gift_cards_opened ON gift_cards;
    DROP TRIGGER zz_gift_card_movements_move ON gift_card_movements;
    DROP TRIGGER zz_loyalty_movements_move ON loyalty_movements;
    DROP TRIGGER zz_account_movements_move ON account_movements;
    DROP TRIGGER zz_coupon_uses_count ON coupon_uses;
    DROP TRIGGER coupon_definitions_scope_moved ON coupon_definitions;
    DROP TRIGGER zz_sale_line_origins_count ON sale_line_origins;
    ${NEW_FUNCTIONS.map((f) => `DROP FUNCTION ${f};`).join('\n    ')}
  `);
}
