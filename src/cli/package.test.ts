// The artifact store IT copies to a thin client: the npm tarball of the built till. It must hold
// the bundle and nothing of the sources, and install with nothing but the registry (here npm's
// cache, filled by `npm ci`), then run as `pos` against the store server.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing/db';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

describe('the npm tarball a thin client installs', () => {
  const testDb = useTestDatabase();
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pos-pack-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('holds the bundle and no source, installs from the registry alone, and runs as pos', async () => {
    // The bundle is already built (npm ci ran prepare): packing must not rebuild it under the
    // other tests that run bin/pos.
    const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    const [pack] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    const paths = pack!.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['bin/pos', 'dist/pos.mjs', 'dist/embedded-watchdog.mjs', 'config/default.json', 'package.json', 'README.md']));
    expect(paths.filter((p) => p.startsWith('src/') || p.startsWith('migrations/') || /\.test\.|\.ci\//.test(p))).toEqual([]);

    const place = join(dir, 'install');
    await mkdir(place);
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--omit=dev', '--ignore-scripts', join(dir, pack!.filename)], { cwd: place, maxBuffer: 16 * 1024 * 1024 });

    const home = join(dir, 'home');
    await mkdir(home);
    const { stdout: items } = await run(join(place, 'node_modules', '.bin', 'pos'), ['item', 'list', '--limit', '1', '--json'], {
      cwd: home,
      env: { PATH: process.env.PATH, POS_HOME: home, DATABASE_URL: testDb().url },
    });
    expect(JSON.parse(items)).toMatchObject({ items: [expect.objectContaining({ sku: expect.any(String) })] });
  }, 240_000);
});
