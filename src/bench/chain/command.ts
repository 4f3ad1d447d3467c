// What `pos bench --chain` loads once its options are read (never at the till's start): the
// server to work on, the bench, and its figures as a table or one JSON document.
import { join } from 'node:path';
import { Refusal } from '../../app/errors';
import type { Config } from '../../config/schema';
import { isConnectionError, maskUrl, serverQuery } from '../../data/db';
import { ensureEmbeddedServer, EmbeddedError } from '../../data/embedded';
import { t } from '../../i18n/messages';
import type { Ctx } from '../../cli/context';
import { EXIT, writeError } from '../../cli/io';
import { emit } from '../../cli/output';
import { runChainBench, type ChainBenchOptions, type ChainBenchResult, type Progress } from './run';
import { chainTable, CHAIN_TARGETS } from './table';

export type ChainCommandOptions = Omit<ChainBenchOptions, 'serverUrl' | 'timeZone' | 'lang'> & { server: string | null };

interface BenchServer {
  url: string;
  release(): Promise<void>;
}

/**
 * --server, else the configured server (as its owner when db.ownerUrl says who), else the
 * embedded server of this till's data folder, as its superuser: a fresh machine benches too.
 */
async function benchServer(config: Config, given: string | null): Promise<BenchServer> {
  const configured = given ?? (config.db.ownerUrl || config.db.url || config.db.urls[0] || null);
  if (configured) return { url: configured, release: async () => undefined };
  try {
    const embedded = await ensureEmbeddedServer({ dir: join(config.dataDir, 'db'), port: config.db.embedded.port, lingerSeconds: config.db.embedded.lingerSeconds });
    return { url: embedded.url, release: () => embedded.release() };
  } catch (error) {
    if (error instanceof EmbeddedError) throw new Refusal('db.embeddedFailed', { reason: error.message });
    throw error;
  }
}

/**
 * The bench makes and drops its own databases and loads the chain in a restore's replication
 * role, which only a superuser may take: said before anything is done when the user is not one.
 */
async function refuseUnlessCreator(url: string): Promise<void> {
  let row: { user: string; can: boolean } | undefined;
  try {
    row = (await serverQuery(url, 'SELECT current_user AS user, rolsuper AS can FROM pg_roles WHERE rolname = current_user')).rows[0];
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (isConnectionError(error) || /^(28|3D)/.test(code)) throw new Refusal('db.unreachable', { url: maskUrl(url), reason: (error as Error).message });
    throw error;
  }
  if (!row?.can) throw new Refusal('bench.chain.cannotCreate', { user: row?.user ?? '?', url: maskUrl(url) });
}

export async function runChainCommand(ctx: Ctx, opts: ChainCommandOptions): Promise<number> {
  const { lang } = ctx.config;
  const began = performance.now();
  const line = (text: string) => {
    if (!ctx.quiet) ctx.io.stderr.write(`[${((performance.now() - began) / 1000).toFixed(1).padStart(6)} s] ${text}\n`);
  };
  const progress: Progress = { step: (key, params) => line(t(lang, key, params)), note: line };
  const server = await benchServer(ctx.config, opts.server);
  try {
    await refuseUnlessCreator(server.url);
    progress.step('bench.chain.step.server', { server: maskUrl(server.url) });
    const result = await runChainBench({ ...opts, serverUrl: server.url, timeZone: ctx.config.timeZone, lang }, progress);
    emit(ctx, chainJson(result), () => chainTable(result, lang, (ctx.io.stdout as Partial<NodeJS.WriteStream>).columns));
    if (result.check.ok) return EXIT.ok;
    writeError(ctx.io, t(lang, 'bench.chain.broken', { n: result.check.breaks.length }));
    return EXIT.refused;
  } finally {
    await server.release();
  }
}

/** The figures as scripts read them: snake_case keys, with the targets and whether they were met. */
function chainJson(r: ChainBenchResult): unknown {
  const at16 = r.sales.find((s) => s.tills === 16);
  const target = (measure: string, ratio: number | null | undefined, goal: number, extra = true) => ({
    measure, target: goal, ratio: ratio ?? null, met: ratio === null || ratio === undefined ? null : ratio >= goal && extra,
  });
  return snake({
    ok: r.check.ok,
    ...r,
    targets: [
      target('sales_16_tills_vs_pgbench_tpcb', at16?.ratio?.median, CHAIN_TARGETS.salesVsTpcb),
      target('sales_through_pooler_vs_direct', r.pooler?.ratio?.median, CHAIN_TARGETS.poolerVsDirect),
      target('hot_vouchers_vs_bare_update', r.hotVoucher.ratio?.median, CHAIN_TARGETS.hotVsBareUpdate, r.check.ok),
      target('hot_voucher_debits_vs_bare_update', r.hotVoucher.debitRatio?.median, CHAIN_TARGETS.hotVsBareUpdate, r.check.ok),
    ],
  });
}

/** Keys of these objects are data (message keys, kinds, table counts): kept as they are. */
const DATA_KEYS = new Set(['refused', 'counts', 'lookups']);

function snake(value: unknown, keepKeys = false): unknown {
  if (Array.isArray(value)) return value.map((v) => snake(v));
  if (value === null || typeof value !== 'object') return typeof value === 'number' && !Number.isFinite(value) ? null : value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [keepKeys ? k : k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), snake(v, DATA_KEYS.has(k))]),
  );
}
