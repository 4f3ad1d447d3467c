// An automatic loyalty reward on `pos sale create`, through the bundle the shop runs (bin/pos):
// from the sources it always worked; in dist/ an import circle once made it "unknown to this till".
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPins } from '../testCli';
import { useTestDatabase } from '../../testing/db';

const run = promisify(execFile);
const bin = resolve(import.meta.dirname, '../../../bin/pos');

describe('an automatic reward on pos sale create, in the bundle', () => {
  const testDb = useTestDatabase();
  let dataDir = '';
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pos-reward-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  async function pos(...args: string[]): Promise<string> {
    const outer = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('POS_')));
    const env = { ...outer, DATABASE_URL: testDb().url, POS_DATA_DIR: dataDir, POS_RECEIPT_OUTPUT: 'none', ...demoPins(args, {}) };
    return (await run(process.execPath, [bin, ...args], { cwd: dataDir, env })).stdout;
  }

  it('takes the reward off the ticket and its cost off the points, with the points earned', async () => {
    const { db } = testDb();
    const hugo = (await db('customers').where('code', 'FID-000002').first('id')) as { id: number };
    const points = async () => Number((await db('loyalty_balances').where('customer_id', hugo.id).first('points')).points);
    const before = await points();
    JSON.parse(await pos('loyalty', 'reward', 'add', '--operator', '2', '--name', '2 € offerts', '--points', '30', '--amount', '2', '--automatic', '--json'));

    const { sale } = JSON.parse(await pos('sale', 'create', '--operator', '1', '--customer', 'FID-000002', '--line', 'CAVE-001', '--tender', 'card:6.99', '--json'));
    expect(sale).toMatchObject({ total_cents: 699 });
    const row = (await db('sales').where('idempotency_key', sale.key).first('id')) as { id: number };
    const moves = await db('loyalty_movements').where({ customer_id: hugo.id, sale_id: row.id, unit: 'points' });
    expect(moves.map((m) => Number(m.amount)).sort((a, b) => a - b)).toEqual([-30, 6]);
    expect(await points()).toBe(before - 30 + 6);
  });
});
