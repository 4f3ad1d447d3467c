import { findGiftCard } from '../../data/giftCards';
import { GIFT_CARD_SKU } from '../../domain/giftCard';
import { formatGiftCardCode, isPreprinted, parseGiftCardCode } from '../../domain/giftCardCode';
import { canonicalCode } from '../../domain/voucherCode';
import { refuse } from '../errors';
import type { EntryResolver } from '../entryResolver';

/**
 * Gift cards on the sale screen's entry line: CADEAU sells a card (its value asked, then its
 * code), a pre-printed card of the shop scanned sells that one; a card already sold, or a code
 * made by the till, is sent to the payment screen rather than searched as words of a name.
 */
export const giftCardEntry: EntryResolver = async (db, text, ctx) => {
  const code = canonicalCode(text);
  if (code === GIFT_CARD_SKU) return { kind: 'giftCard', code: null };
  const cards = ctx.config?.giftCards.preprinted;
  if (cards && isPreprinted(code, cards)) {
    const parsed = parseGiftCardCode(code);
    if ('error' in parsed) refuse(parsed.error, { code: text.trim() });
    if (await findGiftCard(db, code)) refuse('giftCard.atPayment', { code: formatGiftCardCode(code) });
    return { kind: 'giftCard', code };
  }
  // A code of the till's own shape, with a letter and a digit so that a word in capitals is not taken for one.
  if (!/\d/.test(code) || !/[A-Z]/.test(code)) return null;
  const parsed = parseGiftCardCode(code);
  if ('error' in parsed) return null;
  refuse('giftCard.atPayment', { code: formatGiftCardCode(parsed.code) });
};
