import { refuse } from '../app/errors';
import { parseEuros, type Cents } from '../domain/money';
import { parseQty } from '../domain/quantity';
import { TENDER_KINDS, type TenderKind } from '../domain/tender';

// Values typed on the command line. A malformed value is a Refusal (exit 1, the user's
// language), like the same mistake typed at the till; commander only judges the shape.

/** Commander collector for an option given several times. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** "3760000000017", "BOUL-001:3", "CAVE-001:-1" (a returned item). */
export function parseLineArg(text: string): { code: string; qty: number } {
  const colon = text.lastIndexOf(':');
  const code = (colon < 0 ? text : text.slice(0, colon)).trim();
  if (code === '' || /\s/.test(code)) refuse('cli.lineInvalid', { text });
  if (colon < 0) return { code, qty: 1 };
  const parsed = parseQty(text.slice(colon + 1));
  if ('error' in parsed) refuse(parsed.error);
  return { code, qty: parsed.qty };
}

/**
 * "cash:12.50", "card:12,50", "voucher:CODE:20", "account:15": the means, what it draws on when
 * it draws on something, and the amount handed over or paid out, always positive.
 */
export function parseTenderArg(text: string): { kind: TenderKind; cents: Cents; ref?: string } {
  const m = /^\s*([a-z_]+)\s*:(?:([^:]+):)?(.*)$/i.exec(text);
  const kind = m?.[1]?.toLowerCase();
  if (!m || !(TENDER_KINDS as readonly string[]).includes(kind ?? '')) refuse('cli.tenderInvalid', { text });
  const cents = parseEuros(m[3]!);
  if (cents === null) refuse('amount.invalid', { text: m[3]!.trim() });
  return { kind: kind as TenderKind, cents, ...(m[2] !== undefined && { ref: m[2].trim() }) };
}

/** "42", or the printed label "T01-000042" (which names its terminal). */
export function parseTicketArg(text: string): { terminal: string | null; ticketNo: number } {
  const m = /^\s*(?:([A-Za-z0-9_-]+)-)?(\d{1,9})\s*$/.exec(text);
  const ticketNo = Number(m?.[2]);
  if (!m || ticketNo < 1) refuse('cli.ticketInvalid', { text });
  return { terminal: m[1] ?? null, ticketNo };
}

/** A whole number within bounds, for --limit and --offset. */
export function parseCountArg(option: string, text: string, min: number, max: number): number {
  const n = /^\s*\d{1,10}\s*$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) refuse('cli.numberInvalid', { option, text, min, max });
  return n;
}

/** The UTC offset of a time zone at an instant, in milliseconds. */
function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - (instant - (instant % 1000));
}

/** The instant the wall clock of `timeZone` shows the midnight that UTC shows at `utcMidnight`. */
function zonedMidnight(utcMidnight: number, timeZone: string): Date {
  const guess = utcMidnight - offsetMs(utcMidnight, timeZone);
  // Again from the guess, in case the offset changes between the two instants (summer time).
  return new Date(utcMidnight - offsetMs(guess, timeZone));
}

/** "2026-11-22": from midnight to midnight in the shop's time zone, `to` excluded. */
export function parseDayArg(text: string, timeZone: string): { from: Date; to: Date } {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(text);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  const day = Date.UTC(y, mo - 1, d);
  const back = new Date(day);
  if (!m || back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) refuse('cli.dateInvalid', { text });
  return { from: zonedMidnight(day, timeZone), to: zonedMidnight(Date.UTC(y, mo - 1, d + 1), timeZone) };
}
