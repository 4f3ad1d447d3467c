// `pos verify` through bin/pos reads the data folder's signed heads file by itself: the last
// tickets deleted as the owner after a Z (the head in the database made to agree) are named.
import { describe, expect, it } from 'vitest';
import { commitSale } from '../../app/commitSale';
import { saleRequest, terminal } from '../../testing/fixtures';
import { useCli } from '../testCli';

describe('pos verify and the heads file', () => {
  const { db, pos } = useCli();

  it('names the last tickets deleted after a Z, by the heads file the Z wrote', async () => {
    const t01 = await terminal(db().db);
    for (let i = 0; i < 3; i++) await commitSale(db().db, await saleRequest(db().db, { terminal: t01, lines: [['BOUL-001', i + 1]] }), { receipt: false });
    expect((await pos('close', 'day', '--operator', '2')).code).toBe(0);
    expect(await pos('verify')).toMatchObject({ code: 0, stderr: '' });

    const head = await db().db('fiscal_heads').where({ chain: 'ticket', terminal_id: t01.id }).first();
    const seq = Number(head.seq);
    await db().owner.transaction(async (trx) => {
      await trx.raw('SET LOCAL session_replication_role = replica');
      const gone = (await trx('fiscal_seals').where({ chain: 'ticket', terminal_id: t01.id }).where('seq', '>', seq - 2).pluck('ref_id')).map(Number);
      for (const x of ['sale_lines', 'sale_tenders', 'sale_vat', 'print_jobs', 'stock_movements']) await trx(x).whereIn('sale_id', gone).del();
      await trx('sales').whereIn('id', gone).del();
      await trx('fiscal_seals').where({ chain: 'ticket', terminal_id: t01.id }).where('seq', '>', seq - 2).del();
      const kept = await trx('fiscal_seals').where({ chain: 'ticket', terminal_id: t01.id, seq: seq - 2 }).first();
      await trx('fiscal_heads').where({ chain: 'ticket', terminal_id: t01.id }).update({ seq: seq - 2, hash: kept.hash });
    });
    const r = await pos('verify', '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Chain ticket of T01: links ${seq - 1} to ${seq} deleted from its end (by the head kept outside the database)`);
    // The Z's figures no longer match its tickets either.
    expect(r.stdout).toMatch(/Closing terminal:\d+:\d+:day no\. 1 \([^)]*\): figures differ from its tickets/);
  });
});
