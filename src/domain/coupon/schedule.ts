// When a coupon may be used (its "planning"): days of the week and a time window, read on the
// shop's wall clock. A window whose end is not after its start runs across midnight and belongs
// to the day it starts: "ven 22:00-02:00" is Friday 22:00 to Saturday 02:00.

export interface ScheduleWindow {
  /** ISO weekdays: 1 = Monday … 7 = Sunday. */
  days: number[];
  /** Minutes after midnight; `to` ≤ `from` runs across midnight (equal: 24 hours). */
  from: number;
  to: number;
}

/** What a wall clock shows at an instant in a time zone. */
export interface LocalTime {
  /** 'YYYY-MM-DD' */
  day: string;
  weekday: number;
  minutes: number;
}

// Full names; a day is written with three letters or more of its name ("mar", "mardi", "tue").
const DAY_NAMES = [
  ['lundi', 'monday'], ['mardi', 'tuesday'], ['mercredi', 'wednesday'], ['jeudi', 'thursday'],
  ['vendredi', 'friday'], ['samedi', 'saturday'], ['dimanche', 'sunday'],
];

function dayNumber(word: string): number | undefined {
  const w = word.trim().toLowerCase();
  if (w.length < 3) return undefined;
  const i = DAY_NAMES.findIndex((names) => names.some((n) => n.startsWith(w)));
  return i < 0 ? undefined : i + 1;
}
const SHORT = { fr: ['lun', 'mar', 'mer', 'jeu', 'ven', 'sam', 'dim'], en: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] } as const;
const WEEKDAY_EN: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

// One formatter per time zone: making one costs far more than using it.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function localTime(at: Date, timeZone: string): LocalTime {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    formatters.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(at)) p[part.type] = part.value;
  return { day: `${p.year}-${p.month}-${p.day}`, weekday: WEEKDAY_EN[p.weekday!]!, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

function windowHas(w: ScheduleWindow, t: LocalTime): boolean {
  if (w.from < w.to) return w.days.includes(t.weekday) && t.minutes >= w.from && t.minutes < w.to;
  const yesterday = t.weekday === 1 ? 7 : t.weekday - 1;
  return (w.days.includes(t.weekday) && t.minutes >= w.from) || (w.days.includes(yesterday) && t.minutes < w.to);
}

/** True when the schedule allows this instant (an empty schedule allows any). */
export function inSchedule(schedule: readonly ScheduleWindow[], at: Date, timeZone: string): boolean {
  if (schedule.length === 0) return true;
  const t = localTime(at, timeZone);
  return schedule.some((w) => windowHas(w, t));
}

export function checkSchedule(schedule: readonly ScheduleWindow[]): boolean {
  const minute = (m: number) => Number.isInteger(m) && m >= 0 && m < 24 * 60;
  return schedule.length <= 20 && schedule.every((w) =>
    w.days.length > 0 && w.days.every((d) => Number.isInteger(d) && d >= 1 && d <= 7) && minute(w.from) && minute(w.to));
}

function parseDays(text: string): number[] | null {
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const [a, b] = part.split('-').map(dayNumber);
    if (a === undefined || (part.includes('-') && b === undefined)) return null;
    // A range may wrap the week: "sam-lun" is Saturday, Sunday, Monday.
    for (let d = a, n = 0; n < 7; d = (d % 7) + 1, n++) {
      days.add(d);
      if (d === (b ?? a)) break;
    }
  }
  return [...days].sort((x, y) => x - y);
}

function parseClock(text: string): number | null {
  const m = /^(\d{1,2})(?:[:h](\d{2})?)?$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2] ?? 0);
  // "24:00" closes a window at midnight.
  if (h === 24 && min === 0) return 0;
  return h < 24 && min < 60 ? h * 60 + min : null;
}

/**
 * "mar-jeu 14:00-16:00; ven,sam 22h-2h; dim" (French or English day names; no time: the whole
 * day). Empty text: no schedule. Null when the text cannot be read.
 */
export function parseSchedule(text: string): ScheduleWindow[] | null {
  const out: ScheduleWindow[] = [];
  for (const chunk of text.split(';').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\S+)(?:\s+(\S+)\s*-\s*(\S+))?$/.exec(chunk);
    if (!m) return null;
    const days = parseDays(m[1]!);
    const from = m[2] === undefined ? 0 : parseClock(m[2]);
    const to = m[3] === undefined ? 0 : parseClock(m[3]);
    if (!days || from === null || to === null) return null;
    out.push({ days, from, to });
  }
  return checkSchedule(out) ? out : null;
}

const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

function formatDays(days: readonly number[], lang: 'fr' | 'en'): string {
  const names = SHORT[lang];
  const runs: string[] = [];
  for (let i = 0; i < days.length; i++) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j]! + 1) j++;
    runs.push(j - i >= 2 ? `${names[days[i]! - 1]}-${names[days[j]! - 1]}` : days.slice(i, j + 1).map((d) => names[d - 1]).join(','));
    i = j;
  }
  return runs.join(',');
}

/** The schedule as parseSchedule reads it back: "mar-jeu 14:00-16:00; sam". */
export function formatSchedule(schedule: readonly ScheduleWindow[], lang: 'fr' | 'en' = 'fr'): string {
  return schedule
    .map((w) => (w.from === 0 && w.to === 0 ? formatDays(w.days, lang) : `${formatDays(w.days, lang)} ${clock(w.from)}-${clock(w.to)}`))
    .join('; ');
}
