// `pos verify` through bin/pos against real PostgreSQL: sealed tickets verify, exit 0; a line's
// name changed behind the till's back (as the owner, its trigger off) is named with its ticket
// and field, exit 1; an unreadable head file is refused in one line.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitSale } from '../../app/commitSale';
import { saleRequest, terminal } from '../../testing/fixtures';
import { useCli } from '../testCli';

describe('pos verify', () => {
  const { db, pos } = useCli();

  it('verifies the sealed tickets, then names the ticket and the field changed, and exits 1', async () => {
    const t01 = await terminal(db().db);
    const sales = [];
    for (let i = 0; i < 3; i++) sales.push((await commitSale(db().db, await saleRequest(db().db, { terminal: t01, lines: [['BOUL-001', i + 1], ['EPIC-001', 1]] }))).sale);
    const ok = await pos('verify');
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(ok.stdout).toMatch(/^OK : \d+ maillons vérifiés, aucune rupture\n$/);

    const owner = db().owner;
    const line = await owner('sale_lines').where({ sale_id: sales[1]!.id, line_no: 2 }).first();
    await owner.raw('ALTER TABLE sale_lines DISABLE TRIGGER sale_lines_frozen');
    try {
      await owner('sale_lines').where({ sale_id: sales[1]!.id, line_no: 2 }).update({ name: 'Pâtes (autres)' });
      const r = await pos('verify');
      expect(r.code).toBe(1);
      const label = `T01-${String(sales[1]!.ticketNo).padStart(6, '0')}`;
      expect(r.stdout).toContain(`Ticket ${label} (maillon`);
      expect(r.stdout).toContain(`modifié : lines[2].name scellé "${line.name}", trouvé "Pâtes (autres)"`);
      expect(r.stderr).toBe('1 rupture de chaîne\n');
      const json = JSON.parse((await pos('verify', '--json')).stdout) as { ok: boolean; breaks: { kind: string; ref: string; field: string }[] };
      expect(json).toMatchObject({ ok: false, breaks: [{ kind: 'changed', ref: label, field: 'lines[2].name' }] });
      // What verify found is an anomaly in the till's journal.
      const anomaly = await db().db('journal_events').where({ kind: 'anomaly' }).orderBy('id', 'desc').first();
      expect(anomaly.details).toMatchObject({ found_by: 'verify', breaks: 1 });
      expect(anomaly.details.first).toContain(`Ticket ${label}`);
    } finally {
      await owner('sale_lines').where({ sale_id: sales[1]!.id, line_no: 2 }).update({ name: line.name });
      await owner.raw('ALTER TABLE sale_lines ENABLE TRIGGER sale_lines_frozen');
    }
    expect((await pos('verify', '--terminal', 'T01', '--from', '2000-01-01')).code).toBe(0);
  });

  it('finds the last ticket missing by a head kept outside, and refuses an unreadable head file', async () => {
    const t01 = await terminal(db().db);
    await commitSale(db().db, await saleRequest(db().db, { terminal: t01, lines: [['BOUL-001', 1]] }));
    const head = await db().db('fiscal_heads').where({ chain: 'ticket', terminal_id: t01.id }).first();
    const file = join(tmpdir(), `heads-${process.pid}-${Date.now()}.json`);
    // A head one link further than the database holds: the link after the last is gone.
    writeFileSync(file, JSON.stringify([{ chain: 'ticket', terminalId: t01.id, terminalCode: 'T01', seq: Number(head.seq) + 1, hash: 'f'.repeat(64) }]));
    const r = await pos('verify', '--head', file, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`Chain ticket of T01: links ${Number(head.seq) + 1} to ${Number(head.seq) + 1} deleted from its end (by the head kept outside the database)\n`);
    writeFileSync(file, '{');
    const bad = await pos('verify', '--head', file);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toBe(`Tête de chaîne attendue illisible : ${file}\n`);
  });

  it('pos sale note prints a sealed note of the basket, not paid, that verify checks', async () => {
    const r = await pos('sale', 'note', '--operator', '1', '--line', 'BOUL-001:2', '--line', 'CAVE-001');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('NOTE (PRO FORMA)');
    expect(r.stdout).toContain('NON PAYÉE');
    expect(r.stdout).toMatch(/Note T01-N\d{6}/);
    expect(r.stdout).toMatch(/Sceau [0-9a-f]{10}/);
    const json = JSON.parse((await pos('sale', 'note', '--operator', '1', '--line', 'BOUL-001', '--json')).stdout) as { note: string; seal: string; total_cents: number };
    expect(json).toMatchObject({ total_cents: 130 });
    expect(await db().db('fiscal_seals').where({ chain: 'note', hash: json.seal }).first()).toBeTruthy();
    expect((await pos('verify')).code).toBe(0);
  });
});
