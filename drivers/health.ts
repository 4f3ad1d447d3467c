import type { DeviceErrorCode } from './errors';

/** How a device is, as last seen: shown on the status bar and by `pos devices`. */
export type Health =
  | { ok: true; warning?: 'paperLow' }
  | { ok: false; error: DeviceErrorCode };

export const HEALTHY: Health = { ok: true };

export function sameHealth(a: Health, b: Health): boolean {
  return a.ok === b.ok && (a.ok ? a.warning === (b as typeof a).warning : a.error === (b as typeof a).error);
}
