import { formatEuros, type Lang } from '../domain/money';
import type { MessageKey } from '../i18n/messages';

/**
 * A refusal the user must be told about, in their language: `key` names the message and
 * `params` fill it; `money` holds amounts in cents, formatted in the reader's language when the
 * message is said (a use case does not know who reads it). Anything else that escapes a use
 * case is a fault, logged, not shown raw.
 */
export class Refusal extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
    readonly money: Record<string, number> = {},
  ) {
    super(key);
  }
}

export function refuse(key: MessageKey, params?: Record<string, string | number>, money?: Record<string, number>): never {
  throw new Refusal(key, params, money);
}

/** What fills a refusal's message in `lang`: its params and its amounts, formatted. */
export function refusalParams(r: Refusal, lang: Lang): Record<string, string | number> {
  const out: Record<string, string | number> = { ...r.params };
  for (const [name, cents] of Object.entries(r.money)) out[name] = formatEuros(cents, lang);
  return out;
}

/**
 * What to say of an unexpected error in one short line: knex puts the whole SQL statement in
 * front of the server's message ("select … - relation "items" does not exist"); the
 * statement is for the log, the reason is for the person.
 */
export function faultDetail(error: unknown, max = 80): string {
  const e = error as { message?: unknown; code?: unknown } | null;
  let text = typeof e?.message === 'string' ? e.message : String(error);
  const cut = typeof e?.code === 'string' ? text.lastIndexOf(' - ') : -1;
  if (cut >= 0) text = text.slice(cut + 3);
  text = text.trim().replace(/\s*[\r\n]+\s*/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
