import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import fr from 'zod/v4/locales/fr.js';
import defaults from '../../config/default.json';
import { oneLine } from '../domain/oneLine';
import { isMessageKey, t } from '../i18n/messages';
import { configSchema, SCREEN_COMMANDS, type Config } from './schema';

/** A configuration refused; its message is one line, whatever the file held (keys, values and JSON errors are echoed). */
export class ConfigError extends Error {
  constructor(message: string) {
    super(oneLine(message));
  }
}

type Tree = { [key: string]: unknown };

function isTree(v: unknown): v is Tree {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function merge(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isTree(v) && isTree(base[k]) ? merge(base[k] as Tree, v) : v;
  return out;
}

function readJson(file: string, lang: string): Tree {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError(lang === 'en' ? `configuration ${file}: not valid JSON (${(e as Error).message})` : `configuration ${file} : JSON invalide (${(e as Error).message})`);
  }
  if (!isTree(parsed)) throw new ConfigError(`configuration ${file}: { … }`);
  return parsed;
}

/** POS_DB_EMBEDDED_PORT → db.embedded.port, named after the leaves of the defaults. */
function envName(path: string[]): string {
  return 'POS_' + path.map((p) => p.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()).join('_');
}

function fromEnv(env: NodeJS.ProcessEnv, shape: Tree, path: string[] = []): Tree {
  const out: Tree = {};
  for (const [k, def] of Object.entries(shape)) {
    const here = [...path, k];
    if (isTree(def)) {
      const sub = fromEnv(env, def, here);
      if (Object.keys(sub).length > 0) out[k] = sub;
      continue;
    }
    const raw = env[envName(here)];
    if (raw === undefined) continue;
    if (typeof def === 'number') out[k] = raw.trim() !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
    else if (Array.isArray(def)) out[k] = raw.split(',').map((s) => s.trim()).filter(Boolean);
    else if (typeof def === 'boolean') out[k] = /^(true|1|on|yes)$/i.test(raw.trim()) ? true : /^(false|0|off|no)$/i.test(raw.trim()) ? false : raw;
    else out[k] = raw;
  }
  return out;
}

export interface LoadOptions {
  /** The project folder: config/ is read from it and relative paths are resolved against it. */
  root: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * defaults (config/default.json) ← config/local.json (this machine) ← $POS_CONFIG ←
 * config/terminals/<terminal>.json (per-terminal, kept with the project) ← POS_* environment.
 */
export function loadConfig({ root, env = process.env }: LoadOptions): Config {
  const envTree = fromEnv(env, defaults as Tree);
  if (env.DATABASE_URL && !env.POS_DB_URL) envTree.db = merge(isTree(envTree.db) ? envTree.db : {}, { url: env.DATABASE_URL });
  if (env.DATABASE_OWNER_URL && !env.POS_DB_OWNER_URL) envTree.db = merge(isTree(envTree.db) ? envTree.db : {}, { ownerUrl: env.DATABASE_OWNER_URL });
  const langGuess = env.POS_LANG === 'en' ? 'en' : 'fr';

  let tree = defaults as Tree;
  const local = join(root, 'config', 'local.json');
  if (existsSync(local)) tree = merge(tree, readJson(local, langGuess));
  if (env.POS_CONFIG) tree = merge(tree, readJson(resolve(root, env.POS_CONFIG), langGuess));
  const terminal = String((envTree.terminal ?? tree.terminal) as string);
  const perTerminal = join(root, 'config', 'terminals', `${terminal}.json`);
  if (/^[A-Za-z0-9_-]+$/.test(terminal) && existsSync(perTerminal)) tree = merge(tree, readJson(perTerminal, langGuess));
  tree = merge(tree, envTree);

  const lang = tree.lang === 'en' ? 'en' : 'fr';
  z.config(lang === 'en' ? en() : fr());
  const result = configSchema.safeParse(tree);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = (issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path).map(String);
    const key = path.join('.') || '(root)';
    const envHint = path.length > 0 && issue.code !== 'unrecognized_keys' ? ` [${envName(path)}]` : '';
    const message = isMessageKey(issue.message) ? t(lang, issue.message) : issue.message;
    throw new ConfigError(
      lang === 'en'
        ? `invalid configuration: ${key}${envHint}: ${message}`
        : `configuration invalide : ${key}${envHint} : ${message}`,
    );
  }
  const config = result.data;
  for (const [screen, commands] of Object.entries(SCREEN_COMMANDS)) {
    const seen = new Map<string, string>();
    for (const c of commands) {
      for (const key of config.keys[c]) {
        const other = seen.get(key);
        if (other) throw new ConfigError(t(lang, 'config.keyTwice', { key, first: other, second: c, screen }));
        seen.set(key, c);
      }
    }
  }
  const abs = (p: string) => (isAbsolute(p) ? p : join(root, p));
  return {
    ...config,
    dataDir: abs(config.dataDir),
    receipt: { ...config.receipt, file: abs(config.receipt.file) },
    backup: { ...config.backup, dir: abs(config.backup.dir || join(config.dataDir, 'backups')) },
  };
}
