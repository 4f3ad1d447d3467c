import type { Command } from 'commander';
import { refuse } from '../../app/errors';
import { switchTrainingMode, trainingMode } from '../../data/training';
import { t } from '../../i18n/messages';
import { cliChange, OPERATOR_HELP } from '../change';
import type { Runner } from '../context';
import { withTill } from '../connection';
import { emit } from '../output';

// `pos training [on|off]`: this till's training mode ("mode école"), switched by a manager, the
// switch journalled in the till's technical journal (JET training_on / training_off). Without
// a state: says the mode.

export function registerTraining(program: Command, run: Runner): void {
  program
    .command('training')
    .description('training mode ("mode école") of this till: on or off (a manager, journalled); without a state, says it')
    .argument('[state]', 'on or off')
    .option('--operator <code>', OPERATOR_HELP.manager)
    .action((state: string | undefined, opts: { operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { lang } = ctx.config;
        if (state !== undefined && state !== 'on' && state !== 'off') refuse('training.cli.badState', { value: state });
        const r = await withTill(ctx.config, async (till) => {
          if (state === undefined) return { on: await trainingMode(till.db, till.terminal.id), changed: false, asked: false };
          const on = state === 'on';
          const changed = await cliChange(ctx, till, { operator: opts.operator, command: 'training', action: 'training_mode', needs: 'manager' },
            (trx, op) => switchTrainingMode(trx, till.terminal.id, on, op.id), (done) => ({ training: on, changed: done }));
          return { on, changed, asked: true };
        });
        const till = ctx.config.terminal;
        const stateText = t(lang, r.on ? 'training.state.on' : 'training.state.off');
        emit(ctx, { terminal: till, training: r.on, changed: r.changed }, () => [
          !r.asked ? t(lang, 'training.cli.state', { till, state: stateText })
            : !r.changed ? t(lang, 'training.cli.already', { till, state: stateText })
              : t(lang, r.on ? 'training.cli.on' : 'training.cli.off', { till }),
        ]);
      }),
    );
}
