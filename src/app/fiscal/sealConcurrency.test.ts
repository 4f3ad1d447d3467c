// Thousands of tickets on two tills at once, several commits in flight on each: every chain
// stays one line, numbered without a gap, each link on the one before, and `pos verify` finds
// nothing to say.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/db';
import { saleRequest, terminal } from '../../testing/fixtures';
import { commitSale } from '../commitSale';
import { GENESIS, sealOf } from './records';
import { verifyChains } from './verify';

const PER_TILL = 1000;
const IN_FLIGHT = 4;

describe('ticket chains under concurrency', () => {
  const testDb = useTestDatabase();

  it(`seals ${PER_TILL} tickets on each of two tills committing at once: no fork, no gap`, { timeout: 240_000 }, async () => {
    const { db } = testDb();
    const tills = [await terminal(db, 'T01'), await terminal(db, 'T02')];
    const before = Number((await db('fiscal_seals').where({ chain: 'ticket' }).count<{ n: string }[]>({ n: '*' }))[0]!.n);
    await Promise.all(tills.flatMap((t, k) => Array.from({ length: IN_FLIGHT }, async (_, w) => {
      const req = await saleRequest(db, { terminal: t, lines: [['BOUL-001', 1 + w], ['EPIC-001', 1 + k]] });
      for (let i = 0; i < PER_TILL / IN_FLIGHT; i++) {
        await commitSale(db, { ...req, basket: { ...req.basket, key: randomUUID() } }, { receipt: i % 2 === 0 });
      }
    })));
    for (const t of tills) {
      const links = await db('fiscal_seals as f').join('sales as s', 's.id', 'f.ref_id')
        .where({ 'f.chain': 'ticket', 'f.terminal_id': t.id }).orderBy('f.seq')
        .select('f.seq', 'f.prev_hash', 'f.hash', 'f.record', 's.ticket_no', 's.terminal_id');
      expect(links.length).toBeGreaterThanOrEqual(PER_TILL);
      let prev = GENESIS;
      links.forEach((l: { seq: number; prev_hash: string; hash: string; record: string; terminal_id: number }, i: number) => {
        expect(l.terminal_id).toBe(t.id);
        expect(l.seq).toBe(i + 1);
        expect(l.prev_hash).toBe(prev);
        expect(l.hash).toBe(sealOf(prev, l.record));
        prev = l.hash;
      });
      // Online commits on one till queue on its counter: the chain's order is the tickets' order.
      expect(links.map((l: { ticket_no: number }) => l.ticket_no)).toEqual([...links.map((l: { ticket_no: number }) => l.ticket_no)].sort((a, b) => a - b));
      const head = await db('fiscal_heads').where({ chain: 'ticket', terminal_id: t.id }).first();
      expect(head).toMatchObject({ seq: links.length, hash: prev });
    }
    const after = Number((await db('fiscal_seals').where({ chain: 'ticket' }).count<{ n: string }[]>({ n: '*' }))[0]!.n);
    expect(after - before).toBe(2 * PER_TILL);
    expect((await verifyChains(db)).breaks).toEqual([]);
  });
});
