// Measure: customers at scale. A million customers (names drawn from French surnames, some
// rarer ones made of syllables), then (a) the back room's search by a fragment of a name, as
// the customers screen sends it (a page of 16), and (b) a loyalty card scanned
// at the till until the frame shows that customer: the real <App>, bundled as it ships.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import type { Till } from '../app/till';
import { findCustomers } from '../app/customers/search';
import { openBasket } from '../domain/basket';
import { shuffled } from './catalog';
import { FakeStdin, FakeStdout } from './fakeTerminal';
import { Screen, shippedScreens } from './scan';
import { articleCount, loginReady } from './screenText';

export interface CustomerBenchOptions {
  root: string;
  url: string;
  customers: number;
  searches: number;
  scans: number;
  pauseMs: number;
}

export interface CustomerBenchResult {
  customers: number;
  loadSeconds: number;
  /** Per search: the page of results, and how many the fragment matched in all (sampled). */
  searchMs: number[];
  matches: number[];
  /** Per card scanned: from the write to stdin until the frame showing the customer. */
  scanMs: number[];
  /** The card's look-up alone (the entry line's resolvers), after the scans. */
  lookupMs: number[];
  errors: string[];
}

const SURNAMES = [
  'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel',
  'Lefebvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine',
  'Rousseau', 'Vincent', 'Muller', 'Lefèvre', 'Faure', 'André', 'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Garnier', 'Chevalier',
  'François', 'Legrand', 'Gauthier', 'Garcia', 'Perrin', 'Robin', 'Clément', 'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu',
  'Gautier', 'Masson', 'Marchand', 'Duval', 'Denis', 'Dumont', 'Marie', 'Lemaire', 'Noël', 'Meyer', 'Dufour', 'Meunier',
  'Brun', 'Blanchard', 'Giraud', 'Joly', 'Rivière', 'Lucas', 'Brunet', 'Gaillard', 'Barbier', 'Arnaud', 'Martinez', 'Gérard',
  'Roche', 'Renard', 'Schmitt', 'Roy', 'Leroux', 'Colin', 'Vidal', 'Caron', 'Picard', 'Roger', 'Fabre', 'Aubert', 'Lemoine',
  'Renaud', 'Dumas', 'Lacroix', 'Olivier', 'Philippe', 'Bourgeois', 'Pierre', 'Benoît', 'Rey', 'Leclerc', 'Payet', 'Rolland',
];
const FIRST_NAMES = [
  'Marie', 'Jean', 'Pierre', 'Michel', 'Nathalie', 'Isabelle', 'Philippe', 'Sylvie', 'Catherine', 'Françoise', 'Alain', 'Nicolas',
  'Christine', 'Sophie', 'Patrick', 'Julien', 'Camille', 'Léa', 'Manon', 'Emma', 'Chloé', 'Inès', 'Hugo', 'Lucas', 'Louis',
  'Gabriel', 'Arthur', 'Jules', 'Zoé', 'Clément', 'Anne', 'Claire', 'Paul', 'Laurence', 'Thierry', 'Valérie', 'Céline', 'Éric',
];
const SYLLABLES = ['ba', 'ber', 'ca', 'dan', 'del', 'fa', 'gar', 'jou', 'lam', 'ler', 'mou', 'nar', 'pel', 'quin', 'ros', 'sau', 'tel', 'vau', 'zen', 'ville'];

/** Inserts the customers in one statement per million; the cards' table follows by trigger. */
export async function loadCustomers(db: Knex, count: number): Promise<void> {
  await db.raw(
    // Picks made from hashes of n, so that names are not bunched by customer number (as in a
    // real shop, where who joined when has nothing to do with their name).
    `INSERT INTO customers (code, first_name, last_name, phone, email)
     SELECT 'FB' || lpad(n::text, 8, '0'),
            (?::text[])[1 + abs(hashtext('f' || n)) % ?],
            CASE WHEN abs(hashtext('k' || n)) % 10 < 7 THEN (?::text[])[1 + abs(hashtext('s' || n)) % ?]
                 ELSE initcap((?::text[])[1 + abs(hashtext('a' || n)) % 20] || (?::text[])[1 + abs(hashtext('b' || n)) % 20]
                              || (?::text[])[1 + abs(hashtext('c' || n)) % 20]) END,
            '06' || lpad((abs(hashtext('p' || n)) % 100000000)::text, 8, '0'),
            'client' || n || '@exemple.fr'
       FROM generate_series(1, ?) AS n`,
    [FIRST_NAMES, FIRST_NAMES.length, SURNAMES, SURNAMES.length, SYLLABLES, SYLLABLES, SYLLABLES, count],
  );
  await db.raw('VACUUM (ANALYZE) customers');
  await db.raw('VACUUM (ANALYZE) customer_cards');
}

/** 3 to 6 letters from inside a name: what someone types to find a customer. */
function fragments(names: readonly string[], count: number): string[] {
  const out: string[] = [];
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed % n;
  };
  while (out.length < count) {
    const name = names[next(names.length)]!;
    const len = Math.min(name.length, 3 + next(4));
    const at = next(name.length - len + 1);
    out.push(name.slice(at, at + len).toLowerCase());
  }
  return out;
}

export async function measureCustomers(db: Knex, opts: CustomerBenchOptions, step: (what: string) => void): Promise<CustomerBenchResult> {
  const started = performance.now();
  await loadCustomers(db, opts.customers);
  const loadSeconds = (performance.now() - started) / 1000;

  step(`  ${opts.searches} searches by a fragment of a name`);
  const sample = (await db('customers').select('last_name').orderByRaw('random()').limit(2000)).map((r: { last_name: string }) => r.last_name);
  const searchMs: number[] = [];
  const matches: number[] = [];
  for (const [i, text] of fragments(sample, opts.searches).entries()) {
    const start = performance.now();
    await findCustomers(db, text, {}, { limit: 16 });
    searchMs.push(performance.now() - start);
    // How broad the fragments are, for the reader (a count is not what the screen runs).
    if (i % 25 === 0) {
      const { rows } = await db.raw<{ rows: { n: number }[] }>(
        'SELECT count(*)::int AS n FROM customers WHERE name_key LIKE ?',
        [`%${text}%`],
      );
      matches.push(rows[0]!.n);
    }
  }

  step(`  ${opts.scans} loyalty cards scanned at the till`);
  const cards = shuffled(Array.from({ length: opts.scans }, (_, i) => 1 + Math.floor(((i + 1) * 7_654_321) % opts.customers)), 11).map((n) => `FB${String(n).padStart(8, '0')}`);
  const scan = await scanCards(opts, cards);
  return { customers: opts.customers, loadSeconds, searchMs, matches, ...scan };
}

async function scanCards(opts: CustomerBenchOptions, cards: readonly string[]): Promise<Pick<CustomerBenchResult, 'scanMs' | 'lookupMs' | 'errors'>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-bench-cards-'));
  chmodSync(dataDir, 0o755);
  const { App, closeTill, createElement, loadConfig, lookupEntry, openTill, render } = await shippedScreens(opts.root, dataDir);
  // The bench reaches its database as the owner (DATABASE_URL's user may be a superuser): the
  // till would refuse it otherwise, and the measure is of speed, not of who may sign in.
  const config = loadConfig({ root: opts.root, env: { POS_DB_URL: opts.url, POS_DB_ALLOW_OWNER: 'true', POS_DATA_DIR: dataDir, POS_RECEIPT_OUTPUT: 'none' } });
  const errors: string[] = [];
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const screen = new Screen(stdout);
  let till: Till | null = null;
  const app = render(
    createElement(App, {
      config,
      open: async () => (till = await openTill(config, { migrate: false, demoOnFirstStart: false, keepOpen: true })),
      bell: () => undefined,
      log: { error: (obj: object, msg: string) => void errors.push(`${msg}: ${String((obj as { err?: Error }).err?.message ?? '')}`) },
      onExit: () => undefined,
    }),
    { stdout: stdout as unknown as NodeJS.WriteStream, stderr: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, exitOnCtrlC: false, maxFps: 60, patchConsole: false },
  );
  try {
    await screen.waitFor(loginReady, 30_000);
    const saleScreen = screen.waitFor((s) => s.includes(articleCount(0)));
    stdin.type('1\r');
    stdin.type('1234\r');
    await saleScreen;
    const scanMs: number[] = [];
    for (const code of cards) {
      await new Promise((r) => setTimeout(r, opts.pauseMs));
      // The customer line names the card: "… (FB00012345) · 0 pts".
      const frame = screen.waitFor((s) => s.includes(`(${code})`));
      const start = performance.now();
      stdin.type(`${code}\r`);
      scanMs.push((await frame) - start);
    }
    const lookupMs: number[] = [];
    const opened = till as Till | null;
    if (opened) {
      const ctx = { basket: openBasket('bench'), terminal: opened.terminal, operatorId: 1 };
      for (const code of cards) {
        const start = performance.now();
        await lookupEntry(opened.db, code, ctx);
        lookupMs.push(performance.now() - start);
      }
    }
    return { scanMs, lookupMs, errors };
  } finally {
    app.unmount();
    await app.waitUntilExit().catch(() => undefined);
    if (till) await closeTill(till);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
