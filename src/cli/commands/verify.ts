import { readFileSync } from 'node:fs';
import { headsPath } from '../../app/closings/heads';
import type { Command } from 'commander';
import { refuse } from '../../app/errors';
import { checkArchive, keyIdOf } from '../../app/fiscal/archive/check';
import { journalEvent } from '../../app/fiscal/journal';
import { findTerminal } from '../../data/places';
import { verifyChains, type ChainHead, type VerifyOptions, type VerifyResult } from '../../app/fiscal/verify';
import { parseDay } from '../../domain/day';
import { t } from '../../i18n/messages';
import { parseDayArg } from '../args';
import type { Ctx, Runner } from '../context';
import { withDatabase } from '../connection';
import { EXIT, writeError } from '../io';
import { emit } from '../output';

/**
 * `pos verify`: every fiscal chain (sealed tickets, journal, notes, closings) re-computed from
 * the tables; exits 1 naming each broken link (which record, what differs). The data folder's
 * signed heads file (written at each closing) is read by default, so that links taken off a
 * chain's end show; `--head FILE` gives another heads file, or a plain JSON list of ChainHead.
 */
export function registerVerify(program: Command, run: Runner): void {
  program
    .command('verify')
    .description('re-compute every fiscal chain (sealed tickets, technical journal, notes, closings) and name the first broken links; exit 1 if any')
    .option('--from <day>', 'first day, JJ/MM/AAAA or AAAA-MM-JJ (default: the first link)')
    .option('--to <day>', 'last day, included (default: the last link)')
    .option('--archive <file>', 'check an archive file (pos archive) on its own, without the database')
    .option('--public-key <file>', 'the store’s public key exported beforehand (pos close key --export): checks the closings’ (or the archive’s) signatures with it, not with the key the database (or the archive) holds')
    .option('--head <file>', 'chain heads kept outside the database (a heads file, or a JSON list), to find links deleted from the end (default: the data folder’s heads file)')
    .action((opts: { from?: string; to?: string; head?: string; archive?: string; publicKey?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        if (opts.archive) return verifyArchive(ctx, opts.archive, opts.publicKey);
        const { timeZone } = ctx.config;
        const day = (text: string) => {
          const d = parseDay(text);
          if (!d) refuse('fiscal.verify.badDate', { value: text });
          return parseDayArg(d, timeZone);
        };
        const options: VerifyOptions = {
          ...(opts.from && { from: day(opts.from).from }),
          ...(opts.to && { to: day(opts.to).to }),
          ...(ctx.terminalGiven && { terminal: ctx.config.terminal }),
          ...headsOption(opts.head, ctx.config.dataDir),
          ...(opts.publicKey && { publicKeys: publicKeysOf(opts.publicKey) }),
        };
        const result = await withDatabase(ctx.config, async (db) => {
          const r = await verifyChains(db, options);
          // What was found is an anomaly of this till's technical journal (when the database knows the till).
          const till = r.ok ? null : await findTerminal(db, ctx.config.terminal);
          if (till) await journalEvent(db, { terminalId: till.id, kind: 'anomaly', details: { found_by: 'verify', breaks: r.breaks.length, first: t('en', r.breaks[0]!.key, r.breaks[0]!.params) } });
          return r;
        });
        return say(ctx, result);
      }),
    );
}

/** The heads to expect: a signed heads file (the data folder's by default), or a plain list given by hand. */
function headsOption(file: string | undefined, dataDir: string): Pick<VerifyOptions, 'headsFile' | 'expectedHeads'> {
  if (file === undefined) return { headsFile: headsPath(dataDir) };
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return refuse('fiscal.verify.badHead', { file });
  }
  if (doc && typeof doc === 'object' && 'closings' in doc && 'signature' in doc) return { headsFile: file };
  return { expectedHeads: readHeads(file) };
}

function readHeads(file: string): ChainHead[] {
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    const list = (Array.isArray(doc) ? doc : (doc as { heads?: unknown }).heads) as ChainHead[];
    if (!Array.isArray(list) || list.some((h) => typeof h.chain !== 'string' || typeof h.terminalId !== 'number' || typeof h.seq !== 'number' || typeof h.hash !== 'string')) throw new Error('shape');
    return list;
  } catch {
    return refuse('fiscal.verify.badHead', { file });
  }
}

/** An exported public key, by its key id (as the closings name it). */
function publicKeysOf(file: string): Record<string, string> {
  try {
    const pem = readFileSync(file, 'utf8');
    return { [keyIdOf(pem)]: pem };
  } catch {
    return refuse('archive.verify.badKeyFile', { file });
  }
}

/** `pos verify --archive FILE`: the archive alone, no database opened. */
function verifyArchive(ctx: Ctx, file: string, keyFile: string | undefined): number {
  const { lang } = ctx.config;
  let bytes: Buffer;
  let key: string | undefined;
  try {
    bytes = readFileSync(file);
  } catch {
    return refuse('fiscal.verify.badHead', { file });
  }
  if (keyFile) {
    try {
      key = readFileSync(keyFile, 'utf8');
    } catch {
      return refuse('archive.verify.badKeyFile', { file: keyFile });
    }
  }
  const r = checkArchive(bytes, key);
  const breaks = r.breaks.map((b) => ({ where: b.where, seq: b.seq, message: t(lang, b.key, b.params) }));
  const doc = { ok: r.ok, period: r.body?.period ?? null, store: r.body?.store.code ?? null, links: r.links, closings: r.closings, key_id: r.keyId, key_given: keyFile !== undefined, breaks };
  emit(ctx, doc, () => (r.ok
    ? [t(lang, 'archive.verify.ok', { period: r.body!.period, store: r.body!.store.name, links: r.links, closings: r.closings, keyId: r.keyId ?? '-' }), ...(keyFile ? [] : [t(lang, 'archive.verify.embeddedKey', { keyId: r.keyId ?? '-' })])]
    : breaks.map((b) => b.message)));
  if (r.ok) return EXIT.ok;
  writeError(ctx.io, t(lang, 'fiscal.verify.broken', { n: r.breaks.length }));
  return EXIT.refused;
}

function say(ctx: Ctx, r: VerifyResult): number {
  const { lang } = ctx.config;
  const doc = {
    ok: r.ok,
    links: r.links,
    breaks: r.breaks.map((b) => ({ chain: b.chain, terminal: b.terminal, seq: b.seq, kind: b.kind, ref: b.ref, field: b.field, sealed: b.sealed, found: b.found, message: t(lang, b.key, b.params) })),
  };
  emit(ctx, doc, () => (r.ok ? [t(lang, 'fiscal.verify.ok', { links: r.links })] : doc.breaks.map((b) => b.message)));
  if (r.ok) return EXIT.ok;
  writeError(ctx.io, t(lang, 'fiscal.verify.broken', { n: r.breaks.length }));
  return EXIT.refused;
}
