// Commands that change a rule or run from cron, through bin/pos: each names its operator and
// checks the PIN (or runs under the configured service operator); a rule change needs a
// manager or admin, a cashier's attempt is refused and logged; a change and its audit row
// (who, approved by whom, what, which till) are written together.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCli, type CliResult } from '../testCli';

// Each call is a process of its own; those that cannot change anything run a few at a time.
const SLOW = 180_000;

/** What the commands below could change, as one digest per table. */
const TABLES = [
  'items', 'customers', 'customer_groups', 'customer_accounts', 'customer_cards', 'coupon_definitions', 'coupon_codes',
  'coupon_numbering_schemes', 'loyalty_rewards', 'loyalty_settings', 'loyalty_balances', 'api_keys', 'item_key_pages', 'item_keys',
  'vouchers', 'gift_cards', 'events',
];

const CASHIER_REFUSED = 'Camille n’est pas responsable : ce changement demande un responsable ou un administrateur\n';

describe('pos rule changes and cron jobs: operator, PIN, role, audit', () => {
  const { db, root, posEnv } = useCli();
  let csv = '';

  /** Every command of this kind, without --operator: [the command as logged, its arguments, manager only]. */
  const commands = (): [string, string[], boolean][] => [
    ['coupon.define', ['coupon', 'define', '--symbol', 'ZZ', '--name', 'Z', '--percent', '5'], true],
    ['coupon.edit', ['coupon', 'edit', 'ZZ', '--name', 'Y'], true],
    ['coupon.codes', ['coupon', 'codes', 'generate', 'ZZ', '--count', '1'], true],
    ['coupon.codes', ['coupon', 'codes', 'import', 'ZZ', csv], true],
    ['coupon.codes', ['coupon', 'codes', 'block', 'ZZ'], true],
    ['coupon.codes', ['coupon', 'codes', 'activate', 'ZZ'], true],
    ['coupon.codes', ['coupon', 'codes', 'edit', 'ZZ', '--status', 'active'], true],
    ['coupon.scheme', ['coupon', 'scheme', 'define', 'ZZ', '--pattern', 'Z{N:4}'], true],
    ['coupon.scheme', ['coupon', 'scheme', 'deactivate', 'ZZ'], true],
    ['loyalty.program', ['loyalty', 'program', '--points-per-euro', '9'], true],
    ['loyalty.reward', ['loyalty', 'reward', 'add', '--name', 'X', '--points', '10', '--amount', '1'], true],
    ['loyalty.reward', ['loyalty', 'reward', 'off', '1'], true],
    ['loyalty.item', ['loyalty', 'item', 'CAVE-001', '7'], true],
    ['import.items', ['import', 'items', csv], true],
    ['keys.apply', ['keys', 'apply'], true],
    ['api-key.create', ['api-key', 'create', 'zz'], true],
    ['api-key.revoke', ['api-key', 'revoke', 'zz'], true],
    ['account.limit', ['account', 'limit', 'FID-000001', '999'], true],
    ['stock.stocked', ['stock', 'stocked', 'SOFT-010', 'non'], true],
    ['customer.group', ['customer', 'group', 'ZZ', 'Zed', '--discount', '50'], true],
    ['customer.add', ['customer', 'add', '--last-name', 'Zed', '--discount', '50'], true],
    ['customer.edit', ['customer', 'edit', 'FID-000001', '--discount', '50'], true],
    ['loyalty.expire', ['loyalty', 'expire'], false],
    ['voucher.expire', ['voucher', 'expire'], false],
    ['giftcard.expire', ['giftcard', 'expire'], false],
    ['stock.threshold', ['stock', 'threshold', 'SOFT-009', '3'], false],
    ['customer.add', ['customer', 'add', '--last-name', 'Zed'], false],
    ['customer.edit', ['customer', 'edit', 'FID-000001', '--notes', 'x'], false],
    ['customer.card', ['customer', 'card', 'FID-000001', 'FID-999'], false],
  ];

  async function digest(): Promise<Record<string, string>> {
    const { rows } = await db().db.raw(`SELECT ${TABLES.map((t) => `(SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM ${t} x) AS ${t}`).join(', ')}`);
    return rows[0];
  }

  /** `calls` run four at a time: none of them may change anything, so the order does not matter. */
  async function some(calls: (() => Promise<CliResult>)[]): Promise<CliResult[]> {
    const out: CliResult[] = [];
    for (let i = 0; i < calls.length; i += 4) out.push(...(await Promise.all(calls.slice(i, i + 4).map((c) => c()))));
    return out;
  }

  const count = async (table: string, where: Record<string, unknown> = {}) => Number((await db().db(table).where(where).count<{ n: string }[]>({ n: '*' }))[0]!.n);
  const operatorId = async (code: string) => ((await db().db('operators').where({ code }).first('id')) as { id: number }).id;
  const audits = (action: string) => db().db('audit_log').where({ action }).orderBy('id');

  beforeAll(async () => {
    csv = join(root(), 'rows.csv');
    await writeFile(csv, 'sku,barcode,name,price,vat,group\nZZ-001,,Zed,1.00,20,SNAK\n');
  });

  it('without an operator, or with no PIN or a wrong one: refused on one line, nothing changed and nothing logged but the wrong PIN', async () => {
    const before = await digest();
    const audited = await count('audit_log');
    // The cashier's test below shows each rule change asks its operator; here, the others and one rule change.
    const asked = commands().filter(([, , manager], i) => !manager || i === 0);
    const none = await some(asked.map(([, args]) => () => posEnv({ POS_PIN: undefined }, ...args)));
    asked.forEach(([, args], i) =>
      expect({ args, ...none[i] }).toEqual({ args, code: 1, stdout: '', stderr: 'Indiquez l’opérateur : --operator CODE (PIN dans POS_PIN), ou configurez operators.serviceOperator pour les scripts\n' }));
    expect(await posEnv({ POS_PIN: undefined }, 'coupon', 'define', '--operator', '2', '--symbol', 'ZZ', '--name', 'Z', '--percent', '5')).toEqual({
      code: 1, stdout: '', stderr: 'PIN manquant : donnez-le dans POS_PIN ou lancez la commande dans un terminal (jamais en argument)\n',
    });
    expect(await count('audit_log')).toBe(audited);
    expect(await posEnv({ POS_PIN: '0000' }, 'api-key', 'create', 'zz', '--operator', '2')).toEqual({ code: 1, stdout: '', stderr: 'Code ou PIN incorrect\n' });
    expect(await audits('pin.failed')).toMatchObject([{ operator_id: await operatorId('2'), details: { purpose: 'api-key.create', via: 'cli' } }]);
    expect(await digest()).toEqual(before);
  }, SLOW);

  it('a cashier is refused each rule change, and each refusal is logged with the command; nothing changed', async () => {
    const before = await digest();
    // The tests run in any order: only the refusals logged from here on are this test's.
    const since = Number((await db().db('audit_log').max<{ id: number | null }[]>({ id: 'id' }))[0]!.id ?? 0);
    const managerOnly = commands().filter(([, , manager]) => manager);
    const refused = await some(managerOnly.map(([, args]) => () => posEnv({}, ...args, '--operator', '1')));
    managerOnly.forEach(([, args], i) => expect({ args, ...refused[i] }).toEqual({ args, code: 1, stdout: '', stderr: CASHIER_REFUSED }));
    const logged = await audits('approval.refused').where('id', '>', since);
    expect(logged.map((r) => r.details.action).sort()).toEqual(managerOnly.map(([command]) => command).sort());
    const camille = await operatorId('1');
    for (const row of logged) {
      expect(row).toMatchObject({ operator_id: camille, approver_id: null, details: { role: 'cashier', via: 'cli' } });
      expect(row.terminal_id).not.toBeNull();
    }
    expect(await digest()).toEqual(before);
  }, SLOW);

  it('a manager makes the change; its audit row names them, the till and what changed; a change refused leaves no row', async () => {
    const dominique = await operatorId('2');
    const terminal = ((await db().db('terminals').where({ code: 'T01' }).first('id')) as { id: number }).id;
    expect(await posEnv({}, 'loyalty', 'item', 'CAVE-001', '7', '--operator', '2')).toEqual({ code: 0, stdout: 'CAVE-001 rapporte désormais 7 point(s)\n', stderr: '' });
    expect(await db().db('items').where({ sku: 'CAVE-001' }).first('loyalty_points')).toEqual({ loyalty_points: 7 });
    expect(await audits('loyalty_item_points')).toMatchObject([{ operator_id: dominique, approver_id: dominique, terminal_id: terminal, details: { sku: 'CAVE-001', points: 7, via: 'cli' } }]);

    const made = await posEnv({}, 'api-key', 'create', 'zz', '--operator', '2', '--json');
    expect(made).toMatchObject({ code: 0, stderr: '' });
    const [row] = await audits('api_key_create');
    expect(row).toMatchObject({ operator_id: dominique, approver_id: dominique, terminal_id: terminal, details: { name: 'zz', store: 'M01', via: 'cli' } });
    // The key itself is shown once and never kept, not even in the log.
    expect(JSON.stringify(row.details)).not.toContain(JSON.parse(made.stdout).key);

    // A customer's changes say so too: a discount and a limit approved by the manager, a card by nobody.
    const fid = ((await db().db('customers').where({ code: 'FID-000001' }).first('id')) as { id: number }).id;
    expect(await posEnv({}, 'customer', 'edit', 'FID-000001', '--discount', '5', '--operator', '2')).toMatchObject({ code: 0, stderr: '' });
    expect(await posEnv({}, 'account', 'limit', 'FID-000001', '150', '--operator', '2')).toMatchObject({ code: 0, stderr: '' });
    expect(await posEnv({}, 'customer', 'edit', 'FID-000001', '--notes', 'x', '--operator', '1')).toMatchObject({ code: 0, stderr: '' });
    const camille = await operatorId('1');
    expect(await audits('customer_edited').whereRaw("(details->>'customer_id')::int = ?", [fid])).toMatchObject([
      { operator_id: dominique, approver_id: dominique, terminal_id: terminal, details: { fields: ['discountBp'], discount_bp: 500, via: 'cli' } },
      { operator_id: camille, approver_id: null, terminal_id: terminal, details: { fields: ['notes'], via: 'cli' } },
    ]);
    expect(await audits('account_limit').whereRaw("(details->>'customer_id')::int = ?", [fid])).toMatchObject([
      { operator_id: dominique, approver_id: dominique, terminal_id: terminal, details: { limit_cents: 15000, via: 'cli' } },
    ]);

    expect(await posEnv({}, 'loyalty', 'reward', 'off', '99999', '--operator', '2')).toMatchObject({ code: 1, stdout: '' });
    expect(await count('audit_log', { action: 'loyalty_reward_off' })).toBe(0);
  }, SLOW);

  it('a script runs under the service operator without a PIN, logged as such; that operator’s role still decides a rule change', async () => {
    const service = { POS_OPERATORS_SERVICE_OPERATOR: '1', POS_PIN: undefined };
    const camille = await operatorId('1');
    expect(await posEnv(service, 'voucher', 'expire', '--json')).toMatchObject({ code: 0, stderr: '' });
    expect(await audits('service.command')).toMatchObject([{ operator_id: camille, details: { command: 'voucher.expire', via: 'cli' } }]);
    expect(await audits('voucher_expire')).toMatchObject([{ operator_id: camille, approver_id: null, details: { expired: 0, total_cents: 0, via: 'cli' } }]);

    // The service operator is a cashier here: no rule change without a manager's PIN.
    expect(await posEnv(service, 'stock', 'stocked', 'SOFT-010', 'non')).toEqual({ code: 1, stdout: '', stderr: CASHIER_REFUSED });
    expect((await audits('approval.refused')).slice(-1)).toMatchObject([{ operator_id: camille, details: { action: 'stock.stocked', role: 'cashier' } }]);
    expect(await db().db('items').where({ sku: 'SOFT-010' }).first('stocked')).toEqual({ stocked: true });
  }, SLOW);
});
