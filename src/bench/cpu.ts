// CPU the whole machine spent over a stretch of time, from /proc/stat (Linux). With the server
// on the same machine it tells the work behind each commit, client and server together.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

export interface CpuMark {
  busyTicks: number;
  totalTicks: number;
}

export function cpuMark(): CpuMark | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal …: idle and iowait are not work.
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busyTicks: total - fields[3]! - fields[4]!, totalTicks: total };
  } catch {
    return null;
  }
}

/** Cores kept busy between two marks (0 … number of CPUs), or NaN off Linux. */
export function busyCores(from: CpuMark | null, to: CpuMark | null): number {
  if (!from || !to || to.totalTicks === from.totalTicks) return Number.NaN;
  return ((to.busyTicks - from.busyTicks) / (to.totalTicks - from.totalTicks)) * cpus().length;
}
