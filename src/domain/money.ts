// Money is integer cents everywhere. The one rounding rule of the till lives here:
// half-up to the cent, where "up" means away from zero so that a refund is the exact
// mirror of the sale it reverses.

export type Cents = number;

export const MAX_CENTS = 99_999_999_99; // a hundred million euros: beyond it an amount is a typo

/** Divides two integers and rounds half away from zero. */
export function divRound(numerator: number, denominator: number): number {
  if (denominator === 0) throw new RangeError('division by zero');
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) {
    throw new RangeError('money arithmetic needs safe integers');
  }
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  const q = Math.floor(n / d);
  const r = n - q * d;
  const rounded = 2 * r >= d ? q + 1 : q;
  // A negative amount that rounds to nothing is 0, not -0 (Object.is, 1/x and some formatters tell them apart).
  return rounded === 0 ? 0 : sign * rounded;
}

/** Basis points (1/100 %) of an amount, rounded by the till's rule: 2000 bp = 20 %. */
export function basisPointsOf(cents: Cents, basisPoints: number): Cents {
  return divRound(cents * basisPoints, 10_000);
}

/**
 * Splits `total` in proportion to `weights` so that the parts add up exactly
 * (largest remainder; ties go to the earlier part).
 */
export function allocate(total: Cents, weights: readonly number[]): Cents[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, w) => a + Math.abs(w), 0);
  if (sum === 0) {
    const parts = weights.map(() => 0);
    parts[0] = total;
    return parts;
  }
  const sign = Math.sign(total);
  const abs = Math.abs(total);
  const exact = weights.map((w) => (abs * Math.abs(w)) / sum);
  const parts = exact.map((x) => Math.floor(x));
  let left = abs - parts.reduce((a, p) => a + p, 0);
  const order = exact
    .map((x, i) => ({ i, frac: x - Math.floor(x) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts.map((p) => (p === 0 ? 0 : sign * p));
}

/**
 * Reads an amount typed in euros ("12.50", "12,5", "-3", "1 234,56") as cents.
 * Returns null for anything else: more than two decimals, letters, empty.
 */
export function parseEuros(text: string): Cents | null {
  const t = text.trim().replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '');
  const m = /^([+-]?)(\d{1,10})(?:[.,](\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (cents > MAX_CENTS) return null;
  return m[1] === '-' ? -cents : cents;
}

export type Lang = 'fr' | 'en';

/** "12,50 €" in French, "€12.50" in English; a space groups thousands in French. */
export function formatEuros(cents: Cents, lang: Lang = 'fr'): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100).toString();
  const frac = (abs % 100).toString().padStart(2, '0');
  if (lang === 'en') {
    return `${sign}€${euros.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
  }
  return `${sign}${euros.replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${frac} €`;
}

/** Plain "12.50" / "-3.00", for files and machines. */
export function centsToDecimal(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${(abs % 100).toString().padStart(2, '0')}`;
}
