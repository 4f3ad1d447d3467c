// `npm start` bundles the till again only when something that goes into dist/ changed.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const project = resolve(import.meta.dirname, '../..');

/** bin/fresh.mjs's answer for a project folder, asked of a node of its own as bin/start.mjs does. */
async function staleInput(root: string): Promise<string | null> {
  const fresh = join(project, 'bin', 'fresh.mjs');
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(fresh)}); console.log(JSON.stringify(m.staleInput(${JSON.stringify(root)})))`]);
  return JSON.parse(stdout) as string | null;
}

describe('npm start', () => {
  it('opens the bundle the last build made when nothing changed since', async () => {
    // dist/ was built by the global setup a moment ago.
    const before = await stat(join(project, 'dist', 'pos.mjs'));
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('POS_') && !k.startsWith('npm_')));
    const r = await run('npm', ['start', '--silent', '--', '--help'], { cwd: project, env });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Utilisation : pos /);
    const after = await stat(join(project, 'dist', 'pos.mjs'));
    expect({ ino: after.ino, mtime: after.mtimeMs }).toEqual({ ino: before.ino, mtime: before.mtimeMs });
  });

  it('tells a source newer than the build, a source gone, and a folder never built', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pos-fresh-'));
    try {
      expect(await staleInput(root)).toBe('dist/inputs.json');
      await mkdir(join(root, 'dist'));
      await mkdir(join(root, 'src'));
      await writeFile(join(root, 'src', 'a.ts'), '');
      await writeFile(join(root, 'src', 'b.ts'), '');
      const startedAt = Date.now();
      const past = new Date(startedAt - 60_000);
      await utimes(join(root, 'src', 'a.ts'), past, past);
      await utimes(join(root, 'src', 'b.ts'), past, past);
      await writeFile(join(root, 'dist', 'inputs.json'), JSON.stringify({ startedAt, inputs: ['src/a.ts', 'src/b.ts'] }));
      expect(await staleInput(root)).toBeNull();

      const now = new Date(startedAt + 1000);
      await utimes(join(root, 'src', 'b.ts'), now, now);
      expect(await staleInput(root)).toBe('src/b.ts');
      await utimes(join(root, 'src', 'b.ts'), past, past);
      await rm(join(root, 'src', 'a.ts'));
      expect(await staleInput(root)).toBe('src/a.ts');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
