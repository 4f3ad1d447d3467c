// The programs some tests drive for real: socat (serial lines as pseudo-terminal pairs), zbarimg
// (barcodes read back by a real reader), tmux (the till in a real terminal). On a developer's
// machine a missing one skips those tests and says so; in CI (CI=true) it fails them, by name,
// since a green run that silently tested less is the failure this guards against.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export type Tool = 'socat' | 'zbarimg' | 'tmux' | 'systemd-analyze';

/** The Debian package that brings each program (what .ci/run installs). */
const PACKAGES: Record<Tool, string> = { socat: 'socat', zbarimg: 'zbar-tools', tmux: 'tmux', 'systemd-analyze': 'systemd' };

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
  return onPath(tool, path) ? null : `${tool} is not installed (Debian package ${PACKAGES[tool]})`;
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
