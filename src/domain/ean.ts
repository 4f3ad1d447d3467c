// GTIN check digits (EAN-13, EAN-8, UPC-A, GTIN-14): weights 3,1,3,1… from the right,
// not counting the check digit itself.

export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** True for an 8-, 12-, 13- or 14-digit code whose last digit checks. */
export function isValidGtin(code: string): boolean {
  if (!/^(\d{8}|\d{12,14})$/.test(code)) return false;
  return gtinCheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

export function ean13(body12: string): string {
  if (!/^\d{12}$/.test(body12)) throw new RangeError('an EAN-13 body has 12 digits');
  return body12 + gtinCheckDigit(body12);
}
