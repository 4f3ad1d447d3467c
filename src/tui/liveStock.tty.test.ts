// Two tills in real terminals (the bundle, bin/pos, in tmux), one store: the croissants are
// low; T02 sells one, and T01, with croissants on its own ticket, shows the figure count down.
import { mkdtemp, rm } from 'node:fs/promises';
import { chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { countStock } from '../app/stock/book';
import { useTestDatabase } from '../testing/db';
import { startTill, type TmuxTill } from '../testing/tmux';
import { needs } from '../testing/tools';

describe.skipIf(!needs('tmux', 'two tills in real terminals'))('two tills in terminals, live', () => {
  const testDb = useTestDatabase();
  const tills: TmuxTill[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const t of tills) await t.kill();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  async function till(terminal: string): Promise<TmuxTill> {
    const dataDir = await mkdtemp(join(tmpdir(), 'pos-tty-'));
    chmodSync(dataDir, 0o755);
    dirs.push(dataDir);
    const t = await startTill({ DATABASE_URL: testDb().url, POS_TERMINAL: terminal, POS_DATA_DIR: dataDir, POS_RECEIPT_FILE: join(dataDir, 'receipts.txt') });
    tills.push(t);
    await t.waitFor((s) => s.includes('Ouverture de session') && s.includes('base OK'));
    await t.keys('1', 'Enter', '1234', 'Enter');
    await t.waitFor((s) => s.includes('TOTAL'));
    return t;
  }

  it('a croissant sold on T02 counts down on the screen of T01', async () => {
    const { db } = testDb();
    await countStock(db, { storeId: 1, terminalId: null, operatorId: 2 }, [{ line: 1, code: 'BOUL-006', qty: '4' }]);
    const [t01, t02] = [await till('T01'), await till('T02')];
    await t01.keys('BOUL-006', 'Enter');
    await t01.waitFor((s) => s.includes('Croissant plus que 4'));
    await t02.keys('BOUL-006', 'Enter');
    await t02.waitFor((s) => s.includes('Croissant plus que 4'));
    await t02.keys('F12');
    await t02.waitFor((s) => s.includes('Encaissement'));
    await t02.keys('Enter');
    await t02.waitFor((s) => /Reste à payer\s+0,00 €/.test(s));
    await t02.keys('Enter');
    await t02.waitFor((s) => s.includes('enregistré'));
    await t01.waitFor((s) => s.includes('Croissant plus que 3'));
  });
});
