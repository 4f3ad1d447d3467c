// Entry point of bin/pos (bundled into dist/pos.mjs): `pos` opens the till, `pos <command>`
// runs one action without the screen.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProgram } from './cli/program';

// dist/pos.mjs and src/main.ts both sit one folder below the project.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

await buildProgram(root).parseAsync(process.argv);
