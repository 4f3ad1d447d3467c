// The chain's loyalty customers: customer n has the card FID-0000000n (the program's prefix,
// apart from the demo's six-digit cards), which is also their code, as the demo's are. Their
// points and visits are earned by the generated tickets (see tickets.ts): the balances are
// summed while those ledger rows stream, and written after them.
import type { Cell } from './copy';
import { oneOf, pick } from './hash';

const FIRST = ['Camille', 'Léa', 'Manon', 'Chloé', 'Inès', 'Jade', 'Louise', 'Emma', 'Alice', 'Lina', 'Hugo', 'Lucas', 'Louis', 'Gabriel',
  'Arthur', 'Jules', 'Adam', 'Raphaël', 'Nathan', 'Paul', 'Martine', 'Nathalie', 'Isabelle', 'Sylvie', 'Philippe', 'Michel', 'Alain', 'Éric'];
const LAST = ['Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel',
  'Lefèvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau',
  'Vincent', 'Muller', 'Lefebvre', 'Faure', 'André', 'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Garnier', 'Chevalier', 'François', 'Legrand'];

export function cardCode(n: number): string {
  return `FID-${String(n + 1).padStart(8, '0')}`;
}

export const CUSTOMER_COLUMNS = ['id', 'code', 'first_name', 'last_name', 'email', 'phone', 'created_at'];

export function* customerRows(base: number, count: number, now: number): Generator<Cell[]> {
  for (let n = 0; n < count; n++) {
    const first = oneOf(FIRST, n, 21);
    const last = oneOf(LAST, n, 22);
    const mail = pick(3, n, 23) === 0 ? null : `${first}.${last}.${n + 1}@exemple.fr`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    const phone = pick(2, n, 24) === 0 ? null : `06${String(pick(100_000_000, n, 25)).padStart(8, '0')}`;
    // Enrolled over the last four years.
    const since = new Date(now - (1 + pick(4 * 365 * 24, n, 26)) * 3_600_000 - 400 * 86_400_000).toISOString();
    yield [base + n + 1, cardCode(n), first, last, mail, phone, since];
  }
}

export const CARD_COLUMNS = ['code', 'customer_id', 'assigned_at'];

export function* cardRows(base: number, count: number, now: number): Generator<Cell[]> {
  for (const c of customerRows(base, count, now)) yield [c[1]!, c[0]!, c[6]!];
}

export const LOYALTY_BALANCE_COLUMNS = ['customer_id', 'points', 'visits'];

export function* loyaltyBalanceRows(base: number, points: Int32Array, visits: Int32Array): Generator<Cell[]> {
  for (let n = 0; n < points.length; n++) yield [base + n + 1, points[n]!, visits[n]!];
}
