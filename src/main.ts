// Entry point of bin/pos (bundled into dist/pos.mjs): `pos` opens the till, `pos <command>`
// runs one action without the screen.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliLang, outcome } from './cli/context';
import { processIo } from './cli/io';
import { settleLogs } from './app/log';
import { openScreen, tillOnly } from './cli/openScreen';

// dist/pos.mjs and src/main.ts both sit one folder below the project. POS_HOME names another
// folder for this till's config/local.json, config/terminals/ and data folder (.pos/), kept
// apart from the program (a package installed once for several tills, or a test's own folder).
const project = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = process.env.POS_HOME ? resolve(process.env.POS_HOME) : project;

const screen = tillOnly(process.argv.slice(2));
if (screen) {
  const code = await outcome(root, processIo, screen, 'pos', openScreen);
  await settleLogs();
  processIo.exit(code);
} else {
  const { buildProgram } = await import('./cli/program');
  await buildProgram(root, cliLang(root, process.argv.slice(2), process.env)).parseAsync(process.argv);
}
