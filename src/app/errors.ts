import type { MessageKey } from '../i18n/messages';

/**
 * A refusal the user must be told about, in their language: `key` names the message and
 * `params` fill it. Anything else that escapes a use case is a fault, logged, not shown raw.
 */
export class Refusal extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

export function refuse(key: MessageKey, params?: Record<string, string | number>): never {
  throw new Refusal(key, params);
}
