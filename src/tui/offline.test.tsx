import { existsSync, readFileSync } from 'node:fs';
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
import { useTillScreens } from '../testing/tillScreen';
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
});
