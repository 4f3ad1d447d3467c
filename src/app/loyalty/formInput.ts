import type { LoyaltyProgram, RewardUnit } from '../../domain/loyalty/program';
import { parseEuros } from '../../domain/money';
import { parseRate } from '../../domain/vat';
import type { MessageKey } from '../../i18n/messages';
import { refuse } from '../errors';
import type { RewardInput } from './program';

// The loyalty program as a form types it (the back office): texts read with the shop's parsers
// into what the use cases of program.ts take, which then refuse out of range values themselves.
// A text that is no number at all is refused here, with the message the use case would give.

/** A whole number typed ("12", " 12 "); null for anything else ("1,5", "-1", "douze", ""). */
export function wholeNumber(text: string): number | null {
  return /^\s*\d{1,9}\s*$/.test(text) ? Number(text) : null;
}

const wholeOr = (text: string, key: MessageKey): number => wholeNumber(text) ?? refuse(key, { text: text.trim() });

/** Words meaning "no value" in a field that may be left empty. */
const NONE = /^\s*(|never|jamais|none|aucun|aucune)\s*$/i;

export interface ProgramText {
  pointsPerEuro: string;
  countVisits: boolean;
  /** Months; empty (or "jamais"): points never expire. */
  expiry: string;
  /** Empty (or "aucun"): no prefix. */
  cardPrefix: string;
}

export function programFromText(f: ProgramText): LoyaltyProgram {
  return {
    pointsPerEuro: wholeOr(f.pointsPerEuro, 'loyalty.pointsPerEuroInvalid'),
    countVisits: f.countVisits,
    expireMonths: NONE.test(f.expiry) ? null : wholeOr(f.expiry, 'loyalty.expiryInvalid'),
    cardPrefix: NONE.test(f.cardPrefix) ? null : f.cardPrefix.trim(),
  };
}

export type GiftKind = RewardInput['gift']['kind'];

export interface RewardText {
  name: string;
  unit: RewardUnit;
  cost: string;
  gift: GiftKind;
  /** The amount in euros, the percentage, or the item's barcode or SKU. */
  value: string;
  automatic: boolean;
}

function giftFromText(kind: GiftKind, text: string): RewardInput['gift'] {
  const t = text.trim();
  if (kind === 'item') return t === '' ? refuse('loyalty.giftItemMissing') : { kind, code: t };
  if (t === '') refuse('loyalty.giftInvalid');
  if (kind === 'amount') {
    const cents = parseEuros(t);
    if (cents === null || cents <= 0) refuse('amount.invalid', { text: t });
    return { kind, cents };
  }
  const bp = parseRate(t);
  if (bp === null || bp <= 0) refuse('cli.percentInvalid', { text: t });
  return { kind, bp };
}

/** Refusals come in the form's order: the name (addReward's rule; the field holds 40 characters at most), the threshold, the gift. */
export function rewardFromText(f: RewardText): RewardInput {
  if (f.name.trim() === '') refuse('loyalty.rewardNameInvalid');
  return { name: f.name, unit: f.unit, cost: wholeOr(f.cost, 'loyalty.costInvalid'), gift: giftFromText(f.gift, f.value), automatic: f.automatic };
}

/** Points an item earns per unit, as typed. */
export const itemPointsFromText = (text: string): number => wholeOr(text, 'loyalty.itemPointsInvalid');

/** A reward's threshold, as typed. */
export const costFromText = (text: string): number => wholeOr(text, 'loyalty.costInvalid');
