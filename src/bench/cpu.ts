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

/**
 * CPU milliseconds over a measure: the client's (the bench process for the tills, pgbench for
 * its references) and the whole machine's. With the server on the same machine, the rest is the
 * server's work (PostgreSQL and the system under it).
 */
export interface CpuSpent {
  clientMs: number;
  machineMs: number;
}

/** Milliseconds of CPU the machine spent between two marks, all cores together; NaN off Linux. */
function busyMs(from: CpuMark | null, to: CpuMark | null): number {
  if (!from || !to) return Number.NaN;
  return ((to.busyTicks - from.busyTicks) * 1000) / CLOCK_TICKS;
}

// Linux counts /proc times in USER_HZ, 100 on every architecture it runs on.
const CLOCK_TICKS = 100;

/**
 * CPU milliseconds this process has used, and those of the children it has waited for (pgbench
 * run by the bench): what the client side of a measure costs, apart from the server's.
 */
function processCpuMs(): { own: number; children: number } {
  const usage = process.cpuUsage();
  let children = Number.NaN;
  try {
    // cutime and cstime, fields 16 and 17 in proc(5), counted after the command's name (which may hold spaces).
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    children = ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS;
  } catch {
    // Not Linux: the children's share stays unknown.
  }
  return { own: (usage.user + usage.system) / 1000, children };
}

/**
 * Starts a measure; the function returned gives the CPU spent since, by the client (this process,
 * or the children it has waited for since: pgbench) and by the whole machine; null off Linux.
 */
export function cpuMeter(client: 'own' | 'children'): () => CpuSpent | null {
  const machine = cpuMark();
  const before = processCpuMs()[client];
  return () => {
    const machineMs = busyMs(machine, cpuMark());
    const clientMs = processCpuMs()[client] - before;
    return Number.isFinite(machineMs) && Number.isFinite(clientMs) ? { clientMs, machineMs } : null;
  };
}
