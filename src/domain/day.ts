// Calendar days as the shop writes them: "22/11/2026" on screen and paper (JJ/MM/AAAA; the
// English screen writes DD/MM/YYYY too, as British English and the receipts' dates do), and
// "2026-11-22" in files and on the command line; both are read everywhere. A day is a plain
// "YYYY-MM-DD" string in code; which instants it covers depends on the shop's time zone, which
// the database applies.

/** Why a typed day is refused: message keys, in both languages. */
export type DayError = 'day.missing' | 'day.invalid' | 'day.noSuchMonth' | 'day.noSuchDay';

export type DayRead = { day: string } | { error: DayError; params: Record<string, string | number> };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * "22/11/2026" (also "22.11.2026", "22/11/26" for 2026) or "2026-11-22" → "2026-11-22"; any
 * other text, or a day the calendar does not have (31/02/2026, 2026-13-01), refused with why.
 */
export function readDay(text: string): DayRead {
  const t = text.trim();
  if (t === '') return { error: 'day.missing', params: { text } };
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const fr = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$/.exec(t);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (fr) [d, m, y] = [Number(fr[1]), Number(fr[2]), fr[3]!.length === 2 ? 2000 + Number(fr[3]) : Number(fr[3])];
  else return { error: 'day.invalid', params: { text: t } };
  if (y < 1900 || d === 0) return { error: 'day.invalid', params: { text: t } };
  if (m < 1 || m > 12) return { error: 'day.noSuchMonth', params: { text: t, month: m } };
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return { error: 'day.noSuchDay', params: { text: t, days } };
  return { day: `${pad(y, 4)}-${pad(m)}-${pad(d)}` };
}

/** readDay's day, or null: where the caller says the refusal its own way. */
export function parseDay(text: string): string | null {
  const r = readDay(text);
  return 'day' in r ? r.day : null;
}

/** "2026-11-22" → "22/11/2026". */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** A day as a form shows it to be edited: "2026-11-22" → "22/11/2026"; anything else as it is. */
export function dayForEdit(text: string | null | undefined): string {
  if (!text) return '';
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? formatDay(text) : text;
}

/** A month as the screen writes it: { year: 2026, month: 11 } → "11/2026". */
export function formatMonth(m: { year: number; month: number }): string {
  return `${pad(m.month)}/${pad(m.year, 4)}`;
}
