// `pos archive` and `pos verify --archive` through bin/pos against real PostgreSQL: the month's
// archive is written and journalled, then checked with no database reachable; a byte changed fails.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sellAt } from '../../testing/sellAt';
import { useCli } from '../testCli';

describe('pos archive', () => {
  const { db, root, pos, posEnv } = useCli();

  it('writes a month’s signed archive, journals it, and pos verify --archive checks it without the database', async () => {
    await sellAt(db().db, 'T01', '2026-11-20T10:00:00+01:00', [['BOUL-001', 2]]);
    await sellAt(db().db, 'T02', '2026-11-21T10:00:00+01:00', [['CAVE-001', 1]]);
    const file = join(root(), 'nov.json');
    const made = await pos('archive', '--period', '2026-11', '--out', file, '--json');
    expect(made).toMatchObject({ code: 0, stderr: '' });
    const doc = JSON.parse(made.stdout) as { file: string; links: number; sha256: string };
    expect(doc).toMatchObject({ file, links: 2 });
    const event = await db().db('journal_events').where({ kind: 'archive' }).first();
    expect(event.details).toMatchObject({ period: '2026-11', sha256: doc.sha256, links: 2 });

    const nowhere = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };
    const ok = await posEnv(nowhere, 'verify', '--archive', file, '--lang', 'en');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^OK: archive of 2026-11 \(.+\), 2 links and 0 closings verified, signature valid \(key [0-9a-f]{16}\)\nChecked with the public key inside the archive/);
    const key = join(root(), 'store.pem');
    expect((await pos('close', 'key', '--export', key)).code).toBe(0);
    expect((await posEnv(nowhere, 'verify', '--archive', file, '--public-key', key)).code).toBe(0);
    // The database's chains, their closings' signatures checked with that key too.
    expect((await pos('verify', '--public-key', key)).code).toBe(0);

    const bytes = readFileSync(file);
    const mid = Math.floor(bytes.length / 2);
    bytes[mid] = bytes[mid]! ^ 0x01;
    writeFileSync(file, bytes);
    const bad = await posEnv(nowhere, 'verify', '--archive', file, '--public-key', key);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/rupture/);
    expect(await pos('archive', '--period', '2026-13')).toMatchObject({ code: 1, stderr: 'Période invalide : « 2026-13 » (un mois, AAAA-MM)\n' });
  });
});
