import type { Db } from '../../data/db';
import { searchCustomers, searchMatch, type CustomerFilters, type CustomerSummary, type Cursor } from '../../data/customersSearch';
import { refuse } from '../errors';

/**
 * Customers for what was typed, a page at a time. Words too short to be looked up by index
 * (no word of 3 letters) find a customer code only; if they cannot be a code either, they are
 * refused rather than made to read the whole table.
 */
export async function findCustomers(db: Db, text: string, filters: CustomerFilters, page: { after?: Cursor | null; limit: number }): Promise<{ rows: CustomerSummary[]; next: Cursor | null }> {
  if (searchMatch(text).kind === 'code' && /\s/.test(text.trim())) refuse('customer.searchTooShort');
  return searchCustomers(db, text, filters, page);
}
