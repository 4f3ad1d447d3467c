import type { DeviceReport } from '../deviceHub';
import type { MessageKey } from '../../i18n/messages';
import { compareVersions } from '../../domain/version';

// What `pos doctor` found, judged by pure rules from what it measured (doctor.ts). Each finding
// says what was found and, unless all is well, what to do about it.

export type CheckId = 'server' | 'schema' | 'role' | 'clock' | 'till' | 'disk' | 'device' | 'journal';
export type Status = 'ok' | 'warn' | 'fail' | 'skip';

export interface Finding {
  check: CheckId;
  status: Status;
  /** What was found. */
  found: MessageKey;
  /** What to do; null when nothing is. */
  advice: MessageKey | null;
  params: Record<string, string | number>;
}

const finding = (check: CheckId, status: Status, found: MessageKey, advice: MessageKey | null, params: Record<string, string | number> = {}): Finding => ({ check, status, found, advice, params });

/** The oldest PostgreSQL the till supports (README). */
export const MIN_SERVER_MAJOR = 13;

export function judgeServer(p: { reachable: true; version: string; where: string } | { reachable: false; reason: string; where: string }): Finding {
  if (!p.reachable) return finding('server', 'fail', 'doctor.server.unreachable', 'doctor.server.unreachableDo', { where: p.where, reason: p.reason });
  const major = Number.parseInt(p.version, 10);
  if (major < MIN_SERVER_MAJOR) return finding('server', 'fail', 'doctor.server.old', 'doctor.server.oldDo', { version: p.version, min: MIN_SERVER_MAJOR, where: p.where });
  return finding('server', 'ok', 'doctor.server.ok', null, { version: p.version, where: p.where });
}

export interface SchemaProbe {
  pending: number;
  unknown: number;
  minTillVersion: string;
  migratedBy: string | null;
  mine: string;
  applied: number;
}

export function judgeSchema(p: SchemaProbe): Finding {
  const params = { mine: p.mine, need: p.minTillVersion, by: p.migratedBy ?? '—', pending: p.pending, applied: p.applied };
  if (compareVersions(p.mine, p.minTillVersion) < 0) return finding('schema', 'fail', 'doctor.schema.tooOld', 'doctor.schema.tooOldDo', params);
  if (p.pending > 0) return finding('schema', 'fail', 'doctor.schema.behind', 'doctor.schema.behindDo', params);
  if (p.unknown > 0) return finding('schema', 'warn', 'doctor.schema.newer', 'doctor.schema.newerDo', params);
  return finding('schema', 'ok', 'doctor.schema.ok', null, params);
}

export function judgeRole(p: { user: string; superuser: boolean; owner: boolean; tillMember: boolean; embedded: boolean; rewritesHistory?: boolean; cannotSell?: boolean }): Finding {
  if (p.superuser || p.owner) return finding('role', 'fail', p.superuser ? 'doctor.role.superuser' : 'doctor.role.owner', 'doctor.role.ownerDo', { user: p.user });
  if (!p.tillMember) return finding('role', 'fail', 'doctor.role.notTill', 'doctor.role.notTillDo', { user: p.user });
  // Rights given by hand beside the role's: a till that may rewrite a ticket, or one missing what selling needs.
  if (p.rewritesHistory) return finding('role', 'fail', 'doctor.role.tooMuch', 'doctor.role.tooMuchDo', { user: p.user });
  if (p.cannotSell) return finding('role', 'fail', 'doctor.role.tooLittle', 'doctor.role.tooLittleDo', { user: p.user });
  return finding('role', 'ok', 'doctor.role.ok', null, { user: p.user });
}

/** Beyond these, a skew is said: receipts, closings and offline sales carry the time. */
export const CLOCK_WARN_MS = 2_000;
export const CLOCK_FAIL_MS = 60_000;

export function judgeClock(skewMs: number): Finding {
  const params = { seconds: (Math.round(skewMs / 100) / 10).toFixed(1), ahead: skewMs > 0 ? 'ahead' : 'behind' };
  const abs = Math.abs(skewMs);
  if (abs >= CLOCK_FAIL_MS) return finding('clock', 'fail', skewMs > 0 ? 'doctor.clock.ahead' : 'doctor.clock.behind', 'doctor.clock.do', params);
  if (abs >= CLOCK_WARN_MS) return finding('clock', 'warn', skewMs > 0 ? 'doctor.clock.ahead' : 'doctor.clock.behind', 'doctor.clock.do', params);
  return finding('clock', 'ok', 'doctor.clock.ok', null, params);
}

export const DISK_WARN_BYTES = 500 * 1024 ** 2;
export const DISK_FAIL_BYTES = 100 * 1024 ** 2;

export function judgeDisk(p: { dir: string; freeBytes: number }): Finding {
  const params = { dir: p.dir, free: Math.floor(p.freeBytes / 1024 ** 2) };
  if (p.freeBytes < DISK_FAIL_BYTES) return finding('disk', 'fail', 'doctor.disk.low', 'doctor.disk.do', params);
  if (p.freeBytes < DISK_WARN_BYTES) return finding('disk', 'warn', 'doctor.disk.low', 'doctor.disk.do', params);
  return finding('disk', 'ok', 'doctor.disk.ok', null, params);
}

export function judgeDevice(r: DeviceReport): Finding {
  const params = { role: r.role, address: r.name };
  if (!r.health) return finding('device', 'warn', 'doctor.device.unknown', 'doctor.device.do', params);
  if (!r.health.ok) return finding('device', 'fail', 'doctor.device.down', 'doctor.device.do', { ...params, error: r.health.error });
  if (r.health.warning === 'paperLow') return finding('device', 'warn', 'doctor.device.paperLow', 'doctor.device.paperDo', params);
  return finding('device', 'ok', 'doctor.device.ok', null, params);
}

/** The devices this till's configuration uses against those recorded for it (pos terminal edit). */
export function judgeRecordedDevices(p: { till: string; differ: string[] }): Finding | null {
  if (p.differ.length === 0) return null;
  return finding('device', 'warn', 'doctor.device.differ', 'doctor.device.differDo', { till: p.till, roles: p.differ.join(', ') });
}

export function judgeJournal(p: { offline: number; spooled: number; unprinted: number }): Finding[] {
  const out: Finding[] = [];
  if (p.offline > 0) out.push(finding('journal', 'warn', 'doctor.journal.offline', 'doctor.journal.offlineDo', { n: p.offline }));
  if (p.spooled > 0) out.push(finding('journal', 'warn', 'doctor.journal.spooled', 'doctor.journal.spooledDo', { n: p.spooled }));
  if (p.unprinted > 0) out.push(finding('journal', 'warn', 'doctor.journal.unprinted', 'doctor.journal.unprintedDo', { n: p.unprinted }));
  if (out.length === 0) out.push(finding('journal', 'ok', 'doctor.journal.ok', null));
  return out;
}

export function skipped(check: CheckId): Finding {
  return finding(check, 'skip', 'doctor.skipped', null);
}

/** The worst status of all: what the command's exit code says. */
export function worst(findings: readonly Finding[]): Status {
  return findings.some((f) => f.status === 'fail') ? 'fail' : findings.some((f) => f.status === 'warn') ? 'warn' : 'ok';
}
