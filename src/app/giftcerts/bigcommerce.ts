import { CERTIFICATE_STATUSES, centsToDecimal, decimalToCents, type CertificateStatus, type ExternalCertificate } from '../../domain/giftcert';
import type { Cents } from '../../domain/money';
import { ProviderError, type GiftCertProvider } from './provider';

// BigCommerce's gift certificates, over its REST v2 API (its OpenAPI document:
// testing/bigcommerce-marketing.v2.yml). Money comes and goes as decimal strings ("500.0000")
// and is turned into cents here, once; dates come as Unix-time strings. An update (PUT) must
// carry the fields the document says are required (to_name, to_email, from_name, from_email,
// amount) besides the new balance: they are sent back as read.

export interface BigCommerceSettings {
  apiUrl: string;
  storeHash: string;
  accessToken: string;
  timeoutMs: number;
  /** The longest Retry-After of a 429 waited for before reading once more. */
  retryWaitMs: number;
}

const REQUIRED_ON_UPDATE = ['to_name', 'to_email', 'from_name', 'from_email', 'amount'] as const;

type Json = Record<string, unknown>;

const PROVIDER = 'bigcommerce';

function badAnswer(status: number): ProviderError {
  return new ProviderError(PROVIDER, 'badAnswer', 'unknown', status);
}

/** Seconds to wait, from Retry-After (seconds or an HTTP date) or BigCommerce's own reset header. */
function retryAfterS(headers: Headers): number | null {
  const value = headers.get('retry-after');
  if (value !== null && /^\s*\d+\s*$/.test(value)) return Number(value);
  if (value !== null && !Number.isNaN(Date.parse(value))) return Math.max(0, Math.ceil((Date.parse(value) - Date.now()) / 1000));
  const resetMs = headers.get('x-rate-limit-time-reset-ms');
  return resetMs !== null && /^\s*\d+\s*$/.test(resetMs) ? Math.ceil(Number(resetMs) / 1000) : null;
}

/** A certificate of the API as ours, or a badAnswer: an amount that is not clean cents is never guessed at. */
function toCertificate(raw: unknown, status: number): ExternalCertificate {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badAnswer(status);
  const j = raw as Json;
  const str = (k: string) => (typeof j[k] === 'string' ? (j[k] as string) : null);
  const amountCents = decimalToCents(str('amount') ?? '');
  // "If not set, will default to the amount."
  const balanceCents = j.balance === undefined ? amountCents : decimalToCents(str('balance') ?? '');
  const expiry = str('expiry_date');
  if (typeof j.id !== 'number' || !Number.isSafeInteger(j.id) || str('code') === null || amountCents === null || balanceCents === null) throw badAnswer(status);
  if (!(CERTIFICATE_STATUSES as readonly unknown[]).includes(j.status)) throw badAnswer(status);
  if (expiry !== null && !/^\d{0,12}$/.test(expiry)) throw badAnswer(status);
  const writeBack: Record<string, string> = {};
  for (const k of REQUIRED_ON_UPDATE) writeBack[k] = str(k) ?? '';
  return {
    provider: PROVIDER,
    id: String(j.id),
    code: str('code')!,
    amountCents,
    balanceCents,
    status: j.status as CertificateStatus,
    // "0" (or nothing): no expiry date.
    expiresAt: expiry && Number(expiry) > 0 ? new Date(Number(expiry) * 1000) : null,
    currency: str('currency_code'),
    toName: str('to_name') ?? '',
    writeBack,
  };
}

export function bigCommerce(settings: BigCommerceSettings): GiftCertProvider {
  const base = `${settings.apiUrl.replace(/\/+$/, '')}/stores/${encodeURIComponent(settings.storeHash)}/v2`;

  /** One call; its body parsed (null for none). Reads are tried once more after a short Retry-After. */
  async function call(method: 'GET' | 'PUT', path: string, body?: Json, retried = false): Promise<{ status: number; json: unknown }> {
    const headers: Record<string, string> = { 'X-Auth-Token': settings.accessToken, Accept: 'application/json' };
    if (body) headers['Content-Type'] = 'application/json';
    let res: Response;
    let text: string;
    try {
      // No redirect is followed: the token goes to the configured host only.
      res = await fetch(base + path, { method, headers, body: body && JSON.stringify(body), redirect: 'error', signal: AbortSignal.timeout(settings.timeoutMs) });
      text = await res.text();
    } catch (e) {
      const timeout = (e as Error).name === 'TimeoutError' || (e as Error).name === 'AbortError';
      throw new ProviderError(PROVIDER, timeout ? 'timeout' : 'network', 'inFlight');
    }
    const { status } = res;
    if (status === 429) {
      const wait = retryAfterS(res.headers);
      if (method === 'GET' && !retried && wait !== null && wait * 1000 <= settings.retryWaitMs) {
        await new Promise((r) => setTimeout(r, wait * 1000));
        return call(method, path, body, true);
      }
      throw new ProviderError(PROVIDER, 'rateLimited', 'no', status, wait);
    }
    if (status === 401 || status === 403) throw new ProviderError(PROVIDER, 'auth', 'no', status);
    if (status === 404) throw new ProviderError(PROVIDER, 'notFound', 'no', status);
    // 503: not taken in hand; 502/504: a gateway gave up, the server behind may still be at it.
    if (status >= 500) throw new ProviderError(PROVIDER, 'unavailable', status === 503 ? 'no' : status === 502 || status === 504 ? 'inFlight' : 'unknown', status);
    if (status === 204) return { status, json: null };
    if (status !== 200) throw new ProviderError(PROVIDER, 'refused', status < 500 && status >= 400 ? 'no' : 'unknown', status);
    try {
      return { status, json: JSON.parse(text) };
    } catch {
      throw badAnswer(status);
    }
  }

  return {
    name: PROVIDER,
    async findByCode(code) {
      let answer;
      try {
        answer = await call('GET', `/gift_certificates?code=${encodeURIComponent(code)}`);
      } catch (e) {
        // Some answer "nothing" to a filter with a 404 rather than an empty list.
        if (e instanceof ProviderError && e.failure === 'notFound') return null;
        throw e;
      }
      if (answer.json === null) return null;
      if (!Array.isArray(answer.json)) throw badAnswer(answer.status);
      const found = answer.json.map((c) => toCertificate(c, answer.status)).find((c) => c.code.toUpperCase() === code.toUpperCase());
      return found ?? null;
    },
    async get(id) {
      const answer = await call('GET', `/gift_certificates/${encodeURIComponent(id)}`);
      return toCertificate(answer.json, answer.status);
    },
    async setBalance(cert: ExternalCertificate, balanceCents: Cents) {
      const answer = await call('PUT', `/gift_certificates/${encodeURIComponent(cert.id)}`, { ...cert.writeBack, balance: centsToDecimal(balanceCents) });
      return toCertificate(answer.json, answer.status);
    },
  };
}
