// `pos training` through bin/pos against real PostgreSQL: a manager switches the till, the
// switch is journalled, the till's sales are then FACTICE on their receipt and counted in no
// report; a cashier cannot switch it.
import { describe, expect, it } from 'vitest';
import { useCli } from '../testCli';

describe('pos training', () => {
  const { db, posEnv, pos } = useCli();

  it('switches the till into training mode and out, journalled; its receipts say FACTICE', async () => {
    expect(await pos('training')).toMatchObject({ code: 0, stdout: 'Caisse T01 : mode école désactivé.\n' });
    expect((await posEnv({ POS_PIN: '1234' }, 'training', 'on', '--operator', '1')).code).not.toBe(0);
    expect(await pos('training', 'on', '--operator', '2')).toMatchObject({ code: 0, stdout: 'Caisse T01 : mode école activé (journalisé). Ses tickets sont FACTICES et comptés nulle part.\n' });
    expect(await pos('training', 'on', '--operator', '2')).toMatchObject({ code: 0, stdout: 'Caisse T01 : mode école déjà activé.\n' });
    expect(await db().db('journal_events').where({ kind: 'training_on' }).count('* as n').first()).toMatchObject({ n: 1 });

    const sold = await posEnv({ POS_RECEIPT_OUTPUT: 'console' }, 'sale', 'create', '--operator', '1', '--line', 'BOUL-001', '--tender', 'cash:1.30');
    expect(sold.code).toBe(0);
    expect(sold.stdout).toContain('*** FACTICE – MODE ÉCOLE ***');
    expect(sold.stdout).toContain('Ticket d’entraînement, sans valeur');
    const refused = await pos('sale', 'create', '--operator', '1', '--line', 'BOUL-001', '--tender', 'voucher:1.30');
    expect(refused.code).not.toBe(0);
    const day = JSON.parse((await pos('report', 'sales', '--json')).stdout) as { tickets?: number; sales?: { tickets: number } };
    expect(day.sales?.tickets ?? day.tickets).toBe(0);
    expect(await pos('verify')).toMatchObject({ code: 0 });

    expect(await pos('training', 'off', '--operator', '2')).toMatchObject({ code: 0, stdout: 'Caisse T01 : mode école désactivé (journalisé).\n' });
    expect(await db().db('journal_events').where({ kind: 'training_off' }).count('* as n').first()).toMatchObject({ n: 1 });
    const real = await posEnv({ POS_RECEIPT_OUTPUT: 'console' }, 'sale', 'create', '--operator', '1', '--line', 'BOUL-001', '--tender', 'cash:1.30');
    expect(real.stdout).not.toContain('FACTICE');
  });
});
