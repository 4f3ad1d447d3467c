// Calendar days as the shop writes them: "22/11/2026" on screen and paper, "2026-11-22" in
// files and on the command line. A day is a plain "YYYY-MM-DD" string in code; which instants
// it covers depends on the shop's time zone, which the database applies.

/** "22/11/2026", "22/11/26" or "2026-11-22" → "2026-11-22"; null for anything else or a day that does not exist. */
export function parseDay(text: string): string | null {
  const t = text.trim();
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const fr = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$/.exec(t);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (fr) [d, m, y] = [Number(fr[1]), Number(fr[2]), fr[3]!.length === 2 ? 2000 + Number(fr[3]) : Number(fr[3])];
  else return null;
  const day = new Date(Date.UTC(y, m - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "2026-11-22" → "22/11/2026" (French and British English write it alike). */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}
