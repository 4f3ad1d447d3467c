// `pos check` through bin/pos against real PostgreSQL: a clean shop says OK with what it read
// and exits 0; a break made with the owner's SQL is named, one line, and the exit code is 1;
// --json carries the same.
import { describe, expect, it } from 'vitest';
import { useCli } from '../testCli';

describe('pos check', () => {
  const { db, pos } = useCli();

  it('says OK with its counts on a clean shop, in French and English, and as JSON', async () => {
    const fr = await pos('check');
    expect(fr).toMatchObject({ code: 0, stderr: '' });
    expect(fr.stdout).toMatch(/^OK : 0 tickets sur \d+ caisses, 0 impressions, .* : tout concorde\n$/);
    expect((await pos('check', '--lang', 'en')).stdout).toMatch(/^OK: 0 tickets on \d+ tills, .*: all agree\n$/);
    const json = await pos('check', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, breaks: [], counts: { tickets: 0, voucher: 0 } });
  });

  it('names each break on its own line and exits 1', async () => {
    // The attacks of the issue: a ticket counter moved, a coupon limit made to count nothing.
    await db().owner('terminals').where('code', 'T01').increment('next_ticket_no', 3);
    const code = await db().db('coupon_codes').first('id', 'code');
    await db().owner('coupon_use_counts').insert({ code_id: code.id, scope: 'global', scope_key: '', uses: 5 });
    try {
      const r = await pos('check');
      expect(r.code).toBe(1);
      // The families' order: balances and limits, then the tills' numbering, then print jobs.
      expect(r.stdout.split('\n').filter(Boolean)).toEqual([`code promo ${code.code} : compteur 5 ≠ 0 utilisations`, 'caisse T01 : prochain numéro 4 ≠ dernier ticket + 1 (1)']);
      expect(r.stderr).toBe('2 anomalies\n');
      const json = await pos('check', '--json', '--lang', 'en');
      expect(json.code).toBe(1);
      const doc = JSON.parse(json.stdout) as { ok: boolean; breaks: { invariant: string; message: string }[] };
      expect(doc.ok).toBe(false);
      expect(doc.breaks.map((b) => b.invariant)).toEqual(['coupon.counter', 'ticket.next']);
      expect(doc.breaks.find((b) => b.invariant === 'ticket.next')).toMatchObject({ till: 'T01', next: 4, expected: 1, message: 'till T01: next number 4 ≠ last ticket + 1 (1)' });
    } finally {
      await db().owner('terminals').where('code', 'T01').decrement('next_ticket_no', 3);
      await db().owner('coupon_use_counts').where('code_id', code.id).delete();
    }
    expect((await pos('check')).code).toBe(0);
  });
});
