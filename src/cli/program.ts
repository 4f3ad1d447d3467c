import { Option, type Command } from 'commander';
import type { Lang } from '../domain/money';
import { t } from '../i18n/messages';
import { registerDevices } from './commands/devices';
import { registerImport } from './commands/importItems';
import { registerItem } from './commands/item';
import { registerMigrate } from './commands/migrate';
import { registerSale } from './commands/sale';
import { registerSeed } from './commands/seed';
import { registerTill } from './commands/till';
import { registerApiKey } from './commands/apiKey';
import { registerCoupon } from './commands/coupon';
import { registerReport } from './commands/report';
import { registerArchive } from './commands/archive';
import { registerTraining } from './commands/training';
import { registerClose } from './commands/close';
import { registerServe } from './commands/serve';
import { registerVoucher } from './commands/voucher';
import { registerGiftcert } from './commands/giftcert';
import { registerGiftCard } from './commands/giftcard';
import { registerAccount } from './commands/account';
import { registerCustomer } from './commands/customer';
import { registerLoyalty } from './commands/loyalty';
import { registerStock } from './commands/stock';
import { registerKeys } from './commands/keys';
import { registerOffline } from './commands/offline';
import { registerCheck } from './commands/check';
import { registerVerify } from './commands/verify';
import { registerOperator } from './commands/operator';
import { registerStore, registerTerminal } from './commands/places';
import { registerDoctor } from './commands/doctor';
import { registerBackup } from './commands/backup';
import { registerLogs } from './commands/logs';
import { registerKiosk } from './commands/kiosk';
import { registerBench } from './commands/bench';
import { runner } from './context';
import { EXIT, oneLine, processIo, type CliIo } from './io';
import { LocalizedCommand, localizeDescriptions, localizedHelp } from './localize';

/**
 * The `pos` program. `root` is the project folder (config/ is read there); `lang` the language
 * of commander's own errors and help (see cliLang). Each command ends through io.exit with the
 * codes of EXIT.
 */
export function buildProgram(root: string, lang: Lang, io: CliIo = processIo): Command {
  const program = new LocalizedCommand('pos', lang)
    .description('point-of-sale till: `pos` opens the screen, the subcommands act without it')
    .option('--terminal <code>', "till code (default: this till's, from the configuration)")
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['fr', 'en']))
    .option('--json', 'one JSON document on stdout (amounts in *_cents)')
    .option('-q, --quiet', 'no progress bar or progress message on standard error')
    .option('--allow-owner', 'let the till run as the owner of the tables or a superuser of a store server')
    .helpOption('-h, --help', t(lang, 'cli.help.option'))
    .helpCommand('help [command]', t(lang, 'cli.help.option'))
    .configureHelp({ showGlobalOptions: true, ...localizedHelp(lang) })
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      // Commander puts its suggestion on a second line: one line, as every error here.
      outputError: (s, write) => write(oneLine(s) + '\n'),
    })
    .showSuggestionAfterError()
    // The subcommands made below inherit this. Help and version end with 0, usage errors
    // with 2; the throw stops commander where io.exit returns (in tests).
    .exitOverride((error) => {
      io.exit(error.exitCode === 0 ? EXIT.ok : EXIT.usage);
      throw error;
    });

  const run = runner(root, io);
  registerMigrate(program, run);
  registerSeed(program, run);
  registerImport(program, run);
  registerItem(program, run);
  registerSale(program, run);
  registerCustomer(program, run);
  registerLoyalty(program, run);
  registerAccount(program, run);
  registerVoucher(program, run);
  registerGiftcert(program, run);
  registerGiftCard(program, run);
  registerCoupon(program, run);
  registerStock(program, run);
  registerKeys(program, run);
  registerOffline(program, run);
  registerReport(program, run);
  registerClose(program, run);
  registerCheck(program, run);
  registerVerify(program, run);
  registerArchive(program, run);
  registerTraining(program, run);
  registerApiKey(program, run);
  registerServe(program, run);
  registerDevices(program, run);
  registerTill(program, run);
  registerOperator(program, run);
  registerStore(program, run);
  registerTerminal(program, run);
  registerDoctor(program, run);
  registerBackup(program, run);
  registerLogs(program, run);
  registerKiosk(program, run);
  registerBench(program, run);
  localizeDescriptions(program, lang);
  return program;
}
