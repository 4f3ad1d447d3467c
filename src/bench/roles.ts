// Measure 11: what the till role costs. The same tills commit whole sales as a login user of
// pos_till (grants checked on every statement, the ticket counter and the balances moved by
// SECURITY DEFINER functions and triggers) and as the owner of the tables, in the same run, in
// alternating rounds so that any drift of the machine falls on both alike.
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { ensureTillLogin } from '../data/roles';
import { measureCommits } from './commits';

export const BENCH_TILL_USER = 'pos_bench_till';

export interface RoleRun {
  commits: number;
  seconds: number;
  perSecond: number;
}

export interface RolesResult {
  till: RoleRun;
  owner: RoleRun;
  rounds: number;
  errors: string[];
}

export interface RolesOptions {
  url: string;
  tills: number;
  linesPerSale: number;
  /** Seconds each role commits, over all its rounds. */
  seconds: number;
  rounds: number;
}

/** `owner` is the bench's own handle (it ran the migrations): it makes the bench's till user. */
export async function measureRoles(owner: Knex, opts: RolesOptions): Promise<RolesResult> {
  const password = randomBytes(12).toString('base64url');
  await ensureTillLogin(owner, BENCH_TILL_USER, password);
  const till = new URL(opts.url);
  till.username = BENCH_TILL_USER;
  till.password = password;
  const runs = { till: { commits: 0, seconds: 0 }, owner: { commits: 0, seconds: 0 } };
  const errors: string[] = [];
  for (let round = 0; round < opts.rounds; round++) {
    const order: ('till' | 'owner')[] = round % 2 === 0 ? ['owner', 'till'] : ['till', 'owner'];
    for (const who of order) {
      const r = await measureCommits({ url: who === 'till' ? till.toString() : opts.url, tills: opts.tills, linesPerSale: opts.linesPerSale, seconds: opts.seconds / opts.rounds });
      runs[who].commits += r.commits;
      runs[who].seconds += r.seconds;
      errors.push(...r.errors.map((e) => `${who}: ${e}`));
    }
  }
  const rate = (x: { commits: number; seconds: number }): RoleRun => ({ ...x, perSecond: x.commits / x.seconds });
  return { till: rate(runs.till), owner: rate(runs.owner), rounds: opts.rounds, errors: errors.slice(0, 5) };
}
