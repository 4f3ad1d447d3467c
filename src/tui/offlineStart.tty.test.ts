// The till as a shop meets an outage at opening time: the bundle (bin/pos) in a real terminal
// (tmux), its store server cut off before it starts. It opens from what it kept the day before,
// the cashier signs in and sells for cash, and the sale reaches the server once it is back.
import { chmodSync, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { offlineFolder, readBlock } from '../app/offline/journal';
import { useTestDatabase } from '../testing/db';
import { terminal } from '../testing/fixtures';
import { cuttableLink } from '../testing/proxy';
import { startTill, type TmuxTill } from '../testing/tmux';
import { needs } from '../testing/tools';
import { until } from '../testing/until';

describe.skipIf(!needs('tmux', 'a till in a real terminal'))('a till started with its server away, in a terminal', () => {
  const testDb = useTestDatabase();
  const tills: TmuxTill[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const t of tills) await t.kill();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('opens offline from what it kept, signs the cashier in and sells for cash; the sale is in once the server is back', async () => {
    const { db, url, owner } = testDb();
    const t01 = await terminal(db);
    await owner('terminals').insert({ code: 'T07', name: 'T07', store_id: t01.storeId }).onConflict('code').ignore();
    const target = new URL(url);
    const link = await cuttableLink(Number(target.port));
    target.port = String(link.port);
    const dataDir = await mkdtemp(join(tmpdir(), 'pos-tty-'));
    chmodSync(dataDir, 0o755);
    dirs.push(dataDir);
    const env = {
      DATABASE_URL: target.toString(), POS_TERMINAL: 'T07', POS_DATA_DIR: dataDir, POS_RECEIPT_FILE: join(dataDir, 'receipts.txt'),
      POS_OFFLINE_ENABLED: 'true', POS_DB_CONNECT_TIMEOUT_MS: '1000', POS_DB_RETRY_MS: '300',
    };
    const dir = offlineFolder(dataDir, 'T07');
    try {
      const yesterday = await startTill(env);
      tills.push(yesterday);
      await yesterday.waitFor((s) => s.includes('Ouverture de session') && s.includes('base OK'));
      await yesterday.keys('1', 'Enter', '1234', 'Enter');
      await yesterday.waitFor((s) => s.includes('TOTAL'));
      await until(async () => (await readBlock(dir)) !== null && existsSync(join(dir, 'operators.json')) && existsSync(join(dir, 'terminal.json')), 'what an outage needs, kept');
      await yesterday.kill();
      const { block } = (await readBlock(dir))!;

      link.cut();
      const today = await startTill(env);
      tills.push(today);
      await today.waitFor((s) => s.includes('caisse ouverte HORS LIGNE') && s.includes('HORS LIGNE · vente locale'));
      await today.keys('1', 'Enter', '1234', 'Enter');
      await today.waitFor((s) => s.includes('TOTAL'));
      await today.keys('3760000000017', 'Enter');
      await today.waitFor((s) => s.includes('Baguette tradition'));
      await today.keys('F12');
      await today.waitFor((s) => s.includes('Reste à payer'));
      await today.keys('2', 'Enter');
      await today.waitFor((s) => s.includes('RENDU MONNAIE'));
      await today.keys('Enter');
      await today.waitFor((s) => s.includes('vendu HORS LIGNE'));

      link.mend();
      await today.waitFor((s) => s.includes('base OK') && !s.includes('en attente'), 20_000);
      const t07 = await terminal(db, 'T07');
      expect(await db('sales').where({ terminal_id: t07.id, ticket_no: block.firstNo })).toMatchObject([{ total_cents: 130, change_cents: 70 }]);
      expect(await db('audit_log').where({ terminal_id: t07.id, action: 'login.offline' })).toHaveLength(1);
    } finally {
      await link.close();
    }
  });
});
