// `pos serve` as it runs: the bundled bin/pos in a process of its own, asked over HTTP, stopped by a signal.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../app/apiKeys';
import { useTestDatabase } from '../../testing/db';

const project = resolve(import.meta.dirname, '../../..');

describe('pos serve, spawned', () => {
  const testDb = useTestDatabase();
  let dataDir = '';
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pos-serve-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('listens on the address given, answers to a live key, and ends cleanly on SIGTERM', async () => {
    const { key } = await createApiKey(testDb().db, 'eshop', 'M01');
    const outer = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('POS_')));
    const child = spawn(process.execPath, [join(project, 'bin/pos'), 'serve', '--port', '0'], {
      cwd: dataDir,
      env: { ...outer, DATABASE_URL: testDb().url, POS_DATA_DIR: dataDir },
    });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const url = await new Promise<string>((done, fail) => {
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (m) done(m[1]!);
      });
      void exited.then(() => fail(new Error(`pos serve ended: ${stderr}`)));
    });
    try {
      expect(stderr).toBe(`API des bons d’achat à l’écoute sur ${url} (Ctrl+C pour arrêter)\n`);
      const denied = await fetch(`${url}/v1/vouchers/K7QM-4HXT-9CWR-PN`);
      expect(denied.status).toBe(401);
      const unknown = await fetch(`${url}/v1/vouchers/22222222222222`, { headers: { authorization: `Bearer ${key}` } });
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toEqual({ error: 'voucher.unknown', message: 'Bon d’achat inconnu : 2222-2222-2222-22' });
      // The bundle carries the framework whole: the bad address, the document made from the schemas.
      const malformed = await fetch(`${url}/v1/vouchers/%ZZ`, { headers: { authorization: `Bearer ${key}` } });
      expect({ status: malformed.status, body: await malformed.json() }).toMatchObject({ status: 400, body: { error: 'api.urlMalformed' } });
      const doc = await fetch(`${url}/v1/openapi.json`);
      expect(doc.status).toBe(200);
      expect(Object.keys(((await doc.json()) as { paths: object }).paths)).toEqual(expect.arrayContaining(['/v1/vouchers/{code}', '/v1/vouchers/{code}/redeem']));
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stdout).toBe('');
  });
});
