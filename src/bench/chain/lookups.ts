// The back office at work while the tills sell: one connection looking things up one after
// another, each through the function the till or the back office calls, each timed.
import type { Knex } from 'knex';
import { Refusal } from '../../app/errors';
import { findCustomers } from '../../app/customers/search';
import { giftCardByCode } from '../../app/giftcards/codes';
import { lookupEntry } from '../../app/lookup';
import { voucherByCode } from '../../app/vouchers/codes';
import type { Config } from '../../config/schema';
import { openBasket } from '../../domain/basket';
import type { ChainSample } from './sample';
import { keepError, since, timing } from './timed';
import type { Timing } from './types';

type LookupKind = 'voucher' | 'giftCard' | 'card' | 'item' | 'customerSearch';

/** Each kind with what it looks up and how. */
function lookups(db: Knex, sample: ChainSample, config: Config): [LookupKind, readonly string[], (code: string) => Promise<unknown>][] {
  const terminal = sample.terminals[0]!;
  const entry = (code: string) => lookupEntry(db, code, { basket: openBasket('lookup'), terminal, operatorId: sample.operatorId, lang: config.lang, config });
  return [
    ['voucher', sample.vouchers, (code) => voucherByCode(db, code)],
    ['giftCard', sample.giftCards, (code) => giftCardByCode(db, code, config.giftCards.preprinted)],
    // Scanned at the till: the entry line tries the catalogue, then the cards.
    ['card', sample.cards, entry],
    ['item', sample.barcodes, entry],
    ['customerSearch', sample.names, (text) => findCustomers(db, text, {}, { limit: 20 })],
  ];
}

/**
 * Looks up kind after kind (those the sample has) until `done()`; the times per kind. A refusal
 * (a voucher used up) is an answer like another; anything else goes to `errors`.
 */
export async function lookUpUntil(db: Knex, sample: ChainSample, config: Config, random: () => number, done: () => boolean, errors: string[]): Promise<Record<string, Timing>> {
  const kinds = lookups(db, sample, config).filter(([, codes]) => codes.length > 0);
  const times = new Map<LookupKind, number[]>(kinds.map(([kind]) => [kind, []]));
  if (kinds.length === 0) return {};
  for (let i = 0; !done(); i++) {
    const [kind, codes, look] = kinds[i % kinds.length]!;
    const code = codes[Math.floor(random() * codes.length)]!;
    const began = performance.now();
    try {
      await look(code);
    } catch (e) {
      if (!(e instanceof Refusal)) {
        keepError(errors, e);
        continue;
      }
    }
    // The first round opens the connection and plans the statements: not counted.
    if (i >= kinds.length) times.get(kind)!.push(since(began));
  }
  return Object.fromEntries([...times].map(([kind, ms]) => [kind, timing(ms)]));
}
