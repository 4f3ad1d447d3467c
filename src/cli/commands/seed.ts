import type { Command } from 'commander';
import { refuse } from '../../app/errors';
import { seedDemo } from '../../app/seedDemo';
import { t } from '../../i18n/messages';
import type { Runner } from '../context';
import { withDatabase } from '../connection';
import { emit } from '../output';

export function registerSeed(program: Command, run: Runner): void {
  program
    .command('seed')
    .description('load the demo shop (store, tills, operators, 205 items); run again, it updates the same rows')
    .option('--demo', 'the demo shop (required: it is the only data set)')
    .action((opts: { demo?: boolean }, cmd: Command) =>
      run(cmd, async (ctx) => {
        // --demo is required so that nobody loads demo items into a real shop by accident.
        if (!opts.demo) refuse('cli.seedNeedsDemo');
        const { items } = await withDatabase(ctx.config, seedDemo, { migrate: true, demoOnFirstStart: false, asOwner: true });
        emit(ctx, { seeded: 'demo', items }, () => [t(ctx.config.lang, 'cli.seeded', { items })]);
      }),
    );
}
