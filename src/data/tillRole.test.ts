import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing/db';
import { runCli } from '../cli/testCli';
import { insertVoucher } from './vouchers';
import { newVoucherCode } from '../app/vouchers/codes';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Each privilege the issue lists, attempted as the till (a login user of pos_till, as every
// test's app connects): refused by PostgreSQL, and nothing changed. The same statements run as
// the owner would succeed (they are rolled back here), so each refusal is the role's doing.

describe('the till role against what it must never do', () => {
  const testDb = useTestDatabase();

  /** The statement as the till: refused for want of the right (42501), nothing written. */
  async function refused(sql: string, params: Knex.RawBinding[] = []): Promise<void> {
    await expect(testDb().db.raw(sql, params)).rejects.toMatchObject({ code: '42501' });
  }

  /** The same statement as the owner goes through (rolled back): the test is about the role, not a typo. */
  async function ownerMay(sql: string, params: Knex.RawBinding[] = []): Promise<void> {
    await testDb().owner.transaction(async (trx) => {
      await trx.raw(sql, params);
      await trx.rollback();
    }).catch((e: unknown) => {
      if (e !== undefined) throw e;
    });
  }

  async function both(sql: string, params: Knex.RawBinding[] = []): Promise<void> {
    await ownerMay(sql, params);
    await refused(sql, params);
  }

  async function voucher(): Promise<{ id: number; code: string }> {
    const code = newVoucherCode();
    const { id } = await insertVoucher(testDb().db, {
      code, origin: 'manual', amountCents: 50_00, customerId: null, storeId: 1, terminalId: null, saleId: null,
      issuedBy: 2, approvedBy: 2, expiresOn: '2099-12-31', expiresAt: new Date('2100-01-01T00:00:00Z'), note: '',
    });
    return { id, code };
  }

  it('connects as a user of pos_till, neither owner nor superuser', async () => {
    const { rows } = await testDb().db.raw(
      `SELECT r.rolsuper, pg_has_role(current_user, 'pos_till', 'MEMBER') AS till,
              pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'sales'::regclass), 'MEMBER') AS owner
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(rows[0]).toEqual({ rolsuper: false, till: true, owner: false });
  });

  it('cannot empty the tickets or a ledger', async () => {
    await refused('TRUNCATE sales CASCADE');
    // Sealed tickets are not emptied by the owner either (20261208100000_fiscal_seal).
    await expect(testDb().owner.raw('TRUNCATE sales CASCADE')).rejects.toThrow(/never emptied/);
    await both('TRUNCATE voucher_movements');
    for (const t of ['sale_lines', 'sale_tenders', 'gift_card_movements', 'loyalty_movements', 'account_movements', 'stock_movements', 'coupon_uses', 'audit_log']) {
      await refused(`TRUNCATE ${t}`);
    }
  });

  it('cannot disable or drop the append-only triggers', async () => {
    await both('ALTER TABLE voucher_movements DISABLE TRIGGER voucher_movements_frozen');
    await both('ALTER TABLE sales DISABLE TRIGGER ALL');
    await both('DROP TRIGGER sales_frozen ON sales');
    await both('DROP TRIGGER zz_voucher_movements_move ON voucher_movements');
    await both('DROP FUNCTION pos_refuse_change() CASCADE');
  });

  it('cannot put a spent voucher back to its first amount, nor move any cached balance', async () => {
    const v = await voucher();
    await testDb().db.raw(`INSERT INTO voucher_movements (voucher_id, kind, amount_cents, channel, order_ref) VALUES (?, 'use', -3000, 'web', 'CMD-1')`, [v.id]);
    await both('UPDATE vouchers SET balance_cents = initial_cents WHERE id = ?', [v.id]);
    await refused("UPDATE vouchers SET status = 'active', closed_at = NULL WHERE id = ?", [v.id]);
    await refused('UPDATE gift_cards SET balance_cents = initial_cents');
    await refused('UPDATE loyalty_balances SET points = points + 1000');
    await refused('UPDATE customer_accounts SET balance_cents = balance_cents + 100000');
    await refused('UPDATE stock_levels SET qty = qty + 10');
    await refused('UPDATE sale_line_returns SET returned_qty = 0');
    expect(await testDb().db('vouchers').where('id', v.id).first('balance_cents')).toEqual({ balance_cents: 20_00 });
  });

  it('cannot open a balance without its opening row, nor write a ledger row that does not move it', async () => {
    const v = await voucher();
    // The issue row is the voucher's own trigger's: by hand it is refused.
    await expect(testDb().db.raw(`INSERT INTO voucher_movements (voucher_id, kind, amount_cents) VALUES (?, 'issue', 10000)`, [v.id])).rejects.toMatchObject({ code: '42501' });
    // A new voucher holds what it was issued with, whatever the insert says it holds.
    await refused(`INSERT INTO vouchers (code, origin, initial_cents, balance_cents, store_id, approved_by, expires_on, expires_at) VALUES ('${newVoucherCode()}', 'manual', 100, 100, 1, 2, '2099-12-31', '2100-01-01')`);
    // A use beyond the balance writes nothing; its balance after is the database's.
    const over = await testDb().db.raw(`INSERT INTO voucher_movements (voucher_id, kind, amount_cents, channel, order_ref) VALUES (?, 'use', -6000, 'web', 'CMD-2') RETURNING id`, [v.id]);
    expect(over.rows).toEqual([]);
    const ok = await testDb().db.raw(`INSERT INTO voucher_movements (voucher_id, kind, amount_cents, balance_after_cents, channel, order_ref) VALUES (?, 'use', -1000, 999999, 'web', 'CMD-3') RETURNING balance_after_cents`, [v.id]);
    expect(ok.rows).toEqual([{ balance_after_cents: 40_00 }]);
  });

  it('cannot reset a coupon limit, nor write a ticket but through pos_commit_sale', async () => {
    await both('DELETE FROM coupon_use_counts');
    await refused('UPDATE coupon_use_counts SET uses = 0');
    await refused("INSERT INTO coupon_use_counts (code_id, scope, scope_key, uses) VALUES (1, 'global', '', 1)");
    await refused("INSERT INTO sales (idempotency_key, request_hash, terminal_id, store_id, operator_id, ticket_no, total_cents) VALUES ('x', 'x', 1, 1, 1, 999, 0)");
    await refused('INSERT INTO sale_lines SELECT * FROM sale_lines LIMIT 1');
  });

  it('cannot move a till’s ticket counter', async () => {
    const before = await testDb().db('terminals').orderBy('id').select('id', 'next_ticket_no');
    await both('UPDATE terminals SET next_ticket_no = next_ticket_no + 5');
    await refused("SELECT setval('sales_id_seq', 1)");
    expect(await testDb().db('terminals').orderBy('id').select('id', 'next_ticket_no')).toEqual(before);
  });

  it('cannot rewrite a ticket, a ledger or the audit log', async () => {
    await both("UPDATE audit_log SET details = '{}'");
    await both('DELETE FROM audit_log');
    for (const t of ['sales', 'sale_lines', 'sale_tenders', 'sale_vat', 'voucher_movements', 'gift_card_movements', 'loyalty_movements', 'account_movements', 'stock_movements', 'coupon_uses', 'sale_line_origins', 'events']) {
      await refused(`DELETE FROM ${t}`);
    }
    await refused('UPDATE sales SET total_cents = 0');
    await refused('UPDATE sale_tenders SET amount_cents = 1');
    await refused('UPDATE voucher_movements SET amount_cents = -1');
  });

  it('cannot promote a cashier, nor add an operator or change a PIN', async () => {
    await both("UPDATE operators SET role = 'manager' WHERE role = 'cashier'");
    await refused("UPDATE operators SET pin_hash = 'x'");
    await refused('UPDATE operators SET failed_pins = 0, locked_until = NULL');
    await refused("UPDATE operators SET name = 'Autre'");
    await refused('UPDATE ticket_blocks SET closed_at = now()');
    await refused('INSERT INTO ticket_blocks SELECT * FROM ticket_blocks LIMIT 1');
    await refused("INSERT INTO operators (code, name, role, pin_hash) VALUES ('X9', 'Intrus', 'manager', 'x')");
    expect((await testDb().db('operators').where('role', 'manager').count({ n: '*' }))[0]).toEqual({ n: 1 });
  });

  it('leaves the functions that run with the owner\'s rights to the till role alone, not to any user of the server', async () => {
    const { rows } = await testDb().owner.raw<{ rows: { f: string; anyone: boolean; till: boolean }[] }>(`
      SELECT p.oid::regprocedure::text AS f,
             p.proacl IS NULL OR EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE') AS anyone,
             has_function_privilege('pos_till', p.oid, 'EXECUTE') AS till
        FROM pg_proc p WHERE p.prosecdef AND p.pronamespace = current_schema()::regnamespace ORDER BY 1`);
    // The lock-out, the unlock, the reserved blocks and the ledgers' triggers at least.
    for (const name of ['pos_operator_unlock(', 'pos_pin_failed(', 'pos_reserve_ticket_block(', 'pos_commit_sale(']) {
      expect(rows.some((r) => r.f.startsWith(name)), name).toBe(true);
    }
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.filter((r) => r.anyone).map((r) => r.f)).toEqual([]);
    expect(rows.filter((r) => !r.till).map((r) => r.f)).toEqual([]);
  });

  it('cannot change the schema', async () => {
    await both('CREATE TABLE pos_intruder (id int)');
    await both('ALTER TABLE items ADD COLUMN intruder text');
    await both('ALTER TABLE vouchers DROP CONSTRAINT vouchers_balance');
    await refused('CREATE FUNCTION pos_intruder() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$');
    await refused('CREATE SCHEMA intruder');
  });
});

describe('pos on a store server', () => {
  const testDb = useTestDatabase();

  it('refuses to run as the owner of the tables or a superuser unless --allow-owner, and runs as a till user', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pos-owner-'));
    try {
      const asOwner = await runCli(root, { DATABASE_URL: testDb().ownerUrl, POS_LANG: 'fr' }, ['item', 'list', '--limit', '1']);
      expect(asOwner.code).not.toBe(0);
      expect(asOwner.stderr.trim().split('\n')).toHaveLength(1);
      expect(asOwner.stderr).toMatch(/^Refusé : la caisse ne se connecte pas en propriétaire des tables ni en superutilisateur \([a-z_]+\).*--allow-owner/);
      const english = await runCli(root, { DATABASE_URL: testDb().ownerUrl }, ['--lang', 'en', 'item', 'list', '--limit', '1']);
      expect(english.stderr).toMatch(/^Refused: the till does not connect as the owner of the tables or a superuser/);
      const allowed = await runCli(root, { DATABASE_URL: testDb().ownerUrl }, ['--allow-owner', 'item', 'list', '--limit', '1']);
      expect(allowed).toMatchObject({ code: 0, stderr: '' });
      const till = await runCli(root, { DATABASE_URL: testDb().url }, ['item', 'list', '--limit', '1']);
      expect(till).toMatchObject({ code: 0, stderr: '' });
      // The owner's URL for migrations: `pos migrate` runs as it, the till as its own user.
      const migrate = await runCli(root, { DATABASE_URL: testDb().url, DATABASE_OWNER_URL: testDb().ownerUrl }, ['migrate']);
      expect(migrate).toMatchObject({ code: 0 });
      const migrateAsTill = await runCli(root, { DATABASE_URL: testDb().url }, ['migrate']);
      expect(migrateAsTill.code).not.toBe(0);
      expect(migrateAsTill.stderr).toMatch(/^`pos migrate` se lance avec le compte propriétaire des tables, pas pos_test_till : .*DATABASE_OWNER_URL/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
