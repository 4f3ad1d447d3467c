// A month's archive against real PostgreSQL, then checked with the database dropped: it verifies
// on its own (here and with the README's script of standard tools), and fails when any one byte
// of it is changed, or when checked with another store's key.
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase, type TestDatabase } from '../../../testing/db';
import { terminal } from '../../../testing/fixtures';
import { sellAt } from '../../../testing/sellAt';
import { fixedClock } from '../../../domain/clock';
import { closeNow } from '../../closings/service';
import { journalEvent } from '../journal';
import { checkArchive } from './check';
import { makeArchive } from './make';

let t: TestDatabase | null;
let dir: string;
let text: string;
let file: string;
let sealedInMonth: number;

function sh(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((done) => execFile('sh', args, (e, stdout, stderr) => done({ code: e ? Number(e.code ?? 1) : 0, out: stdout + stderr })));
}

beforeAll(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'pos-archive-'));
  const db = t.db;
  await sellAt(db, 'T01', '2026-10-31T22:00:00+01:00', [['BOUL-001', 1]]); // the month before
  await sellAt(db, 'T01', '2026-11-02T10:00:00+01:00', [['BOUL-006', 2], ['EPIC-001', 1]]);
  await sellAt(db, 'T01', '2026-11-20T10:00:00+01:00', [['CAVE-001', 1]], { tenders: [['card', null]] });
  await sellAt(db, 'T02', '2026-11-20T11:00:00+01:00', [['SNAK-001', 3]]);
  const t01 = await terminal(db, 'T01');
  const config = { timeZone: 'Europe/Paris', dataDir: dir, clock: fixedClock('2026-12-01T08:00:00+01:00'), closings: { autoClose: true, fiscalYearStartMonth: 1 } };
  await closeNow(db, config, { scope: { scope: 'store', storeId: t01.storeId, terminalId: null }, kind: 'month', day: '2026-11-01', operatorId: 2, via: 'test', terminalId: t01.id });
  await journalEvent(db, { terminalId: t01.id, kind: 'no_sale', operatorId: 1 }); // today: not November's
  const made = await makeArchive(db, { storeId: t01.storeId, period: '2026-11', timeZone: 'Europe/Paris', now: new Date('2026-12-01T09:00:00Z') });
  text = made.text;
  file = join(dir, 'archive.json');
  await writeFile(file, text);
  sealedInMonth = made.body.chains.reduce((n, c) => n + c.links.length, 0);
  expect(made.body.chains.find((c) => c.chain === 'ticket' && c.terminal === 'T01')!.links.map((l) => l.ticketNo)).toHaveLength(2);
  expect(made.body.closings.map((c) => c.kind).sort()).toContain('month');
  // Checked from here on with the database gone.
  await dropTestDatabase(t);
  t = null;
});
afterAll(async () => {
  if (t) await dropTestDatabase(t);
  await rm(dir, { recursive: true, force: true });
});

describe('pos archive', () => {
  it('verifies on its own, the database dropped', () => {
    const r = checkArchive(Buffer.from(text, 'utf8'));
    expect(r.breaks).toEqual([]);
    expect(r).toMatchObject({ ok: true, links: sealedInMonth });
    // The journal's events are dated by the database's clock (today), not in November: none here.
    expect(r.body!.chains.map((c) => `${c.chain} ${c.terminal}`).sort()).toEqual(['ticket T01', 'ticket T02']);
    // Only November's tickets: the one of 31/10 is not in it (its seal is the first link's previous).
    const t01 = r.body!.chains.find((c) => c.chain === 'ticket' && c.terminal === 'T01')!;
    expect(t01.links[0]!.seq).toBe(2);
  });

  it('fails when any one byte is changed', () => {
    const bytes = Buffer.from(text, 'utf8');
    // Every byte of the frame and of the signature, and a spread of the body's.
    const at = new Set<number>();
    for (let i = 0; i < 400; i++) at.add(i);
    for (let i = bytes.length - 200; i < bytes.length; i++) at.add(i);
    for (let i = 0; i < bytes.length; i += Math.max(1, Math.floor(bytes.length / 500))) at.add(i);
    for (const i of at) {
      const changed = Buffer.from(bytes);
      changed[i] = changed[i]! ^ 0x01;
      expect(checkArchive(changed).ok, `byte ${i}`).toBe(false);
    }
    // A blank made another blank still changes the file.
    expect(checkArchive(Buffer.from(text.replace(/\n$/, ' '), 'utf8')).ok).toBe(false);
  });

  it('fails with another store’s key given', () => {
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const r = checkArchive(Buffer.from(text, 'utf8'), other);
    expect(r.breaks.map((b) => b.key)).toEqual(['archive.break.otherKey', 'archive.break.signature', ...r.breaks.slice(2).map(() => 'fiscal.break.closing.signature')]);
  });

  it('checks with the README’s script of standard tools, and fails on a changed byte', async () => {
    const readme = await readFile(resolve(import.meta.dirname, '../../../../README.md'), 'utf8');
    const script = /<!-- check-archive\.sh -->\n```sh\n([\s\S]*?)```\n<!-- \/check-archive\.sh -->/.exec(readme)![1]!;
    const path = join(dir, 'check-archive.sh');
    await writeFile(path, script);
    const ok = await sh([path, file]);
    expect(ok.out).toMatch(/^OK: 2026-11, key [0-9a-f]{16}\n$/);
    expect(ok.code).toBe(0);
    // One digit of a ticket's record changed inside the body.
    const parsed = JSON.parse(text) as { body: string };
    const at = parsed.body.indexOf('"record":"[') + 12;
    const digit = parsed.body.slice(at).search(/[0-9]/) + at;
    const body = parsed.body.slice(0, digit) + String((Number(parsed.body[digit]) + 1) % 10) + parsed.body.slice(digit + 1);
    const forged = join(dir, 'forged.json');
    await writeFile(forged, JSON.stringify({ ...parsed, body }) + '\n');
    const bad = await sh([path, forged]);
    expect(bad.code).not.toBe(0);
    expect(bad.out).toMatch(/^BAD: sha256/);
  });
});
