import pkg from '../../package.json';

/** This program's version (package.json), as schema_versions and `pos doctor` compare it. */
export const APP_VERSION: string = pkg.version;

/** -1, 0 or 1 as `a` is older, the same or newer than `b` (x.y.z; a suffix after a '-' is ignored). */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split('-')[0]!.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}
