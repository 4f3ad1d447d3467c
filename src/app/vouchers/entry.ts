import { formatVoucherCode, parseVoucherCode } from '../../domain/voucherCode';
import { refuse } from '../errors';
import type { EntryResolver } from '../entryResolver';

/**
 * A voucher scanned on the sale screen's entry line instead of the payment screen: said so,
 * rather than searched as words of an item's name. Told apart by its shape and check symbol
 * (and a digit, so that a name typed in capitals is not taken for one); no database asked.
 */
export const voucherEntry: EntryResolver = async (_db, code) => {
  if (!/\d/.test(code) || !/[a-z]/i.test(code)) return null;
  const parsed = parseVoucherCode(code);
  if ('error' in parsed) return null;
  refuse('voucher.atPayment', { code: formatVoucherCode(parsed.code) });
};
