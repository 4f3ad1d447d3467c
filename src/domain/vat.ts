import { divRound, type Cents } from './money';

/** A VAT rate in basis points: 2000 = 20 %, 550 = 5.5 %. */
export type RateBp = number;

export const FRENCH_VAT_RATES: readonly RateBp[] = [2000, 1000, 550, 210];

/** VAT contained in a VAT-inclusive amount. */
export function vatIncluded(grossCents: Cents, rateBp: RateBp): Cents {
  return divRound(grossCents * rateBp, 10_000 + rateBp);
}

export interface VatPart {
  rateBp: RateBp;
  grossCents: Cents;
  vatCents: Cents;
  netCents: Cents;
}

/**
 * The per-rate breakdown of a ticket. VAT is computed once per rate on the rate's total
 * (not per line), as French receipts show it, so gross = net + VAT holds on every row.
 */
export function vatBreakdown(lines: readonly { totalCents: Cents; vatRateBp: RateBp }[]): VatPart[] {
  const byRate = new Map<RateBp, Cents>();
  for (const l of lines) byRate.set(l.vatRateBp, (byRate.get(l.vatRateBp) ?? 0) + l.totalCents);
  return [...byRate.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([rateBp, grossCents]) => {
      const vatCents = vatIncluded(grossCents, rateBp);
      return { rateBp, grossCents, vatCents, netCents: grossCents - vatCents };
    });
}

/** "20 %", "5,5 %" (fr) or "20%", "5.5%" (en). */
export function formatRate(rateBp: RateBp, lang: 'fr' | 'en' = 'fr'): string {
  const whole = Math.floor(rateBp / 100);
  const frac = rateBp % 100;
  const num = frac === 0 ? `${whole}` : `${whole}${lang === 'fr' ? ',' : '.'}${String(frac).padStart(2, '0').replace(/0$/, '')}`;
  return lang === 'fr' ? `${num} %` : `${num}%`;
}

/** Reads "20", "5.5", "5,5", "2.1 %" as basis points; null if it is not a rate. */
export function parseRate(text: string): RateBp | null {
  const m = /^(\d{1,2})(?:[.,](\d{1,2}))?\s*%?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
