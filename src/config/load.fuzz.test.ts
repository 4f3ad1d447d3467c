import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import defaults from '../../config/default.json';
import { ConfigError, loadConfig } from './load';

// Configuration files and variables of any content: the till starts with what they say, or
// refuses them with one line naming what is wrong; never a crash or a trace.

const SCALE = Number(process.env.FC_SCALE ?? 1);
const root = mkdtempSync(join(tmpdir(), 'pos-config-fuzz-'));
mkdirSync(join(root, 'config', 'terminals'), { recursive: true });
afterAll(() => rmSync(root, { recursive: true, force: true }));

type Tree = { [key: string]: unknown };

/** Every path to a leaf of the defaults. */
function leaves(tree: Tree, path: string[] = []): string[][] {
  return Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) ? leaves(v as Tree, [...path, k]) : [[...path, k]]));
}
const LEAVES = leaves(defaults as Tree);

function setAt(tree: Tree, path: string[], value: unknown): Tree {
  const [head, ...rest] = path;
  const copy: Tree = { ...tree };
  copy[head!] = rest.length === 0 ? value : setAt((tree[head!] ?? {}) as Tree, rest, value);
  return copy;
}

/** Loads, and says how it went: the config, or the refusal (which must be a ConfigError on one line). */
function load(env: NodeJS.ProcessEnv = {}): 'loaded' | 'refused' {
  try {
    const config = loadConfig({ root, env });
    expect(typeof config.terminal).toBe('string');
    return 'loaded';
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toMatch(/[\r\n]|\bat .+:\d+:\d+|\u001b/);
    return 'refused';
  }
}

const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom(-1, 0, 1e308, 2 ** 53 + 1, '', '\n', '__proto__', 'true', null));
const key = fc.oneof(fc.constantFrom(...LEAVES.map((p) => p.join('.'))), fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString'));

describe('configuration of any content', () => {
  it('names a key or value holding a line break on one line (found by this fuzz)', () => {
    writeFileSync(join(root, 'config', 'local.json'), '{"lang":"en","x\\ny\\u001b[2J":1}');
    expect(() => loadConfig({ root, env: {} })).toThrow(new ConfigError('invalid configuration: x\\ny\\u001b[2J: Unrecognized key: "x\\ny\\u001b[2J"'));
  });

  it('config/local.json of any bytes or any JSON: loaded or refused on one line', () => {
    const file = fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.constantFrom('{"__proto__": {"lang": "en"}}', '{"constructor": {"prototype": {"x": 1}}}', '{"db": {"__proto__": null}}', '{"keys": {"help": []}}', '\ufeff{}', '{"lang":"en","x\\ny":1}'),
    );
    fc.assert(fc.property(file, (content) => {
      writeFileSync(join(root, 'config', 'local.json'), content);
      load();
    }), { numRuns: 150 * SCALE });
  });

  it('the defaults with one setting replaced by anything (or an unknown one added): loaded or refused on one line', () => {
    fc.assert(fc.property(fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 3 }), (changes) => {
      let tree: Tree = {};
      for (const [k, v] of changes) tree = setAt(tree, k.split('.'), v);
      writeFileSync(join(root, 'config', 'local.json'), JSON.stringify(tree));
      load();
    }), { numRuns: 150 * SCALE });
  });

  it('POS_* variables of any value: loaded or refused on one line', () => {
    writeFileSync(join(root, 'config', 'local.json'), '{}');
    const envName = (path: string[]) => 'POS_' + path.map((p) => p.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()).join('_');
    const variable = fc.tuple(fc.constantFrom(...LEAVES.map(envName), 'POS_CONFIG', 'DATABASE_URL'), fc.string({ unit: 'binary', maxLength: 30 }).map((s) => s.replace(/\u0000/g, '')));
    fc.assert(fc.property(fc.array(variable, { minLength: 1, maxLength: 4 }), (vars) => {
      load(Object.fromEntries(vars));
    }), { numRuns: 150 * SCALE });
  });
});
