// What went into dist/, recorded by each build, so that `npm start` tells in a few milliseconds
// (a stat per source file, no esbuild loaded) whether the bundle is older than its sources.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const MANIFEST = 'inputs.json';

// Files that shape the bundle without esbuild reading them as modules. The packages' own files
// are not listed: npm gives them the date of their tarball, so an upgrade shows in the locks.
const ALWAYS = ['package.json', 'package-lock.json', 'node_modules/.package-lock.json', 'tsconfig.json', 'bin/build.mjs', 'bin/fresh.mjs'];

/** The manifest a build writes into its output folder: the project's files esbuild read, and when it began. */
export function manifest(root, metafile, startedAt) {
  const read = Object.keys(metafile.inputs).filter((f) => !f.includes('node_modules/') && !f.includes(':'));
  const inputs = [...new Set([...ALWAYS, ...read])].filter((f) => existsSync(join(root, f)));
  return { file: MANIFEST, text: JSON.stringify({ startedAt, inputs }) };
}

/** The first input changed since the last build (or why there is no usable build), else null. */
export function staleInput(root) {
  let built;
  try {
    built = JSON.parse(readFileSync(join(root, 'dist', MANIFEST), 'utf8'));
  } catch {
    return 'dist/' + MANIFEST;
  }
  for (const f of built.inputs) {
    // A file changed while the last build ran counts as newer: its edit may have come too late.
    const mtime = statSync(join(root, f), { throwIfNoEntry: false })?.mtimeMs;
    if (mtime === undefined || mtime >= built.startedAt) return f;
  }
  return null;
}
