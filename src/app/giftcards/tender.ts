import { nowOf } from '../../domain/clock';
import { formatDay } from '../../domain/day';
import { mayRefundOnto, spendRefusal } from '../../domain/giftCard';
import { formatGiftCardCode, isPreprinted, parseGiftCardCode } from '../../domain/giftCardCode';
import { remainingCents } from '../../domain/tender';
import { canonicalCode } from '../../domain/voucherCode';
import { refuse } from '../errors';
import type { TenderContext, TenderProvider, TenderSourceFound } from '../tenderProviders';
import { giftCardByCode, refuseUnspendable } from './codes';

/**
 * A refund onto a gift card: only for a return whose ticket is known and was not paid with a
 * gift card or a gift certificate (mayRefundOnto); an expired or cancelled card takes nothing,
 * one used up is filled again.
 */
async function refundOnto(ctx: TenderContext, find: () => ReturnType<typeof giftCardByCode>): Promise<TenderSourceFound> {
  if (!ctx.originalTenders) refuse('giftCard.refundNeedsTicket');
  if (!mayRefundOnto(ctx.originalTenders)) refuse('giftCard.noRefundOnto');
  const card = await find();
  const why = spendRefusal(card, nowOf(ctx.config));
  if (why && why !== 'giftCard.used') refuseUnspendable(card);
  return {
    ref: formatGiftCardCode(card.code),
    maxCents: Math.abs(remainingCents(ctx.payment)),
    info: [{ key: 'giftCard.info.refundOnto', money: { balance: card.balanceCents } }],
  };
}

/**
 * The gift card key of the payment screen: the code typed or scanned, the balance and last day
 * shown, at most the balance less what this ticket already takes from the card, so that two
 * cards on one ticket each pay only their part. The sale's effect debits them (effect.ts).
 */
export const giftCardTender: TenderProvider = {
  kind: 'gift_card',
  command: 'giftCard',
  // A refund the rule refuses is said at once, before a card is asked for.
  needsCode: (ctx) => !ctx.refund || (ctx.originalTenders !== undefined && mayRefundOnto(ctx.originalTenders)),
  // A card's shape: one of the shop's pre-printed numbers, or a code of the till's (a wrong check still is one, said mistyped).
  ownsCode(code, ctx) {
    const c = canonicalCode(code);
    if (isPreprinted(c, ctx.config.giftCards.preprinted)) return true;
    if (!/\d/.test(c) || !/[A-Z]/.test(c)) return false;
    const parsed = parseGiftCardCode(c);
    return !('error' in parsed) || parsed.error !== 'giftCard.codeMalformed';
  },
  async find(db, code, ctx): Promise<TenderSourceFound> {
    const find = () => giftCardByCode(db, code ?? '', ctx.config.giftCards.preprinted);
    if (ctx.refund) return refundOnto(ctx, find);
    // A card is not bought with a card: money received stays money received.
    if (ctx.basket.lines.some((l) => l.item.giftCard)) refuse('giftCard.notForCards');
    const card = await find();
    refuseUnspendable(card);
    const ref = formatGiftCardCode(card.code);
    const taken = ctx.payment.tenders.filter((t) => t.kind === 'gift_card' && t.ref === ref).reduce((s, t) => s + t.amountCents, 0);
    if (taken >= card.balanceCents) refuse('giftCard.alreadyTaken', { code: ref });
    return {
      ref,
      maxCents: card.balanceCents - taken,
      info: [
        { key: 'giftCard.info.balance', money: { initial: card.initialCents, balance: card.balanceCents - taken } },
        { key: 'giftCard.info.expiry', params: { date: formatDay(card.expiresOn) } },
      ],
    };
  },
};
