// Measure: what PgBouncer in transaction mode costs the tills of a chain. The same tills commit
// whole sales straight to the server and through a local pooler before it, in the same run, in
// alternating rounds so that any drift of the machine falls on both alike.
import { startBouncer } from '../testing/cluster';
import { missingToolReason } from '../testing/tools';
import { measureCommits } from './commits';
import { line, section, type SummaryRow } from './report';
import { ratio } from './stats';

export const POOLER_TARGET = 0.9;

export interface PoolerRun {
  commits: number;
  seconds: number;
  perSecond: number;
}

export type PoolerResult = { skipped: string } | { direct: PoolerRun; pooled: PoolerRun; rounds: number; errors: string[] };

export interface PoolerOptions {
  /** The bench database's URL: the pooler is put before its server, with its user's login. */
  url: string;
  tills: number;
  linesPerSale: number;
  /** Seconds each way commits, over all its rounds. */
  seconds: number;
  rounds: number;
}

export async function measurePooler(opts: PoolerOptions): Promise<PoolerResult> {
  const missing = missingToolReason('pgbouncer');
  if (missing) return { skipped: missing };
  const u = new URL(opts.url);
  // The pooler logs in to the server as the bench does (DATABASE_URL's user, or the embedded server's).
  const bouncer = await startBouncer(opts.url, { [decodeURIComponent(u.username)]: decodeURIComponent(u.password) });
  try {
    const urls = { direct: opts.url, pooled: bouncer.through(opts.url) };
    const runs = { direct: { commits: 0, seconds: 0 }, pooled: { commits: 0, seconds: 0 } };
    const errors: string[] = [];
    for (let round = 0; round < opts.rounds; round++) {
      const order: ('direct' | 'pooled')[] = round % 2 === 0 ? ['direct', 'pooled'] : ['pooled', 'direct'];
      for (const way of order) {
        const r = await measureCommits({ url: urls[way], tills: opts.tills, linesPerSale: opts.linesPerSale, seconds: opts.seconds / opts.rounds });
        runs[way].commits += r.commits;
        runs[way].seconds += r.seconds;
        errors.push(...r.errors.map((e) => `${way}: ${e}`));
      }
    }
    const rate = (x: { commits: number; seconds: number }): PoolerRun => ({ ...x, perSecond: x.commits / x.seconds });
    return { direct: rate(runs.direct), pooled: rate(runs.pooled), rounds: opts.rounds, errors: errors.slice(0, 5) };
  } finally {
    await bouncer.close();
  }
}

export function reportPooler(r: PoolerResult, setup: { tills: number; lines: number; number: number }): SummaryRow[] {
  const measure = `Commits/s through PgBouncer ÷ direct (${setup.tills} tills)`;
  if ('skipped' in r) {
    section(`${setup.number}. Tills through PgBouncer (transaction mode): not run`);
    line('skipped', r.skipped);
    return [{ measure, figure: `skipped: ${r.skipped}`, target: `≥ ${POOLER_TARGET}×`, met: null }];
  }
  section(`${setup.number}. Tills through PgBouncer (transaction mode, 8 server connections) against direct: ${setup.tills} tills, ${setup.lines} lines a sale, ${r.rounds} alternating rounds each`);
  line('direct to the server', `${r.direct.perSecond.toFixed(1)} sales/s  (${r.direct.commits} in ${r.direct.seconds.toFixed(1)} s)`);
  line('through the pooler', `${r.pooled.perSecond.toFixed(1)} sales/s  (${r.pooled.commits} in ${r.pooled.seconds.toFixed(1)} s)`);
  const vs = r.pooled.perSecond / r.direct.perSecond;
  line('ratio pooler ÷ direct', ratio(vs));
  for (const e of r.errors) line('  an error', e);
  return [{ measure, figure: `${r.pooled.perSecond.toFixed(0)}/s ÷ ${r.direct.perSecond.toFixed(0)}/s = ${ratio(vs)}`, target: `≥ ${POOLER_TARGET}×`, met: vs >= POOLER_TARGET }];
}
