#!/usr/bin/env node
// `npm start`: the till as bin/pos runs it, bundled again first only when a file that goes into
// dist/ changed since the last build (a build costs seconds on a till, the check milliseconds).
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleInput } from './fresh.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const changed = staleInput(root);
if (changed !== null) {
  process.stderr.write(`pos: ${changed} changed since the last build; building the till…\n`);
  try {
    execFileSync(process.execPath, [join(root, 'bin', 'build.mjs')], { stdio: 'inherit' });
  } catch {
    process.exit(1); // esbuild has said why
  }
}
await import('../dist/pos.mjs');
