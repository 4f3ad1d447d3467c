import type { Command } from 'commander';
import { FULL_CHAIN, SMALL_CHAIN, type ChainSizes } from '../../bench/chain/types';
import type { Lang } from '../../domain/money';
import { t, type MessageKey, type Params } from '../../i18n/messages';
import type { Runner } from '../context';
import { EXIT, writeError } from '../io';

// `pos bench --chain`: a chain-sized database and N tills selling at once, against pgbench on
// the same server. Its code is loaded only when it runs (a chunk of its own in the bundle).

interface RawOptions {
  chain?: boolean;
  small?: boolean;
  stores?: string;
  tills?: string;
  items?: string;
  customers?: string;
  vouchers?: string;
  giftCards?: string;
  ledgerRows?: string;
  couponCodes?: string;
  tickets?: string;
  clients: string;
  runs: string;
  seconds: string;
  hotVouchers: string;
  scans: string;
  server?: string;
  poolerUrl?: string;
  database: string;
  keep?: boolean;
}

const SIZE_OPTIONS: [keyof ChainSizes, string, string][] = [
  ['stores', '--stores <n>', 'stores'],
  ['tills', '--tills <n>', 'tills, spread over the stores'],
  ['items', '--items <n>', 'items'],
  ['customers', '--customers <n>', 'customers, each with a loyalty card'],
  ['vouchers', '--vouchers <n>', 'vouchers'],
  ['giftCards', '--gift-cards <n>', 'gift cards'],
  ['ledgerRows', '--ledger-rows <n>', 'voucher and gift card ledger rows together'],
  ['couponCodes', '--coupon-codes <n>', 'coupon codes'],
  ['tickets', '--tickets <n>', 'past tickets'],
];

const MAX_SIZE = 1_000_000_000;
const MAX_CLIENTS = 1000;

class BadOption extends Error {
  constructor(
    readonly option: string,
    readonly value: string,
    readonly expected: MessageKey,
    readonly params: Params = {},
  ) {
    super(option);
  }
}

function count(option: string, text: string, min: number, max: number): number {
  const n = /^\s*\d{1,10}\s*$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) throw new BadOption(option, text, 'bench.chain.expect.count', { min, max });
  return n;
}

function postgresUrl(option: string, text: string): string {
  if (!/^postgres(ql)?:\/\/\S+$/.test(text)) throw new BadOption(option, text, 'bench.chain.expect.url');
  try {
    new URL(text);
  } catch {
    throw new BadOption(option, text, 'bench.chain.expect.url');
  }
  return text;
}

/** Every option read and checked before anything is done: the first wrong one is said. */
export function readBenchOptions(o: RawOptions) {
  const base = o.small ? SMALL_CHAIN : FULL_CHAIN;
  const sizes = { ...base };
  for (const [key, flag] of SIZE_OPTIONS) {
    const given = o[key];
    if (given !== undefined) sizes[key] = count(flag.split(' ')[0]!, given, 1, MAX_SIZE);
  }
  if (sizes.tills < sizes.stores) throw new BadOption('--tills', String(sizes.tills), 'bench.chain.expect.tills');
  if (sizes.ledgerRows < sizes.vouchers + sizes.giftCards) throw new BadOption('--ledger-rows', String(sizes.ledgerRows), 'bench.chain.expect.ledger');
  const parts = o.clients.split(',').map((s) => s.trim());
  const clients = parts.map((p) => (/^\d{1,4}$/.test(p) ? Number(p) : NaN));
  if (clients.length === 0 || clients.some((c) => !(c >= 1 && c <= MAX_CLIENTS))) throw new BadOption('--clients', o.clients, 'bench.chain.expect.clients', { max: MAX_CLIENTS });
  // Made afresh and dropped: never a name a shop's database could have.
  if (!/^pos_bench[a-z0-9_]{0,40}$/.test(o.database)) throw new BadOption('--database', o.database, 'bench.chain.expect.database');
  return {
    sizes,
    clients: [...new Set(clients)],
    runs: count('--runs', o.runs, 1, 100),
    seconds: count('--seconds', o.seconds, 1, 3600),
    hotVouchers: count('--hot-vouchers', o.hotVouchers, 1, 10_000),
    scans: count('--scans', o.scans, 0, 100_000),
    server: o.server === undefined ? null : postgresUrl('--server', o.server),
    poolerUrl: o.poolerUrl === undefined ? null : postgresUrl('--pooler-url', o.poolerUrl),
    database: o.database,
    keep: o.keep === true,
  };
}

function badOption(lang: Lang, e: BadOption): string {
  return t(lang, 'bench.chain.badOption', { option: e.option, value: e.value, expected: t(lang, e.expected, e.params) });
}

export function registerBench(program: Command, run: Runner): void {
  const bench = program
    .command('bench')
    .description('measure the till at a chain’s scale (--chain): a generated chain, N tills selling at once against pgbench on the same server, hot vouchers, look-ups, reports, scan to frame under load, then pos check; exit 1 if an invariant broke')
    .option('--chain', 'the chain bench: generate the chain, then load it')
    .option('--small', 'a small chain that builds in seconds (CI), instead of the issue’s full one');
  for (const [key, flag, what] of SIZE_OPTIONS) bench.option(flag, `${what} (default: ${FULL_CHAIN[key].toLocaleString('en')}; --small: ${SMALL_CHAIN[key].toLocaleString('en')})`);
  bench
    .option('--clients <list>', 'tills selling at once, one load per count', '1,4,16,64')
    .option('--runs <n>', 'runs of each measure: the median, the lowest and the highest are shown', '3')
    .option('--seconds <n>', 'seconds each run lasts', '10')
    .option('--hot-vouchers <n>', 'vouchers every till draws on now and then, on purpose', '4')
    .option('--scans <n>', 'barcodes typed at the built till on a pseudo-terminal under load (0: not measured)', '200')
    .option('--server <url>', 'the PostgreSQL server, as a superuser (default: the configured one, else the embedded one)')
    .option('--pooler-url <url>', 'the bench database through a pooler (PgBouncer, transaction mode): sales also measured through it')
    .option('--database <name>', 'the bench’s own database on the server, made afresh and dropped at the end', 'pos_bench_chain')
    .option('--keep', 'keep the bench database at the end')
    .action((o: RawOptions, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { lang } = ctx.config;
        if (!o.chain) {
          writeError(ctx.io, t(lang, 'bench.chain.needChain'));
          return EXIT.usage;
        }
        let opts: ReturnType<typeof readBenchOptions>;
        try {
          opts = readBenchOptions(o);
        } catch (e) {
          if (!(e instanceof BadOption)) throw e;
          writeError(ctx.io, badOption(lang, e));
          return EXIT.usage;
        }
        const { runChainCommand } = await import('../../bench/chain/command');
        return runChainCommand(ctx, opts);
      }),
    );
}
