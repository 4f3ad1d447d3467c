// Measure 12: the fiscal seal's cost and `pos verify`'s speed.
// (a) Sales committed per second by the bench tills with the seal and without it, in the same
//     run, in alternating rounds: pos_commit_sale is swapped for its version without the seal
//     (and without the journal of prices changed by hand) between rounds, as the owner.
// (b) `pos verify` (its use case, in process) over a chain-sized shop: a million tickets of two
//     lines on the bench tills, loaded in a database of its own with their seals, chained per
//     till as the commit chains them (records built by records.ts, seals SHA-256 in JS), in the
//     session_replication_role of a restore. Then one run of the built `pos verify --json`.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { GENESIS, sealOf, TICKET_FORMATS, type TicketFacts } from '../app/fiscal/records';
import { verifyChains } from '../app/fiscal/verify';
import { seedDemo } from '../app/seedDemo';
import { openDb, withDatabase } from '../data/db';
import { migrateLatest } from '../data/migrations';
import { measureCommits } from './commits';
import { BENCH_DATABASE, benchTerminalCode } from './database';
import { section, type SummaryRow } from './report';
import { dropDatabase, recreateDatabase } from './server';

export interface SealRateResult {
  sealed: { commits: number; seconds: number; perSecond: number };
  unsealed: { commits: number; seconds: number; perSecond: number };
  rounds: number;
  errors: string[];
}

const SEALED_ANSWER = "'seal', pos_seal_ticket(sale_id, s->'origins'), 'journalled', pos_journal_sale(sale_id, s));";

async function commitFunction(db: Knex): Promise<string> {
  const { rows } = await db.raw<{ rows: { def: string }[] }>("SELECT pg_get_functiondef('pos_commit_sale(jsonb)'::regprocedure) AS def");
  return rows[0]!.def;
}

/** `owner`: the bench's handle that ran the migrations (it may replace the function). */
export async function measureSealRate(owner: Knex, opts: { url: string; tills: number; linesPerSale: number; seconds: number; rounds: number }): Promise<SealRateResult> {
  const sealedDef = await commitFunction(owner);
  if (!sealedDef.includes(SEALED_ANSWER)) throw new Error('bench: pos_commit_sale has no seal where the migrations put it');
  const unsealedDef = sealedDef.replace(`, ${SEALED_ANSWER}`, ');');
  const install = (def: string) => owner.raw(def.replace(/\?/g, '\\?'));
  const runs = { sealed: { commits: 0, seconds: 0 }, unsealed: { commits: 0, seconds: 0 } };
  const errors: string[] = [];
  try {
    for (let round = 0; round < opts.rounds; round++) {
      const order: ('sealed' | 'unsealed')[] = round % 2 === 0 ? ['unsealed', 'sealed'] : ['sealed', 'unsealed'];
      for (const how of order) {
        await install(how === 'sealed' ? sealedDef : unsealedDef);
        const r = await measureCommits({ url: opts.url, tills: opts.tills, linesPerSale: opts.linesPerSale, seconds: opts.seconds / opts.rounds });
        runs[how].commits += r.commits;
        runs[how].seconds += r.seconds;
        errors.push(...r.errors.map((e) => `${how}: ${e}`));
      }
    }
  } finally {
    await install(sealedDef);
  }
  const rate = (x: { commits: number; seconds: number }) => ({ ...x, perSecond: x.commits / x.seconds });
  return { sealed: rate(runs.sealed), unsealed: rate(runs.unsealed), rounds: opts.rounds, errors: errors.slice(0, 5) };
}

export interface VerifyBenchResult {
  tickets: number;
  loadSeconds: number;
  /** verifyChains in process, each run. */
  verifyMs: number[];
  /** The built `pos verify --json`, process start to exit. */
  cliMs: number;
  clean: boolean;
  links: number;
}

interface Item { id: number; sku: string; name: string; price_cents: number; vat_rate_bp: number }

/** Ticket i's facts: two lines of the demo catalogue, paid in cash to the cent. */
function ticketFacts(i: number, terminalId: number, ticketNo: number, storeId: number, items: readonly Item[], base: number): TicketFacts {
  const a = items[i % items.length]!;
  const b = items[(i * 7 + 3) % items.length]!;
  const lines = [a, b].map((it, k) => {
    const qty = 1 + ((i + k) % 3);
    return { lineNo: k + 1, itemId: it.id, sku: it.sku, name: it.name, qty, listPriceCents: it.price_cents, unitPriceCents: it.price_cents, discountCents: 0, ticketDiscountCents: 0, totalCents: it.price_cents * qty, vatRateBp: it.vat_rate_bp, giftCardCode: null, corrects: null };
  });
  const byRate = new Map<number, number>();
  for (const l of lines) byRate.set(l.vatRateBp, (byRate.get(l.vatRateBp) ?? 0) + l.totalCents);
  const vat = [...byRate].map(([rateBp, grossCents]) => {
    const vatCents = Math.round((grossCents * rateBp) / (10000 + rateBp));
    return { rateBp, grossCents, vatCents, netCents: grossCents - vatCents };
  });
  const total = lines.reduce((s, l) => s + l.totalCents, 0);
  const at = new Date(base + i * 2000).toISOString();
  const timeUtc = `${at.slice(0, 19)}.${String((i * 7919) % 1_000_000).padStart(6, '0')}Z`;
  return { storeId, terminalId, ticketNo, timeUtc, operatorId: 1, customerId: null, lines, adjustments: [], vat, totalCents: total, tenders: [{ kind: 'cash', amountCents: total, ref: null }], changeCents: 0 };
}

export async function loadSealedTickets(db: Knex, tickets: number, tills: number, step: (what: string) => void): Promise<void> {
  const store = ((await db('stores').where('code', 'M01').first('id')) as { id: number }).id;
  await db('terminals').insert(Array.from({ length: tills }, (_, i) => ({ code: benchTerminalCode(i), name: `Banc ${i + 1}`, store_id: store }))).onConflict('code').ignore();
  const terminals = ((await db('terminals').where('code', 'like', 'B%').orderBy('id').select('id')) as { id: number }[]).map((t) => t.id);
  const items = (await db('items').where('sku', 'not like', 'BANC-%').orderBy('id').select('id', 'sku', 'name', 'price_cents', 'vat_rate_bp')) as Item[];
  const v1 = TICKET_FORMATS.get(1)!;
  const heads = new Map(terminals.map((t) => [t, { seq: 0, hash: GENESIS }]));
  const base = Date.parse('2026-01-01T07:00:00Z');
  const BATCH = 10_000;
  await db.transaction(async (trx) => {
    await trx.raw('SET LOCAL session_replication_role = replica');
    for (let from = 1; from <= tickets; from += BATCH) {
      const s = { id: [] as number[], key: [] as string[], terminal: [] as number[], no: [] as number[], total: [] as number[], at: [] as string[] };
      const l = { sale: [] as number[], n: [] as number[], item: [] as number[], sku: [] as string[], name: [] as string[], qty: [] as number[], price: [] as number[], total: [] as number[], rate: [] as number[] };
      const v = { sale: [] as number[], rate: [] as number[], gross: [] as number[], vat: [] as number[], net: [] as number[] };
      const f = { terminal: [] as number[], seq: [] as number[], ref: [] as number[], record: [] as string[], prev: [] as string[], hash: [] as string[] };
      for (let i = from; i < Math.min(from + BATCH, tickets + 1); i++) {
        const terminal = terminals[(i - 1) % terminals.length]!;
        const ticketNo = 1 + Math.floor((i - 1) / terminals.length);
        const t = ticketFacts(i, terminal, ticketNo, store, items, base);
        s.id.push(i); s.key.push(`seal-${i}`); s.terminal.push(terminal); s.no.push(ticketNo); s.total.push(t.totalCents); s.at.push(t.timeUtc);
        for (const x of t.lines) { l.sale.push(i); l.n.push(x.lineNo); l.item.push(x.itemId); l.sku.push(x.sku); l.name.push(x.name); l.qty.push(x.qty); l.price.push(x.unitPriceCents); l.total.push(x.totalCents); l.rate.push(x.vatRateBp); }
        for (const x of t.vat) { v.sale.push(i); v.rate.push(x.rateBp); v.gross.push(x.grossCents); v.vat.push(x.vatCents); v.net.push(x.netCents); }
        const head = heads.get(terminal)!;
        const record = v1.build(t);
        const hash = sealOf(head.hash, record);
        f.terminal.push(terminal); f.seq.push(head.seq + 1); f.ref.push(i); f.record.push(record); f.prev.push(head.hash); f.hash.push(hash);
        heads.set(terminal, { seq: head.seq + 1, hash });
      }
      await trx.raw(
        `INSERT INTO sales (id, idempotency_key, request_hash, terminal_id, store_id, operator_id, ticket_no, total_cents, change_cents, created_at)
         SELECT id, key, 'bench', terminal, ?::int, 1, no, total, 0, at::timestamptz FROM unnest(?::bigint[], ?::text[], ?::int[], ?::bigint[], ?::bigint[], ?::text[]) AS x (id, key, terminal, no, total, at)`,
        [store, s.id, s.key, s.terminal, s.no, s.total, s.at],
      );
      await trx.raw(
        `INSERT INTO sale_lines (sale_id, line_no, item_id, sku, name, qty, list_price_cents, unit_price_cents, discount_cents, total_cents, vat_rate_bp)
         SELECT sale, n, item, sku, name, qty, price, price, 0, total, rate FROM unnest(?::bigint[], ?::int[], ?::int[], ?::text[], ?::text[], ?::int[], ?::bigint[], ?::bigint[], ?::int[]) AS x (sale, n, item, sku, name, qty, price, total, rate)`,
        [l.sale, l.n, l.item, l.sku, l.name, l.qty, l.price, l.total, l.rate],
      );
      await trx.raw(
        `INSERT INTO sale_vat (sale_id, rate_bp, gross_cents, vat_cents, net_cents) SELECT * FROM unnest(?::bigint[], ?::int[], ?::bigint[], ?::bigint[], ?::bigint[])`,
        [v.sale, v.rate, v.gross, v.vat, v.net],
      );
      await trx.raw(`INSERT INTO sale_tenders (sale_id, seq, kind, amount_cents) SELECT id, 1, 'cash', total FROM unnest(?::bigint[], ?::bigint[]) AS x (id, total)`, [s.id, s.total]);
      await trx.raw(
        `INSERT INTO fiscal_seals (chain, terminal_id, seq, version, ref_id, record, prev_hash, hash, sealed_at)
         SELECT 'ticket', terminal, seq, 1, ref, record, prev, hash, now() FROM unnest(?::int[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[]) AS x (terminal, seq, ref, record, prev, hash)`,
        [f.terminal, f.seq, f.ref, f.record, f.prev, f.hash],
      );
      if ((from - 1) % 200_000 === 0) step(`  ${(from - 1).toLocaleString('en')} tickets loaded`);
    }
    for (const [terminal, h] of heads) {
      await trx.raw(`INSERT INTO fiscal_heads (chain, terminal_id, seq, hash) VALUES ('ticket', ?, ?, ?) ON CONFLICT (chain, terminal_id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash`, [terminal, h.seq, h.hash]);
    }
    await trx.raw(`UPDATE terminals t SET next_ticket_no = s.hi + 1 FROM (SELECT terminal_id, max(ticket_no) AS hi FROM sales GROUP BY 1) s WHERE s.terminal_id = t.id`);
    await trx.raw(`SELECT setval('sales_id_seq', (SELECT max(id) FROM sales))`);
  });
  step('  VACUUM ANALYZE');
  await db.raw('VACUUM ANALYZE');
}

export async function measureVerify(opts: { root: string; serverUrl: string; tickets: number; tills: number; runs: number }, step: (what: string) => void): Promise<VerifyBenchResult> {
  const name = `${BENCH_DATABASE}_seal`;
  await recreateDatabase(opts.serverUrl, name);
  const url = withDatabase(opts.serverUrl, name);
  const db = openDb({ url, poolMax: 4, applicationName: 'pos-bench:seal' });
  try {
    await migrateLatest(db);
    await seedDemo(db);
    const began = performance.now();
    step(`  ${opts.tickets.toLocaleString('en')} sealed tickets on ${opts.tills} tills`);
    await loadSealedTickets(db, opts.tickets, opts.tills, step);
    const loadSeconds = (performance.now() - began) / 1000;
    const verifyMs: number[] = [];
    let clean = true;
    let links = 0;
    for (let r = 0; r < opts.runs; r++) {
      step(`  pos verify, run ${r + 1} of ${opts.runs}`);
      const t0 = performance.now();
      const result = await verifyChains(db);
      verifyMs.push(performance.now() - t0);
      clean &&= result.ok;
      links = result.links;
      if (!result.ok) step(`  broken: ${JSON.stringify(result.breaks.slice(0, 3))}`);
    }
    step('  the built pos verify --json');
    const cli = await runCli(opts.root, url);
    clean &&= cli.ok;
    return { tickets: opts.tickets, loadSeconds, verifyMs, cliMs: cli.ms, clean, links };
  } finally {
    await db.destroy();
    await dropDatabase(opts.serverUrl, name);
  }
}

function runCli(root: string, url: string): Promise<{ ms: number; ok: boolean }> {
  const home = mkdtempSync(join(tmpdir(), 'pos-bench-verify-'));
  const began = performance.now();
  return new Promise((done) => {
    execFile(process.execPath, [join(root, 'bin', 'pos'), 'verify', '--json', '--allow-owner'], { cwd: home, env: { ...process.env, DATABASE_URL: url, POS_HOME: home }, maxBuffer: 1 << 24 }, (err, stdout) => {
      rmSync(home, { recursive: true, force: true });
      let ok = false;
      try {
        ok = !err && (JSON.parse(stdout) as { ok: boolean }).ok;
      } catch {
        ok = false;
      }
      done({ ms: performance.now() - began, ok });
    });
  });
}

const fmt = (n: number) => n.toFixed(1);

export function reportSeal(rate: SealRateResult | null, verify: VerifyBenchResult | null, setup: { tills: number; lines: number; number: number }): SummaryRow[] {
  section(`${setup.number}. The fiscal seal: commits with and without it, and pos verify`);
  const out: SummaryRow[] = [];
  const say = (label: string, value: string) => console.log(`  ${label.padEnd(44)} ${value}`);
  if (rate) {
    say(`with the seal (${setup.tills} tills, ${setup.lines} lines)`, `${fmt(rate.sealed.perSecond)} sales/s  (${rate.sealed.commits} in ${fmt(rate.sealed.seconds)} s)`);
    say('without it (same run, alternating rounds)', `${fmt(rate.unsealed.perSecond)} sales/s  (${rate.unsealed.commits} in ${fmt(rate.unsealed.seconds)} s)`);
    const r = rate.sealed.perSecond / rate.unsealed.perSecond;
    say('ratio sealed ÷ unsealed', r.toFixed(2));
    for (const e of rate.errors) say('  an error', e);
    out.push({ measure: `Commits/s with the seal ÷ without (${setup.tills} tills)`, figure: `${rate.sealed.perSecond.toFixed(0)}/s ÷ ${rate.unsealed.perSecond.toFixed(0)}/s = ${r.toFixed(2)}`, target: '> 0.5 (sealing must not halve it)', met: r > 0.5 });
  }
  if (verify) {
    const best = Math.min(...verify.verifyMs);
    say(`load of ${verify.tickets.toLocaleString('en')} sealed tickets`, `${fmt(verify.loadSeconds)} s`);
    say('pos verify in process, each run', verify.verifyMs.map((m) => `${fmt(m / 1000)} s`).join(', '));
    say('the built pos verify --json (wall)', `${fmt(verify.cliMs / 1000)} s`);
    say('links verified, clean', `${verify.links.toLocaleString('en')}, ${verify.clean ? 'yes' : 'NO'}`);
    out.push({ measure: `pos verify over ${verify.tickets.toLocaleString('en')} tickets`, figure: `${fmt(best / 1000)} s (CLI ${fmt(verify.cliMs / 1000)} s)${verify.clean ? '' : ', NOT clean'}`, target: '≤ 30 s', met: verify.clean && verify.cliMs <= 30_000 });
  }
  return out;
}
