import type { Command } from 'commander';
import { openTillForScreen } from '../../app/till';
import type { Runner } from '../context';
import { EXIT } from '../io';

/** `pos` alone opens the till's screen. */
export function registerTill(program: Command, run: Runner): void {
  program
    // Operands reach this action only when no subcommand matched; set after the subcommands
    // were made, since they inherit the setting.
    .allowExcessArguments(true)
    .action((_opts, cmd: Command) => {
      if (cmd.args.length > 0) cmd.error(`error: unknown command '${cmd.args[0]}'`, { code: 'commander.unknownCommand', exitCode: EXIT.usage });
      return run(cmd, async (ctx) => {
        // The database is opened first: its connection and first queries are under way while
        // Ink and React load (on demand, so the other commands never evaluate them).
        const opening = openTillForScreen(ctx.config);
        const { runTui } = await import('../../tui/run');
        return runTui(ctx.config, opening);
      });
    });
}
