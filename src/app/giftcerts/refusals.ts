import { Refusal } from '../errors';
import { ProviderError } from './provider';

/** What the cashier is told of a provider's failure: which one, never the credentials. */
export function providerRefusal(e: ProviderError, timeoutMs: number): Refusal {
  switch (e.failure) {
    case 'auth':
      return new Refusal('giftcert.provider.auth', { status: e.status ?? 401 });
    case 'notFound':
      return new Refusal('giftcert.provider.notFound');
    case 'rateLimited':
      return e.retryAfterS === null ? new Refusal('giftcert.provider.busy') : new Refusal('giftcert.provider.rateLimited', { seconds: e.retryAfterS });
    case 'unavailable':
      return new Refusal('giftcert.provider.unavailable', { status: e.status ?? 500 });
    case 'timeout':
      return new Refusal('giftcert.provider.timeout', { seconds: Math.round(timeoutMs / 100) / 10 });
    case 'network':
      return new Refusal('giftcert.provider.network');
    case 'badAnswer':
      return new Refusal('giftcert.provider.badAnswer');
    case 'refused':
      return new Refusal('giftcert.provider.refused', { status: e.status ?? 400 });
  }
}

/** Runs a call to the provider; its failure comes out as a Refusal, said to the user and not logged as a fault. */
export async function ask<T>(timeoutMs: number, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof ProviderError) throw providerRefusal(e, timeoutMs);
    throw e;
  }
}
