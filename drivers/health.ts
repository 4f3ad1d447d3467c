import type { DeviceErrorCode } from './errors';

/**
 * What a device that works may still want said: paper running low; a printer that takes jobs
 * but never answered a status query (a print server, a printer without real-time status), so
 * nobody knows whether its receipts came out; status queries turned off in the configuration.
 */
export type HealthWarning = 'paperLow' | 'statusUnknown' | 'statusOff';

/** How a device is, as last seen: shown on the status bar and by `pos devices`. */
export type Health =
  | { ok: true; warning?: HealthWarning }
  | { ok: false; error: DeviceErrorCode };

export const HEALTHY: Health = { ok: true };

/** Whether a job the printer took came out unseen: it was sent, the printer said nothing after. */
export function statusUnknown(h: Health): boolean {
  return h.ok && (h.warning === 'statusUnknown' || h.warning === 'statusOff');
}

export function sameHealth(a: Health, b: Health): boolean {
  return a.ok === b.ok && (a.ok ? a.warning === (b as typeof a).warning : a.error === (b as typeof a).error);
}
