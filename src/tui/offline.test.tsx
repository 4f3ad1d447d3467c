import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countPending, offlineFolder, readBlock } from '../app/offline/journal';
import { checkDb } from '../app/health';
import { ticketNumberGaps } from '../data/ticketBlocks';
import { ticketLabel } from '../domain/sale';
import { useTestDatabase } from '../testing/db';
import { terminal } from '../testing/fixtures';
import { ledgerMismatches } from '../testing/ledgers';
import { cuttableLink } from '../testing/proxy';
import { manualIdle } from '../testing/idle';
import { useTillScreens, type TillScreen } from '../testing/tillScreen';
import { KEYS, testConfig } from '../testing/tui';
import { until } from '../testing/until';

const BAGUETTE = '3760000000017';
const CROISSANT = '3760000000062';

describe('the till selling through an outage', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();
  const bar = (f: string) => f.split('\n')[0]!;

  it('says it is offline, sells for cash into its journal with a reserved number printed on the receipt, refuses a voucher; once the server is back the sale is committed once with that number, its receipt not printed again', async () => {
    const { db, url } = testDb();
    const target = new URL(url);
    const link = await cuttableLink(Number(target.port));
    target.port = String(link.port);
    const config = testConfig(target.toString(), { POS_DB_CONNECT_TIMEOUT_MS: '1000', POS_OFFLINE_ENABLED: 'true', POS_OFFLINE_BLOCK_SIZE: '20' });
    const dir = offlineFolder(config.dataDir, 'T01');
    const s = start(config);
    try {
      await s.signIn();
      // While the server answers, the till reserves its block and keeps the catalogue.
      await until(async () => (await readBlock(dir)) !== null && existsSync(join(dir, 'catalog.json')), 'a block reserved and the catalogue kept');
      const { block } = (await readBlock(dir))!;
      const t01 = await terminal(db);
      expect(await db('ticket_blocks').where({ id: block.id, terminal_id: t01.id }).whereNull('closed_at')).toHaveLength(1);

      await s.type(`${BAGUETTE}\r`);
      await s.frame((f) => f.includes('Baguette tradition'));
      link.cut();
      // Looked up in the kept catalogue; the status line says the till is offline.
      await s.type(`${CROISSANT}\r`);
      const offline = await s.frame((f) => f.includes('Croissant') && bar(f).includes('HORS LIGNE · vente locale'));
      expect(offline).toMatch(/TOTAL\s+2,50 €/);

      await s.type(KEYS.f12);
      await s.frame((f) => f.includes('Reste à payer'));
      // A voucher needs the server: refused, said; the cashier takes cash.
      await s.type(KEYS.f5);
      await s.frame((f) => f.includes('Hors ligne : bons d’achat'));
      await s.type('5\r');
      await s.frame((f) => f.includes('RENDU MONNAIE') && f.includes('2,50 €'));
      await s.type('\r');
      const label = ticketLabel('T01', block.firstNo);
      const done = await s.frame((f) => f.includes(`Ticket ${label} enregistré`));
      expect(done).toContain(`Ticket ${label} vendu HORS LIGNE`);
      await until(() => existsSync(config.receipt.file) && readFileSync(config.receipt.file, 'utf8').includes(`Ticket ${label}`), 'the offline receipt on paper');
      expect(await countPending(dir)).toBe(1);
      await s.frame((f) => bar(f).includes('1 vente en attente'));

      link.mend();
      await s.frame((f) => bar(f).includes('base OK') && !bar(f).includes('en attente'));
      const [sale] = await db('sales').where({ terminal_id: t01.id, ticket_no: block.firstNo });
      expect(sale).toMatchObject({ total_cents: 250, change_cents: 250 });
      expect(await db('print_jobs').where({ sale_id: sale.id })).toMatchObject([{ kind: 'receipt', state: 'printed' }]);
      // The block is closed, its other numbers void, a new one reserved; nothing is a gap.
      await until(async () => (await readBlock(dir))?.block.id !== block.id, 'a new block for the next outage');
      expect(await db('ticket_voids').where({ block_id: block.id })).toHaveLength(19);
      expect(await ticketNumberGaps(db, t01.id)).toEqual([]);
      expect(await ledgerMismatches(db)).toEqual([]);
      await Promise.all([...s.tills[0]!.finishing].map((settled) => settled()));
      expect(readFileSync(config.receipt.file, 'utf8').split(`Ticket ${label} `)).toHaveLength(2);
    } finally {
      s.ui.unmount();
      await link.close();
    }
  });

  it('lets its own operator back in at the idle lock by the PIN of the sign-in while offline, and after the lock-out count waits for the server', async () => {
    const { url } = testDb();
    const target = new URL(url);
    const link = await cuttableLink(Number(target.port));
    target.port = String(link.port);
    const idle = manualIdle();
    const config = testConfig(target.toString(), {
      POS_DB_CONNECT_TIMEOUT_MS: '1000', POS_OFFLINE_ENABLED: 'true', POS_RECEIPT_OUTPUT: 'none',
      POS_OPERATORS_IDLE_LOCK_MINUTES: '3', POS_OPERATORS_LOCKOUT_ATTEMPTS: '2',
      // A till of its own: the other test counts the numbers of T01's reserved block.
      POS_TERMINAL: 'T02',
    });
    const s = start(config, { idleTimer: idle.timer });
    // A PIN is tried only once the last one's answer is in (the lock screen takes no keys while
    // it waits for the server): the refusal shown and the field empty again.
    const refusedAndEmpty = (f: string) => f.includes('Code ou PIN incorrect') && /PIN +› +│/.test(f);
    try {
      await s.signIn();
      await s.type(`${BAGUETTE}\r`);
      await s.frame((f) => f.includes('Baguette tradition'));
      link.cut();
      idle.fire();
      await s.frame((f) => f.includes('Caisse verrouillée'));
      await s.type('0000\r');
      await s.frame(refusedAndEmpty);
      const armed = idle.armed();
      await s.type('1234\r');
      await s.frame((f) => f.includes('Baguette tradition') && !f.includes('Caisse verrouillée'));
      // Locked again (once the idle time is counting again): two wrong PINs, then even the right one waits for the server.
      await until(() => idle.armed() > armed, 'the idle time counting again');
      idle.fire();
      await s.frame((f) => f.includes('Caisse verrouillée'));
      await s.type('0000\r');
      await s.frame(refusedAndEmpty);
      await s.type('9999\r');
      await s.frame(refusedAndEmpty);
      await s.type('1234\r');
      await s.frame((f) => f.includes('Trop d’essais hors ligne'));
      link.mend();
      await s.type('1234\r');
      await s.frame((f) => f.includes('Baguette tradition') && !f.includes('Caisse verrouillée'));
    } finally {
      s.ui.unmount();
      await link.close();
    }
  });

  it('starts with the server unreachable from what it kept: the kept operator signs in (a wrong PIN refused) and sells for cash; once the server is back the sale and the sign-ins are in, at their times', async () => {
    const { db, url, owner } = testDb();
    const t01 = await terminal(db);
    // A till of its own: the other tests count their tills' numbers.
    await owner('terminals').insert({ code: 'T09', name: 'T09', store_id: t01.storeId }).onConflict('code').ignore();
    const target = new URL(url);
    const link = await cuttableLink(Number(target.port));
    target.port = String(link.port);
    const config = testConfig(target.toString(), { POS_DB_CONNECT_TIMEOUT_MS: '1000', POS_OFFLINE_ENABLED: 'true', POS_OFFLINE_BLOCK_SIZE: '10', POS_TERMINAL: 'T09' });
    const dir = offlineFolder(config.dataDir, 'T09');
    const shown: TillScreen[] = [];
    try {
      // A first opening with the server there: the till keeps its block, catalogue, itself and its operators.
      const first = start(config);
      await first.signIn();
      shown.push(first);
      await until(async () => (await readBlock(dir)) !== null && existsSync(join(dir, 'operators.json')) && existsSync(join(dir, 'terminal.json')), 'what an outage needs, kept');
      expect(statSync(join(dir, 'operators.json')).mode & 0o777).toBe(0o600);
      const kept = JSON.parse(readFileSync(join(dir, 'operators.json'), 'utf8'));
      const stored = await db('operators').where({ code: '1' }).first();
      expect(kept.operators.find((o: { code: string }) => o.code === '1')).toMatchObject({ id: stored.id, name: stored.name, role: stored.role, pinHash: stored.pin_hash });
      shown.shift()!.ui.unmount();
      const { block } = (await readBlock(dir))!;

      // The server away: the till opens all the same, from what it kept.
      link.cut();
      const startedAt = new Date();
      const s = start(config);
      shown.push(s);
      await s.frame((f) => f.includes('caisse ouverte HORS LIGNE') && bar(f).includes('HORS LIGNE'));
      await s.type('1\r');
      await s.type('0000\r');
      await s.frame((f) => f.includes('Code ou PIN incorrect'));
      await s.type('1234\r');
      await s.frame((f) => f.includes('TOTAL') && bar(f).includes('HORS LIGNE · vente locale'));
      await s.type(`${BAGUETTE}\r`);
      await s.frame((f) => f.includes('Baguette tradition'));
      await s.type(KEYS.f5);
      await s.frame((f) => f.includes('Hors ligne : pas d’accord de responsable'));
      await s.type(KEYS.f12);
      await s.frame((f) => f.includes('Reste à payer'));
      await s.type('2\r');
      await s.frame((f) => f.includes('RENDU MONNAIE'));
      await s.type('\r');
      const label = ticketLabel('T09', block.firstNo);
      await s.frame((f) => f.includes(`Ticket ${label} vendu HORS LIGNE`));
      expect(await countPending(dir)).toBe(1);
      await until(() => existsSync(config.receipt.file) && readFileSync(config.receipt.file, 'utf8').includes(`Ticket ${label}`), 'the offline receipt on paper');
      // F9: the last ticket again, from the journal, marked as a duplicate.
      await s.type(KEYS.f9);
      await s.frame((f) => f.includes(`Ticket ${label} réimprimé`));
      await until(() => readFileSync(config.receipt.file, 'utf8').includes('DUPLICATA'), 'the duplicate on paper');
      const duplicate = readFileSync(config.receipt.file, 'utf8').split('*** DUPLICATA ***')[1]!;
      expect(duplicate).toContain(`Ticket ${label}`);
      expect(duplicate).toMatch(/TOTAL TTC.*1,30 €/);

      // Back: the till opened the ordinary way takes over and sends what it sold and who signed in.
      link.mend();
      await s.frame((f) => bar(f).includes('base OK') && !bar(f).includes('en attente'));
      const t09 = await terminal(db, 'T09');
      await until(async () => (await db('sales').where({ terminal_id: t09.id, ticket_no: block.firstNo })).length === 1, 'the offline sale in');
      const [sale] = await db('sales').where({ terminal_id: t09.id, ticket_no: block.firstNo });
      expect(sale).toMatchObject({ total_cents: 130, change_cents: 70, operator_id: stored.id });
      const audit = await db('audit_log').where({ terminal_id: t09.id }).whereRaw("details->>'offline' = 'true'").orderBy('at');
      expect(audit.map((a) => [a.action, a.operator_id, a.details.purpose])).toEqual([['pin.failed', stored.id, 'login'], ['login.offline', stored.id, 'login']]);
      // At the time they happened, while the server was away; not at the replay.
      expect(audit.every((a) => a.at >= startedAt && a.at <= sale.created_at)).toBe(true);
      expect(await ledgerMismatches(db)).toEqual([]);
      expect(await ticketNumberGaps(db, t09.id)).toEqual([]);
    } finally {
      for (const x of shown) x.ui.unmount();
      await link.close();
    }
  });

  it('counts on its status line the offline sales the database refused when they were sent, and lists them with their reason in the back office', async () => {
    const { db, url, owner } = testDb();
    const t01 = await terminal(db);
    await owner('terminals').insert({ code: 'T08', name: 'T08', store_id: t01.storeId }).onConflict('code').ignore();
    const target = new URL(url);
    const link = await cuttableLink(Number(target.port));
    target.port = String(link.port);
    const config = testConfig(target.toString(), { POS_DB_CONNECT_TIMEOUT_MS: '1000', POS_OFFLINE_ENABLED: 'true', POS_OFFLINE_BLOCK_SIZE: '10', POS_TERMINAL: 'T08', POS_RECEIPT_OUTPUT: 'none' });
    const dir = offlineFolder(config.dataDir, 'T08');
    const s = start(config);
    try {
      await s.signIn();
      await until(async () => (await readBlock(dir)) !== null && existsSync(join(dir, 'catalog.json')), 'a block reserved and the catalogue kept');
      const { block } = (await readBlock(dir))!;
      link.cut();
      await s.type(`${BAGUETTE}\r`);
      await s.frame((f) => f.includes('Baguette tradition') && bar(f).includes('HORS LIGNE'));
      await s.type(KEYS.f12);
      await s.frame((f) => f.includes('Reste à payer'));
      await s.type('2\r');
      await s.frame((f) => f.includes('RENDU MONNAIE'));
      await s.type('\r');
      const label = ticketLabel('T08', block.firstNo);
      await s.frame((f) => f.includes(`Ticket ${label} vendu HORS LIGNE`));
      // Meanwhile the block was closed from elsewhere: the database refuses its numbers.
      await owner.raw('SELECT pos_close_ticket_block(?)', [block.id]);
      link.mend();
      await s.frame((f) => bar(f).includes('base OK') && bar(f).includes('1 refusée hors ligne (F11)'));
      await s.type('\x1b[23~');
      const menu = await s.frame((f) => f.includes('Ventes hors ligne refusées'));
      const n = /(\d)\. Ventes hors ligne refusées/.exec(menu)![1]!;
      await s.type(n);
      const listed = await s.frame((f) => f.includes(label) && f.includes('not in an open block'));
      expect(listed).toContain('1,30 €');
      await s.type(KEYS.esc);
      await s.frame((f) => !f.includes(label) && f.includes('Ventes hors ligne refusées'));
    } finally {
      s.ui.unmount();
      await link.close();
    }
  });
});
