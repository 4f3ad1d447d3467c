// A customer's details as typed at the till, in the back room or on the command line: checked
// and put in one shape here, so every way in refuses the same mistakes with the same words.

export interface CustomerFields {
  firstName: string;
  lastName: string;
  company: string | null;
  email: string | null;
  phone: string | null;
  address: string[];
  notes: string;
}

export type CustomerFieldError =
  | 'customer.nameMissing'
  | 'customer.nameTooLong'
  | 'customer.emailInvalid'
  | 'customer.phoneInvalid'
  | 'customer.notesTooLong';

/** "06 12 34 56 78", "+33 6 12-34-56-78" → "0612345678", "+33612345678"; null if it is not a phone number. */
export function normalizePhone(text: string): string | null {
  const t = text.trim().replace(/[\s.\-()/]/g, '');
  return /^\+?\d{6,15}$/.test(t) ? t : null;
}

export function normalizeEmail(text: string): string | null {
  const t = text.trim().toLowerCase();
  return /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/.test(t) && t.length <= 254 ? t : null;
}

/** A card or customer code: what a scanner reads, letters upper-cased. */
export function normalizeCode(text: string): string | null {
  const t = text.trim().toUpperCase();
  return /^[A-Z0-9_-]{1,40}$/.test(t) ? t : null;
}

/**
 * "Martin Claire" typed at the till, in the order lists show names: the last word is the first
 * name, the words before it the last name ("de la Tour Jean-Paul"); one word is a last name.
 */
export function splitName(text: string): { firstName: string; lastName: string } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return { firstName: '', lastName: words[0] ?? '' };
  return { firstName: words[words.length - 1]!, lastName: words.slice(0, -1).join(' ') };
}

const clean = (s: string | null | undefined) => (s ?? '').trim().replace(/\s+/g, ' ');

/** Checks and tidies what was typed; an empty optional field becomes null. */
export function checkCustomerFields(raw: Partial<Record<keyof CustomerFields, string | string[] | null>>): { fields: CustomerFields } | { error: CustomerFieldError; value?: string } {
  const firstName = clean(raw.firstName as string);
  const lastName = clean(raw.lastName as string);
  const company = clean(raw.company as string) || null;
  if (!firstName && !lastName && !company) return { error: 'customer.nameMissing' };
  if ([firstName, lastName, company ?? ''].some((n) => n.length > 60)) return { error: 'customer.nameTooLong' };
  const emailText = clean(raw.email as string);
  const email = emailText ? normalizeEmail(emailText) : null;
  if (emailText && !email) return { error: 'customer.emailInvalid', value: emailText };
  const phoneText = clean(raw.phone as string);
  const phone = phoneText ? normalizePhone(phoneText) : null;
  if (phoneText && !phone) return { error: 'customer.phoneInvalid', value: phoneText };
  const address = (Array.isArray(raw.address) ? raw.address : clean(raw.address as string).split(/\s*[|\n]\s*/)).map(clean).filter(Boolean).slice(0, 4);
  const notes = (raw.notes as string | null | undefined)?.trim() ?? '';
  if (notes.length > 500) return { error: 'customer.notesTooLong' };
  return { fields: { firstName, lastName, company, email, phone, address, notes } };
}
