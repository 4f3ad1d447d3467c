import type { Knex } from 'knex';

// Operators: a third role (admin), and a lock-out after repeated wrong PINs. The counter and
// the lock move only through the functions below, SECURITY DEFINER so that the till's role
// needs no UPDATE on operators, and each writes its audit row in the same statement: a
// failed PIN can never be counted without being logged, nor logged without being counted.
// The increment is one UPDATE on the operator's row, so two tills typing wrong PINs at the
// same moment both count (the second waits for the first's row lock).

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE operators DROP CONSTRAINT operators_role;
    ALTER TABLE operators ADD CONSTRAINT operators_role CHECK (role IN ('cashier', 'manager', 'admin'));
    ALTER TABLE operators
      ADD COLUMN failed_pins integer NOT NULL DEFAULT 0,
      ADD COLUMN locked_until timestamptz,
      ADD CONSTRAINT operators_failed_pins CHECK (failed_pins >= 0);
    CREATE INDEX audit_log_at ON audit_log (at);
    CREATE INDEX audit_log_operator ON audit_log (operator_id, at);

    -- A wrong PIN for p_operator at p_terminal. At p_max failures in a row the operator is
    -- locked for p_lock_seconds (the count starts again after). Returns the end of the lock,
    -- or NULL while not locked. The bounds keep a caller from turning the lock-out off.
    CREATE FUNCTION pos_pin_failed(p_operator int, p_terminal int, p_max int, p_lock_seconds int, p_details jsonb)
    RETURNS timestamptz LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      n int;
      until timestamptz;
    BEGIN
      IF p_max NOT BETWEEN 1 AND 100 OR p_lock_seconds NOT BETWEEN 1 AND 604800 THEN
        RAISE EXCEPTION 'lock-out bounds out of range (% attempts, % s)', p_max, p_lock_seconds USING ERRCODE = '22023';
      END IF;
      UPDATE operators SET failed_pins = failed_pins + 1 WHERE id = p_operator RETURNING failed_pins INTO n;
      IF n IS NULL THEN
        RAISE EXCEPTION 'operator % does not exist', p_operator USING ERRCODE = 'P0002';
      END IF;
      INSERT INTO audit_log (action, terminal_id, operator_id, details)
        VALUES ('pin.failed', p_terminal, p_operator, coalesce(p_details, '{}') || jsonb_build_object('attempt', n, 'max', p_max));
      IF n >= p_max THEN
        until := now() + make_interval(secs => p_lock_seconds);
        UPDATE operators SET failed_pins = 0, locked_until = until WHERE id = p_operator;
        INSERT INTO audit_log (action, terminal_id, operator_id, details)
          VALUES ('pin.lockout', p_terminal, p_operator, coalesce(p_details, '{}') || jsonb_build_object('attempts', n, 'until', until));
      END IF;
      RETURN until;
    END $$;

    -- The right PIN: the count of failures starts again (nothing written when it is already 0).
    CREATE FUNCTION pos_pin_ok(p_operator int) RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      UPDATE operators SET failed_pins = 0 WHERE id = p_operator AND failed_pins > 0
    $$;

    -- A manager (or admin) lifts an operator's lock; the caller has checked the manager's PIN.
    -- Returns false when the operator was not locked (nothing changed, still logged).
    CREATE FUNCTION pos_operator_unlock(p_operator int, p_manager int, p_terminal int, p_details jsonb)
    RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      was timestamptz;
    BEGIN
      PERFORM 1 FROM operators WHERE id = p_manager AND active AND role IN ('manager', 'admin');
      IF NOT FOUND THEN
        RAISE EXCEPTION 'operator % may not unlock', p_manager USING ERRCODE = '42501';
      END IF;
      SELECT locked_until INTO was FROM operators WHERE id = p_operator FOR UPDATE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'operator % does not exist', p_operator USING ERRCODE = 'P0002';
      END IF;
      UPDATE operators SET failed_pins = 0, locked_until = NULL WHERE id = p_operator;
      INSERT INTO audit_log (action, terminal_id, operator_id, approver_id, details)
        VALUES ('operator.unlock', p_terminal, p_operator, p_manager,
                coalesce(p_details, '{}') || jsonb_build_object('was_locked_until', was));
      RETURN was IS NOT NULL AND was > now();
    END $$;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP FUNCTION IF EXISTS pos_operator_unlock(int, int, int, jsonb);
    DROP FUNCTION IF EXISTS pos_pin_ok(int);
    DROP FUNCTION IF EXISTS pos_pin_failed(int, int, int, int, jsonb);
    DROP INDEX IF EXISTS audit_log_operator;
    DROP INDEX IF EXISTS audit_log_at;
    ALTER TABLE operators DROP COLUMN locked_until, DROP COLUMN failed_pins;
    UPDATE operators SET role = 'manager' WHERE role = 'admin';
    ALTER TABLE operators DROP CONSTRAINT operators_role;
    ALTER TABLE operators ADD CONSTRAINT operators_role CHECK (role IN ('cashier', 'manager'));
  `);
}
