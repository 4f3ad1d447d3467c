import { useEffect, useMemo, useState } from 'react';
import type { DeviceHub, DeviceReport } from '../../app/deviceHub';
import type { QueueState } from '../../app/printing';
import type { Config } from '../../config/schema';
import { t } from '../../i18n/messages';

export interface DeviceStatus {
  text: string;
  error: boolean;
}

/** The status bar's word on devices: only what needs attention (a device away, receipts to print). */
export function deviceStatusText(reports: readonly DeviceReport[], queue: QueueState | null, config: Pick<Config, 'lang' | 'keys'>): DeviceStatus | null {
  const { lang } = config;
  const parts: string[] = [];
  let error = false;
  const printer = reports.find((r) => r.role === 'printer');
  for (const r of reports) {
    if (!r.health) continue;
    // A drawer on the printer's cable is away when the printer is, and has no paper or status
    // of its own: said once, of the printer.
    if (r.role === 'drawer' && r.name.startsWith('printer') && (r.health.ok || (printer?.health && !printer.health.ok))) continue;
    if (!r.health.ok) {
      error = true;
      parts.push(t(lang, 'status.device', { role: t(lang, `device.role.${r.role}`), state: t(lang, `device.error.${r.health.error}`) }));
    } else if (r.health.warning && r.health.warning !== 'statusOff') {
      // Status queries turned off are the shop's choice, nothing to draw the cashier's eye to.
      parts.push(t(lang, 'status.device', { role: t(lang, `device.role.${r.role}`), state: t(lang, `device.state.${r.health.warning}`) }));
    }
  }
  // What waits for the cashier's key comes first: the bar may be too short for the rest.
  const failed = queue?.failed.length ?? 0;
  if (failed > 0) {
    error = true;
    parts.unshift(t(lang, 'status.unprinted', { n: failed, key: config.keys.reprint[0]!.toUpperCase() }));
  }
  return parts.length > 0 ? { text: parts.join(' · '), error } : null;
}

/** Follows the device hub and the print queue; the same words give the same object (no redraw). */
export function useDeviceStatus(hub: DeviceHub, queue: QueueState | null, config: Pick<Config, 'lang' | 'keys'>): DeviceStatus | null {
  const [reports, setReports] = useState(() => hub.list());
  // A hub put in place of another (the till's recorded devices) is shown at once.
  useEffect(() => {
    setReports(hub.list());
    return hub.onChange(() => setReports(hub.list()));
  }, [hub]);
  const status = deviceStatusText(reports, queue, config);
  return useMemo(() => status, [status?.text, status?.error]);
}
