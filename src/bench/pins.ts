// What a stolen operators table costs: one PIN verification at the shop's scrypt cost, timed
// on one core, and what trying all 10,000 four-digit PINs of one operator takes from it. The
// same figure is the wait at the till when a PIN is typed (target: well under 300 ms).
import { hashPin, PIN_COST, verifyPin } from '../app/pin';
import { section, type SummaryRow } from './report';
import { percentile } from './stats';

export interface PinFigures {
  N: number;
  r: number;
  runs: number;
  /** Wall time of one verification: what the cashier waits, on a machine this busy. */
  medianMs: number;
  p95Ms: number;
  /** CPU time of one verification (this process's): the attacker's cost, whatever else runs. */
  cpuMs: number;
}

export function measurePins(runs: number): PinFigures {
  const stored = hashPin('4821');
  verifyPin('0000', stored); // the first call pays for loading scrypt's code
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    verifyPin(String(i % 10_000).padStart(4, '0'), stored);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    times.push(performance.now() - t);
  }
  return { N: PIN_COST.N, r: PIN_COST.r, runs, medianMs: percentile(times, 50), p95Ms: percentile(times, 95), cpuMs: percentile(cpu, 50) };
}

export function reportPins(f: PinFigures, number: number): SummaryRow[] {
  // Trying PINs is CPU work: the CPU time per try is the attacker's cost on a core of their own.
  const allHours = (f.cpuMs * 10_000) / 3_600_000;
  section(`${number}. PIN verification (scrypt N=${f.N}, r=${f.r}, ${(128 * f.N * f.r) / 2 ** 20} MiB)`);
  console.log(`  one verification: ${f.cpuMs.toFixed(0)} ms of CPU; wall time median ${f.medianMs.toFixed(0)} ms, p95 ${f.p95Ms.toFixed(0)} ms (${f.runs} runs; the wall time grows with the machine's load)`);
  console.log(`  all 10,000 four-digit PINs of one operator, one core: ${allHours >= 1 ? `${allHours.toFixed(1)} h` : `${(allHours * 60).toFixed(0)} min`}`);
  return [
    { measure: 'PIN check at the till (CPU)', figure: `${f.cpuMs.toFixed(0)} ms`, target: '< 300 ms', met: f.cpuMs < 300 },
    { measure: '10,000 PINs tried, one core', figure: allHours >= 1 ? `${allHours.toFixed(1)} h` : `${(allHours * 60).toFixed(0)} min`, target: '≥ 1 h', met: allHours >= 1 },
  ];
}
