import { sameHealth, type Health } from '../../drivers/health';
import type { DeviceSet } from './devices';

export type DeviceRole = 'printer' | 'drawer' | 'display' | 'scanner';

export interface DeviceReport {
  role: DeviceRole;
  name: string;
  /** Null until first checked. */
  health: Health | null;
}

export type ScanSourceListener = (code: string, source: string) => void;

/**
 * The till's devices while it runs: checks each one at start without holding up the first
 * frame, keeps checking those that are away until they are back (no restart needed), carries
 * the codes of serial and HID scanners to whoever listens, and tells the status bar what
 * changed. A failed print or drawer kick reports itself here too.
 */
export class DeviceHub {
  private readonly reports: DeviceReport[];
  private readonly changeListeners = new Set<() => void>();
  private readonly scanListeners = new Set<ScanSourceListener>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private stopping: Promise<void> | null = null;
  private checking = false;
  private polls = 0;

  constructor(readonly set: DeviceSet, private readonly pollMs: number) {
    this.reports = [
      { role: 'printer', name: set.printer.name, health: null },
      { role: 'drawer', name: set.drawer.name, health: null },
      ...(set.display ? [{ role: 'display' as const, name: set.display.name, health: null }] : []),
      ...set.scanners.map((s) => ({ role: 'scanner' as const, name: s.name, health: null })),
    ];
  }

  start(): void {
    this.set.scanners.forEach((s, i) =>
      s.start({
        code: (text) => {
          for (const l of this.scanListeners) l(text, s.name);
        },
        health: (h) => this.report(this.scannerReport(i), h),
      }),
    );
    void this.poll();
  }

  private scannerReport(i: number): DeviceReport {
    return this.reports.filter((r) => r.role === 'scanner')[i]!;
  }

  /**
   * Printer, drawer and display are checked at start, then every `pollMs` while one is away;
   * while all are well the printer is checked ten times less often (it may be switched off).
   */
  private async poll(): Promise<void> {
    if (this.stopped || this.checking) return;
    this.checking = true;
    try {
      const due = this.reports.filter((r) => r.role !== 'scanner' && (r.health === null || !r.health.ok || this.polls % 10 === 0));
      this.polls += 1;
      await Promise.all(due.map(async (r) => this.report(r, await this.checkOne(r.role))));
    } finally {
      this.checking = false;
    }
    if (!this.stopped) {
      this.timer = setTimeout(() => void this.poll(), this.pollMs);
      this.timer.unref();
    }
  }

  private checkOne(role: DeviceRole): Promise<Health> {
    if (role === 'printer') return this.set.printer.check();
    if (role === 'drawer') return this.set.drawer.check();
    return this.set.display!.check();
  }

  /** Checks every device now (`pos devices`, or a key on the till). */
  async checkAll(): Promise<DeviceReport[]> {
    await Promise.all(this.reports.filter((r) => r.role !== 'scanner').map(async (r) => this.report(r, await this.checkOne(r.role))));
    return this.list();
  }

  /** What a print, a kick or a write found out about a device. */
  report(roleOrReport: DeviceRole | DeviceReport, health: Health): void {
    const r = typeof roleOrReport === 'string' ? this.reports.find((x) => x.role === roleOrReport) : roleOrReport;
    if (!r || (r.health && sameHealth(r.health, health))) return;
    r.health = health;
    // The drawer on the printer's cable is only as reachable as the printer.
    if (r.role === 'printer' && this.set.drawer.name.startsWith('printer')) this.report('drawer', health);
    for (const l of this.changeListeners) l();
  }

  list(): DeviceReport[] {
    return this.reports.map((r) => ({ ...r }));
  }

  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => void this.changeListeners.delete(listener);
  }

  onScan(listener: ScanSourceListener): () => void {
    this.scanListeners.add(listener);
    return () => void this.scanListeners.delete(listener);
  }

  /** Once: a hub put aside for the till's recorded devices is stopped then, and again by its maker at exit. */
  stop(): Promise<void> {
    if (this.stopping) return this.stopping;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.stopping = Promise.all([...this.set.scanners.map((s) => s.stop()), this.set.display?.close()]).then(() => undefined);
    return this.stopping;
  }
}
