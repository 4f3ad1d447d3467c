// `pos bench --chain` through the built bundle: a small chain, two loads, pgbench beside them,
// a till scanning on a pseudo-terminal, then pos check; and its options refused before anything is done.
import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { serverQuery, withDatabase } from '../../data/db';
import { useCli } from '../testCli';

describe('pos bench --chain', () => {
  const { pos } = useCli();
  const server = () => inject('pgServerUrl');

  it('builds a small chain, loads it, and says every invariant held, as one JSON document', async () => {
    const database = `pos_bench_chain_${randomBytes(4).toString('hex')}`;
    // No PgBouncer here: the database itself stands for the pooler, so the path through one runs.
    const pooler = withDatabase(server(), database);
    const r = await pos('bench', '--chain', '--small', '--clients', '1,2', '--runs', '1', '--seconds', '1', '--scans', '3', '--pooler-url', pooler, '--json', '--quiet', '--server', server(), '--database', database);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(true);
    expect(doc.check).toMatchObject({ ok: true, breaks: [] });
    expect(doc.generated.sizes).toMatchObject({ stores: 3, tills: 12 });
    expect(doc.sales.map((s: { tills: number }) => s.tills)).toEqual([1, 2]);
    for (const s of doc.sales) {
      expect(s.per_second.median).toBeGreaterThan(0);
      expect(s.per_second.runs).toHaveLength(1);
      // pgbench is on the test machine: the ratio is measured beside each load.
      expect(s.pgbench_tps.median).toBeGreaterThan(0);
      expect(s.ratio.median).toBeGreaterThan(0);
      // The server is on this machine: what a sale costs in CPU, the till code and the server, beside a TPC-B transaction.
      for (const figure of ['till_ms_per_sale', 'server_ms_per_sale', 'pgbench_ms_per_transaction', 'server_ms_per_transaction', 'server_ratio']) {
        expect(s.cpu[figure].median, figure).toBeGreaterThan(0);
      }
    }
    expect(doc.pooler).toMatchObject({ tills: 2, errors: [] });
    expect(doc.pooler.pooled.median).toBeGreaterThan(0);
    expect(doc.pooler.ratio.median).toBeGreaterThan(0);
    expect(doc.hot_voucher).toMatchObject({ tills: 2, vouchers: 4 });
    expect(doc.hot_voucher.per_second.median).toBeGreaterThan(0);
    expect(doc.hot_voucher.debit_per_second.median).toBeGreaterThan(0);
    expect(doc.reports.map((x: { kind: string }) => x.kind)).toEqual(['sales', 'payments', 'liabilities', 'giftcards']);
    expect(doc.scan).toMatchObject({ tills: 2, n: 3, errors: [] });
    expect(doc.scan.p99_ms).toBeGreaterThan(0);
    expect(doc.targets.map((x: { measure: string }) => x.measure)).toContain('hot_vouchers_vs_bare_update');
    // Dropped at the end, its pgbench databases with it.
    const left = await serverQuery(server(), 'SELECT datname FROM pg_database WHERE datname LIKE $1', [`${database}%`]);
    expect(left.rows).toEqual([]);
  }, 120_000);

  it.each([
    [['--clients', '0'], /^Valeur invalide pour --clients : « 0 » \(liste de nombres entiers/],
    [['--seconds', 'x'], /^Valeur invalide pour --seconds : « x » \(nombre entier de 1 à 3600\)$/],
    [['--stores', '-1'], /^Valeur invalide pour --stores : « -1 »/],
    [['--runs', '1.5'], /^Valeur invalide pour --runs : « 1\.5 »/],
    [['--small', '--tills', '2'], /^Valeur invalide pour --tills : « 2 » \(au moins autant de caisses que de magasins\)$/],
    [['--pooler-url', 'pgbouncer:6432'], /^Valeur invalide pour --pooler-url : « pgbouncer:6432 » \(URL postgres/],
    [['--database', 'pos'], /^Valeur invalide pour --database : « pos » \(un nom commençant par pos_bench/],
  ])('refuses %j with exit 2 and one line, doing nothing', async (args, message) => {
    const r = await pos('bench', '--chain', '--server', 'postgres://nobody@127.0.0.1:1/postgres', ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr.trim()).toMatch(message);
  });

  it('asks for --chain, and refuses a user who may not create databases', async () => {
    expect(await pos('bench')).toMatchObject({ code: 2, stdout: '', stderr: 'pos bench mesure la chaîne : ajoutez --chain\n' });
    // DATABASE_URL is the test's till user: it may not make the bench's database.
    const r = await pos('bench', '--chain', '--small');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Le banc d’essai crée sa propre base et la charge comme une restauration : \S+ n’est pas superutilisateur de postgres:\/\/[^\n]*superutilisateur\n$/);
  });
});
