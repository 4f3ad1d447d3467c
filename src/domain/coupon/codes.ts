// Coupon codes: their shape, and how new ones are made, from the definition's symbol (REMISE,
// REMISE1, REMISE2 …) or from a numbering scheme's pattern (BR{YY}-{N:6} → BR26-000042).

export const CODE_STATUSES = ['inactive', 'active', 'blocked'] as const;
export type CodeStatus = (typeof CODE_STATUSES)[number];

export const CODE_SOURCES = ['manual', 'import', 'sale'] as const;
export type CodeSource = (typeof CODE_SOURCES)[number];

/** Upper-case letters and digits, - and _; what a scanner reads from a CODE128 and a cashier types. */
export const CODE_SHAPE = /^[A-Z0-9][A-Z0-9_-]{0,39}$/;

/** Codes are kept upper-case: "remise1" typed at the till is REMISE1. */
export function normalizeCode(text: string): string {
  return text.trim().toUpperCase();
}

/** The n-th code of a symbol: the symbol itself first, then REMISE1, REMISE2… */
export function symbolCode(symbol: string, n: number): string {
  return n === 0 ? symbol : `${symbol}${n}`;
}

/** Whether a text could be one of a symbol's codes (for telling "unknown coupon" from "not a coupon"). */
export function symbolRegex(symbol: string): string {
  return `^${symbol}[0-9]*$`;
}

// Random parts avoid letters and digits a person reads one for the other (0/O, 1/I/L, 5/S, 2/Z, 8/B).
const RANDOM_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';

export type PatternPart =
  | { t: 'text'; text: string }
  | { t: 'number'; width: number }
  | { t: 'random'; width: number }
  | { t: 'year'; digits: 2 | 4 };

/**
 * A numbering scheme's pattern: literal letters, digits, - and _, and fields in braces:
 * {N} or {N:6} the next number (zero-padded to 6), {R:8} eight random characters, {YYYY} or
 * {YY} the year the code is made. It needs {N} or a {R:k} of at least 6 to make many codes.
 * Null when it cannot be read.
 */
export function parsePattern(pattern: string): PatternPart[] | null {
  const parts: PatternPart[] = [];
  const re = /\{([A-Z]+)(?::(\d{1,2}))?\}|([A-Z0-9_-]+)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < pattern.length && (m = re.exec(pattern)) !== null) {
    at = re.lastIndex;
    if (m[3] !== undefined) parts.push({ t: 'text', text: m[3] });
    else if (m[1] === 'N') parts.push({ t: 'number', width: Number(m[2] ?? 1) });
    else if (m[1] === 'R' && m[2] !== undefined) parts.push({ t: 'random', width: Number(m[2]) });
    else if ((m[1] === 'YYYY' || m[1] === 'YY') && m[2] === undefined) parts.push({ t: 'year', digits: m[1].length as 2 | 4 });
    else return null;
  }
  if (at !== pattern.length || parts.length === 0) return null;
  const many = parts.some((p) => p.t === 'number' || (p.t === 'random' && p.width >= 6));
  const width = parts.reduce((w, p) => w + (p.t === 'text' ? p.text.length : p.t === 'year' ? p.digits : Math.max(p.width, p.t === 'number' ? 12 : 0)), 0);
  if (!many || width > 40 || !/^[A-Z0-9]/.test(pattern.replace(/^\{[^}]*\}/, '0'))) return null;
  return parts;
}

/** A regex (PostgreSQL's and JavaScript's) matching every code the pattern makes. */
export function patternRegex(parts: readonly PatternPart[]): string {
  const body = parts.map((p) => {
    switch (p.t) {
      case 'text':
        return p.text.replace(/-/g, '\\-');
      case 'number':
        return `[0-9]{${p.width},}`;
      case 'random':
        return `[${RANDOM_ALPHABET}]{${p.width}}`;
      case 'year':
        return `[0-9]{${p.digits}}`;
    }
  });
  return `^${body.join('')}$`;
}

/** The code a pattern makes for number `n`, in `year`, with `random()` giving a number in [0, 1). */
export function patternCode(parts: readonly PatternPart[], n: number, year: number, random: () => number): string {
  let out = '';
  for (const p of parts) {
    if (p.t === 'text') out += p.text;
    else if (p.t === 'number') out += String(n).padStart(p.width, '0');
    else if (p.t === 'year') out += String(year).slice(-p.digits);
    else for (let i = 0; i < p.width; i++) out += RANDOM_ALPHABET[Math.floor(random() * RANDOM_ALPHABET.length)];
  }
  return out;
}

/** The shop-local day a code may be used from/until must lie inside its definition's. */
export function withinValidity(code: { from: string | null; until: string | null }, def: { from: string | null; until: string | null }): 'coupon.code.beforeDefinition' | 'coupon.code.afterDefinition' | 'coupon.code.dates' | null {
  if (code.from !== null && code.until !== null && code.from > code.until) return 'coupon.code.dates';
  if (def.from !== null && (code.from === null || code.from < def.from)) return 'coupon.code.beforeDefinition';
  if (def.until !== null && (code.until === null || code.until > def.until)) return 'coupon.code.afterDefinition';
  return null;
}
