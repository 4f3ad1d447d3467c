// Rules for what store IT types about a store or a till: pure functions, tested alone.

/**
 * A SIRET as typed (spaces allowed) reduced to its 14 digits, or null when it is not one: the
 * 14 digits pass the Luhn check; La Poste's establishments (SIREN 356 000 000) may instead have
 * digits adding up to a multiple of 5 (INSEE's exception).
 */
export function parseSiret(text: string): string | null {
  const digits = text.replace(/[\s.]/g, '');
  if (!/^[0-9]{14}$/.test(digits)) return null;
  if (luhn(digits)) return digits;
  return digits.startsWith('356000000') && [...digits].reduce((s, d) => s + Number(d), 0) % 5 === 0 ? digits : null;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** As receipts print it: 123 456 789 00012. */
export function formatSiret(siret: string): string {
  return `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`;
}

/** An IANA time zone this runtime knows (Europe/Paris, America/Cayenne…), aliases included. */
export function isTimeZone(tz: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(tz)) return false;
  if (tz === 'UTC' || Intl.supportedValuesOf('timeZone').includes(tz)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A store's or a till's code: letters, digits, '-' or '_', up to 20, kept in capitals. */
export function parsePlaceCode(text: string): string | null {
  const code = text.trim().toUpperCase();
  return /^[A-Z0-9_-]{1,20}$/.test(code) ? code : null;
}

/** Printed lines (address, header, footer): trimmed, empty ones dropped; null when one is too long for any paper. */
export function parseLines(lines: readonly string[], max = 48): string[] | null {
  const out = lines.map((l) => l.trim()).filter((l) => l !== '');
  return out.every((l) => [...l].length <= max) && out.length <= 10 ? out : null;
}
