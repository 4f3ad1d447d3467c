import type { Command } from 'commander';
import { unlock } from '../../app/session';
import { t } from '../../i18n/messages';
import { withTill } from '../connection';
import type { Runner } from '../context';
import { emit } from '../output';
import { PIN_ENV, pinFor } from '../pins';
import { refuse } from '../../app/errors';

export function registerOperator(program: Command, run: Runner): void {
  const operator = program.command('operator').description('the operators of the shop');
  operator
    .command('unlock')
    .description('lift the lock-out of an operator after too many wrong PINs, by a manager (logged)')
    .argument('<code>', 'the locked operator')
    .requiredOption('--by <code>', 'the manager lifting it (PIN: POS_MANAGER_PIN or typed)')
    .action((code: string, opts: { by: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const pin = await pinFor(ctx, 'manager', opts.by);
        if (pin === undefined) refuse('cli.pinNeeded', { env: PIN_ENV.manager });
        const r = await withTill(ctx.config, (till) => unlock({ ...till, via: 'cli' }, code, { code: opts.by, pin }));
        const by = opts.by;
        emit(ctx, { operator: r.operator.code, was_locked: r.wasLocked, by }, () => [
          t(ctx.config.lang, r.wasLocked ? 'operator.cli.unlocked' : 'operator.cli.notLocked', { name: r.operator.name, by }),
        ]);
      }),
    );
}
