import type { Command } from 'commander';
import { faultDetail, Refusal, refusalParams } from '../app/errors';
import { getLog, logFile, setLogContext, settleLogs } from '../app/log';
import { ConfigError, loadConfig } from '../config/load';
import type { Config } from '../config/schema';
import type { Lang } from '../domain/money';
import { t } from '../i18n/messages';
import { embeddedIsNew } from '../app/connect';
import { EXIT, messageOf, writeError, type CliIo } from './io';
import { progressNote } from './progress';

/** The options every command takes (declared once, on the program). */
export interface GlobalOptions {
  terminal?: string;
  lang?: 'fr' | 'en';
  json?: boolean;
  quiet?: boolean;
  allowOwner?: boolean;
}

/** What a command body gets: the configuration with the global options applied. */
export interface Ctx {
  config: Config;
  json: boolean;
  /** --quiet: no progress on standard error. */
  quiet?: boolean;
  /** True when --terminal was typed; otherwise config.terminal is this till's own. */
  terminalGiven: boolean;
  io: CliIo;
}

/** A command body resolves with its exit code, or nothing for success. */
export type Body = (ctx: Ctx) => Promise<number | void>;
export type Runner = (command: Command, body: Body) => Promise<void>;

/**
 * --terminal and --lang go in as the POS_TERMINAL / POS_LANG the configuration already reads,
 * so they win over every file and the per-terminal file of the chosen till is the one read.
 */
function envWith(env: NodeJS.ProcessEnv, opts: GlobalOptions): NodeJS.ProcessEnv {
  return { ...env, ...(opts.terminal !== undefined && { POS_TERMINAL: opts.terminal }), ...(opts.lang && { POS_LANG: opts.lang }), ...(opts.allowOwner && { POS_DB_ALLOW_OWNER: 'true' }) };
}

/**
 * The language of a command line before it is parsed: --lang when it names one, else the
 * configuration's (POS_LANG, config files), so that commander's own errors speak it too.
 */
export function cliLang(root: string, args: readonly string[], env: NodeJS.ProcessEnv): Lang {
  const at = args.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const given = at < 0 ? undefined : args[at]!.startsWith('--lang=') ? args[at]!.slice('--lang='.length) : args[at + 1];
  if (given === 'fr' || given === 'en') return given;
  try {
    return loadConfig({ root, env }).lang;
  } catch {
    return env.POS_LANG === 'en' ? 'en' : 'fr'; // the command will say what is wrong with the configuration
  }
}

function reportFault(ctx: Ctx, command: string, error: unknown): number {
  let log = logFile(ctx.config.dataDir);
  try {
    getLog(ctx.config.dataDir).error({ err: error, command }, 'command failed');
  } catch {
    log = '—'; // the data folder cannot be written: say what failed all the same
  }
  writeError(ctx.io, t(ctx.config.lang, 'fault', { detail: faultDetail(error), log }));
  return EXIT.fault;
}

/**
 * Loads the configuration with the global options, runs the body, and turns what went wrong
 * into one line and an exit code. `path` names the command in the log.
 */
export async function outcome(root: string, io: CliIo, opts: GlobalOptions, path: string, body: Body): Promise<number> {
  let config: Config;
  try {
    config = loadConfig({ root, env: envWith(io.env, opts) });
  } catch (error) {
    // Without a configuration there is no data folder to log in: the line is all there is.
    writeError(io, error instanceof ConfigError ? error.message : `pos: ${messageOf(error)}`);
    return error instanceof ConfigError ? EXIT.usage : EXIT.fault;
  }
  const ctx: Ctx = { config, json: opts.json === true, quiet: opts.quiet === true, terminalGiven: opts.terminal !== undefined, io };
  setLogContext({ till: config.terminal });
  try {
    return (await body(ctx)) ?? EXIT.ok;
  } catch (error) {
    if (!(error instanceof Refusal)) return reportFault(ctx, path, error);
    writeError(io, t(config.lang, error.key, refusalParams(error, config.lang)));
    return EXIT.refused;
  }
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Runs command bodies: loads the configuration, turns refusals and faults into one line and an exit code. */
export function runner(root: string, io: CliIo): Runner {
  // The first command on a new machine makes the embedded database: it says so rather than stay silent.
  const noted = (body: Body): Body => (ctx) => {
    if (embeddedIsNew(ctx.config)) progressNote(ctx, 'progress.preparingDemo');
    return body(ctx);
  };
  return async (command, body) => {
    const code = await outcome(root, io, command.optsWithGlobals<GlobalOptions>(), commandPath(command), noted(body));
    // The log's lines reach their file before the process ends.
    await settleLogs();
    io.exit(code);
  };
}
