import type { LineDiscount } from './basket';
import { parseEuros } from './money';

/** "10%" / "12,5 %" is a percentage (up to 100 %), "2,50" an amount in euros; anything else is refused. */
export function parseDiscount(text: string): LineDiscount | null {
  const t = text.trim();
  const pct = /^(\d{1,3})(?:[.,](\d{1,2}))?\s*%$/.exec(t);
  if (pct) {
    const bp = Number(pct[1]) * 100 + Number((pct[2] ?? '').padEnd(2, '0'));
    return bp > 0 && bp <= 10_000 ? { kind: 'percent', bp } : null;
  }
  const cents = parseEuros(t);
  return cents !== null && cents > 0 ? { kind: 'amount', cents } : null;
}
