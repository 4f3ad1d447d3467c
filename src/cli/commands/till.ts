import type { Command } from 'commander';
import type { Runner } from '../context';
import { EXIT } from '../io';
import { openScreen } from '../openScreen';

/** `pos` alone opens the till's screen (main.ts takes a shorter way there; see tillOnly). */
export function registerTill(program: Command, run: Runner): void {
  program
    // Operands reach this action only when no subcommand matched; set after the subcommands
    // were made, since they inherit the setting.
    .allowExcessArguments(true)
    .action((_opts, cmd: Command) => {
      if (cmd.args.length > 0) cmd.error(`error: unknown command '${cmd.args[0]}'`, { code: 'commander.unknownCommand', exitCode: EXIT.usage });
      return run(cmd, openScreen);
    });
}
