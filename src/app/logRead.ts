import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { logDir } from './log';

// `pos logs`: the last lines of the till's log, across the rolled files, newest last.

export interface LogLine {
  time: number;
  level: number;
  msg: string;
  till: string | null;
  operator: string | null;
  sale: string | null;
  /** The rest of the line's fields (the error, the command…). */
  extra: Record<string, unknown>;
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
export const LEVEL_NAMES = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;

/** The rolled files, oldest first (pos.1.log, pos.2.log… by their number). */
async function files(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .map((n) => ({ n, k: /^pos\.(\d+)\.log$/.exec(n) }))
    .filter((x) => x.k)
    .sort((a, b) => Number(a.k![1]) - Number(b.k![1]))
    .map((x) => join(dir, x.n));
}

export function parseLine(text: string): LogLine | null {
  try {
    const o = JSON.parse(text) as Record<string, unknown>;
    const { time, level, msg, till, operator, sale, pid: _pid, hostname: _h, ...extra } = o;
    return { time: Number(time), level: Number(level), msg: String(msg ?? ''), till: (till as string) ?? null, operator: (operator as string) ?? null, sale: (sale as string) ?? null, extra };
  } catch {
    return null;
  }
}

/** The last `count` lines at `minLevel` or above, oldest first. */
export async function recentLogs(dataDir: string, count: number, minLevel = 0): Promise<LogLine[]> {
  const out: LogLine[] = [];
  const all = await files(logDir(dataDir));
  for (let i = all.length - 1; i >= 0 && out.length < count; i--) {
    const lines = (await readFile(all[i]!, 'utf8')).split('\n').filter(Boolean).map(parseLine).filter((l): l is LogLine => l !== null && l.level >= minLevel);
    out.unshift(...lines.slice(Math.max(0, lines.length - (count - out.length))));
  }
  return out;
}

/** One line for people: time in the shop's zone, level, till, operator, sale, message, then the error or other fields. */
export function formatLogLine(l: LogLine, timeZone: string): string {
  const when = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(l.time));
  const who = [l.till ?? '-', l.operator ? `op=${l.operator}` : null, l.sale ? `sale=${l.sale}` : null].filter(Boolean).join(' ');
  const err = l.extra.err as { message?: string; type?: string } | undefined;
  const rest = Object.fromEntries(Object.entries(l.extra).filter(([k]) => k !== 'err'));
  const tail = [err ? `${err.type ?? 'Error'}: ${err.message ?? ''}` : null, Object.keys(rest).length ? JSON.stringify(rest) : null].filter(Boolean).join(' ');
  return `${when} ${(LEVELS[l.level] ?? String(l.level)).padEnd(5)} ${who}  ${l.msg}${tail ? ` — ${tail}` : ''}`;
}
