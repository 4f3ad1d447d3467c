import { isValidGtin } from './ean';
import { ean13 } from './ean';
import { divRound, type Cents } from './money';

// In-store barcodes printed by scales and labelling machines (EAN-13, GS1 prefix 2, for use
// inside the shop only):
//   2 T IIIII VVVVV K
//   T      20–24: VVVVV is the price in cents; 25–29: VVVVV is the weight in grams
//   IIIII  the item's reference on the scale
//   K      the EAN-13 check digit
// The item is in the catalog under the same code with the value zeroed (its "template"):
// 2512345 00000 K' for 25 12345 …; its catalog price is the price per kilogram when weighed.

export type ScaleCode =
  | { kind: 'price'; template: string; cents: Cents }
  | { kind: 'weight'; template: string; grams: number };

export function parseScaleBarcode(code: string): ScaleCode | null {
  if (!/^2\d{12}$/.test(code) || !isValidGtin(code)) return null;
  const template = ean13(code.slice(0, 7) + '00000');
  const value = Number(code.slice(7, 12));
  if (value === 0) return null; // the template itself: an ordinary catalog code
  return Number(code[1]) <= 4 ? { kind: 'price', template, cents: value } : { kind: 'weight', template, grams: value };
}

/** The price of a weighed piece, rounded half-up to the cent like every amount of the till. */
export function weighedPrice(perKgCents: Cents, grams: number): Cents {
  return divRound(perKgCents * grams, 1000);
}

/** "0,455 kg" / "0.455 kg". */
export function formatKg(grams: number, lang: 'fr' | 'en'): string {
  const kg = (grams / 1000).toFixed(3);
  return `${lang === 'fr' ? kg.replace('.', ',') : kg} kg`;
}
