// The PIN at the command line: never in argv, from POS_PIN / POS_MANAGER_PIN; wrong ones counted
// toward the lock-out as at the till; each manager action a cashier tries refused and logged;
// `pos operator unlock` by a manager; scripts under the configured service operator, logged.
import { beforeEach, describe, expect, it } from 'vitest';
import { useCli } from '../testCli';

const BAGUETTE = '3760000000017';
// Each call is a process of its own (the bundle, a connection, a PIN check): several per test.
const SLOW = 180_000;

describe('pos and the operators’ PINs', () => {
  const { db, posEnv } = useCli();
  const camille = async () => (await db().db('operators').where('code', '1').first('id')) as { id: number };
  const lastAudit = async (action: string) =>
    (await db().db('audit_log').where('action', action).orderBy('id', 'desc').first('operator_id', 'approver_id', 'terminal_id', 'details')) as
      | { operator_id: number | null; approver_id: number | null; terminal_id: number | null; details: Record<string, unknown> }
      | undefined;

  // The tests run in any order: each starts with nobody locked and no wrong PIN counted.
  beforeEach(async () => {
    await db().owner('operators').update({ failed_pins: 0, locked_until: null });
  }, SLOW);

  it('sale create checks the operator’s PIN: none, a wrong one, in argv: refused; the right one in POS_PIN: sold', async () => {
    const sales = async () => (await db().db('sales').count<{ n: number }[]>({ n: '*' }))[0]!.n;
    const before = await sales();
    expect(await posEnv({ POS_PIN: undefined }, 'sale', 'create', '--operator', '1', '--line', BAGUETTE, '--tender', 'cash:5')).toEqual({
      code: 1, stdout: '', stderr: 'PIN manquant : donnez-le dans POS_PIN ou lancez la commande dans un terminal (jamais en argument)\n',
    });
    expect(await posEnv({ POS_PIN: '0000' }, 'sale', 'create', '--operator', '1', '--line', BAGUETTE, '--tender', 'cash:5')).toMatchObject({ code: 1, stderr: 'Code ou PIN incorrect\n' });
    expect(await lastAudit('pin.failed')).toMatchObject({ operator_id: (await camille()).id, details: { via: 'cli', purpose: 'sale' } });
    expect(await posEnv({}, 'sale', 'create', '--operator', '1', '--pin', '1234', '--line', BAGUETTE, '--tender', 'cash:5')).toMatchObject({ code: 2, stderr: expect.stringContaining('--pin') });
    expect(await sales()).toBe(before);
    expect(await posEnv({}, 'sale', 'create', '--operator', '1', '--line', BAGUETTE, '--tender', 'cash:5')).toMatchObject({ code: 0, stderr: '' });
  }, SLOW);

  it('each manager action a cashier tries is refused, and the refusal logged with the action', async () => {
    const { id } = await camille();
    const attempts: [string, string[]][] = [
      ['voucher.issue', ['voucher', 'issue', '--amount', '20', '--manager', '1']],
      ['voucher.cancel', ['voucher', 'cancel', 'ABCD-EFGH-JKMN-PQ', '--manager', '1']],
      ['giftcard.cancel', ['giftcard', 'cancel', '9250000000000001', '--manager', '1']],
      ['giftcert.recredit', ['giftcert', 'recredit', '1', '--manager', '1']],
      ['stock.adjust', ['stock', 'adjust', 'SOFT-007', '+1', '--reason', 'trouvée', '--manager', '1']],
      ['print.discard', ['devices', 'discard', '1', '--manager', '1']],
      ['operator.unlock', ['operator', 'unlock', '2', '--by', '1']],
    ];
    for (const [action, args] of attempts) {
      const before = (await lastAudit('approval.refused')) ?? null;
      expect(await posEnv({}, ...args), action).toMatchObject({ code: 1, stdout: '', stderr: 'Camille n’est pas responsable : validation refusée\n' });
      const logged = await lastAudit('approval.refused');
      expect(logged, action).not.toEqual(before);
      expect(logged, action).toMatchObject({ operator_id: id, details: { action, role: 'cashier', via: 'cli' } });
      expect(logged!.terminal_id, action).not.toBeNull();
    }
  }, SLOW);

  it('locks an operator at the configured count of wrong PINs; the right PIN is refused until a manager unlocks', async () => {
    const env = { POS_OPERATORS_LOCKOUT_ATTEMPTS: '2', POS_OPERATORS_LOCKOUT_MINUTES: '30' };
    const sale = (pin: string) => posEnv({ ...env, POS_PIN: pin }, 'sale', 'create', '--operator', '1', '--line', BAGUETTE, '--tender', 'cash:5');
    expect(await sale('0000')).toMatchObject({ code: 1, stderr: 'Code ou PIN incorrect\n' });
    expect(await sale('0001')).toMatchObject({ code: 1, stderr: expect.stringMatching(/^PIN faux : Camille est bloqué\(e\) jusqu’à [\d: -]+ ; un responsable peut lever le blocage\n$/) });
    expect(await lastAudit('pin.lockout')).toMatchObject({ operator_id: (await camille()).id, details: { attempts: 2, via: 'cli' } });
    expect(await sale('1234')).toMatchObject({ code: 1, stderr: expect.stringMatching(/^Camille est bloqué\(e\) jusqu’à [\d: -]+ \(trop de PIN faux\)/) });

    expect(await posEnv({ POS_MANAGER_PIN: '0000' }, 'operator', 'unlock', '1', '--by', '2')).toMatchObject({ code: 1, stderr: 'Code ou PIN incorrect\n' });
    expect(await posEnv({}, 'operator', 'unlock', '1', '--by', '2')).toEqual({ code: 0, stdout: 'Camille débloqué(e) par 2\n', stderr: '' });
    const manager = (await db().db('operators').where('code', '2').first('id')) as { id: number };
    expect(await lastAudit('operator.unlock')).toMatchObject({ operator_id: (await camille()).id, approver_id: manager.id, details: { via: 'cli' } });
    expect(await sale('1234')).toMatchObject({ code: 0, stderr: '' });
  }, SLOW);

  it('a script runs under the configured service operator without a PIN, and the log says so', async () => {
    const env = { POS_OPERATORS_SERVICE_OPERATOR: '1', POS_PIN: undefined };
    const r = await posEnv(env, 'sale', 'create', '--operator', '1', '--line', BAGUETTE, '--tender', 'cash:5', '--json');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(await lastAudit('service.command')).toMatchObject({ operator_id: (await camille()).id, details: { command: 'sale', via: 'cli' } });
    // Without the service configured, no operator named is refused.
    expect(await posEnv({ POS_PIN: undefined }, 'voucher', 'redeem', 'ABCD-EFGH-JKMN-PQ', '--amount', '1', '--channel', 'web', '--order', 'C1')).toMatchObject({ code: 1, stderr: expect.stringContaining('Indiquez l’opérateur') });
    // The service never approves as a manager: a manager's PIN is still asked.
    expect(await posEnv({ POS_OPERATORS_SERVICE_OPERATOR: '2', POS_MANAGER_PIN: undefined }, 'voucher', 'issue', '--amount', '5', '--manager', '2')).toMatchObject({ code: 1, stderr: expect.stringContaining('POS_MANAGER_PIN') });
  }, SLOW);
});
