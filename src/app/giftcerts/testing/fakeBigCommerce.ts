// Tests only. A BigCommerce store's gift certificates over HTTP on 127.0.0.1, speaking the JSON
// of its OpenAPI document (openapi.ts checks every exchange against it): amounts as decimal
// strings with four places, dates as Unix-time strings, an update refused when it lacks a
// field the document requires. Faults are scripted per call (a status, a Retry-After, a slow
// answer, a write applied without its answer), and a hook plays someone spending the
// certificate online right after our write.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Contract, Exchange } from './openapi';

export type Json = Record<string, unknown>;

export interface Scripted {
  method: 'GET' | 'PUT';
  /** The answer's status instead of the normal one (its body: BigCommerce's error list). */
  status?: number;
  headers?: Record<string, string>;
  /** Wait this long before answering (longer than the client's time-out: it never sees the answer); a PUT's write is made first. */
  delayMs?: number;
  /** For a PUT answered with `status`: carry out the write all the same (a 5xx after the change was made). */
  apply?: boolean;
}

/** A certificate as BigCommerce lists it. */
export function certificate(id: number, code: string, amount: string, balance = amount, extra: Json = {}): Json {
  return {
    id, customer_id: 0, order_id: 0, code, to_name: 'Claire Martin', to_email: 'claire@example.com', from_name: 'Boutique', from_email: 'shop@example.com',
    amount, balance, status: 'active', template: 'general.html', message: 'Bon anniversaire', purchase_date: '1764979200', expiry_date: '0', currency_code: 'EUR', ...extra,
  };
}

export class FakeBigCommerce {
  readonly storeHash = 'abc123';
  readonly token = 'tok-SECRET-4f9d2e';
  readonly certificates = new Map<number, Json>();
  readonly exchanges: Exchange[] = [];
  /** Run once, when a PUT has been carried out: someone else changes the certificate meanwhile, or the next calls are scripted. */
  afterWrite: ((cert: Json) => void) | null = null;
  /** How an empty result of `?code=` is answered: the document's 200 [] or the live API's 204. */
  emptyList: 200 | 204 = 200;
  private scripts: Scripted[] = [];
  private hold: { count: number; waiting: (() => void)[]; timer: NodeJS.Timeout } | null = null;
  private server: Server | null = null;
  private port = 0;

  constructor(private readonly contract: Contract) {}

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The settings a till needs to use this store (POS_GIFTCERTS_BIGCOMMERCE_*). */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return { POS_GIFTCERTS_BIGCOMMERCE_API_URL: this.apiUrl, POS_GIFTCERTS_BIGCOMMERCE_STORE_HASH: this.storeHash, POS_GIFTCERTS_BIGCOMMERCE_ACCESS_TOKEN: this.token, ...extra };
  }

  add(cert: Json): Json {
    this.certificates.set(cert.id as number, cert);
    return cert;
  }

  balance(id: number): string {
    return this.certificates.get(id)!.balance as string;
  }

  /** The next calls of these methods answer so, in order. */
  script(...s: Scripted[]): void {
    this.scripts.push(...s);
  }

  /**
   * The next `count` reads of one certificate are answered together, once all of them have
   * arrived (or after `maxWaitMs`, when they never all come): racers that do not exclude each
   * other then all read the same balance before any of them writes.
   */
  holdReads(count: number, maxWaitMs: number): void {
    const release = () => {
      const h = this.hold;
      this.hold = null;
      if (h) clearTimeout(h.timer);
      h?.waiting.forEach((go) => go());
    };
    this.hold = { count, waiting: [], timer: setTimeout(release, maxWaitMs) };
    this.releaseHold = release;
  }

  private releaseHold: () => void = () => undefined;

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((done) => this.server?.close(done));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const requestBody = Buffer.concat(chunks).toString('utf8');
    const base = `/stores/${this.storeHash}/v2`;
    const url = req.url ?? '';
    const exchange: Exchange = { method: req.method ?? '', path: url.startsWith(base) ? url.slice(base.length) : url, headers: req.headers, requestBody, status: 0, responseBody: '' };
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      exchange.status = status;
      exchange.responseBody = body === null ? '' : JSON.stringify(body);
      this.exchanges.push(exchange);
      // The client may have given up waiting (a slow answer): nothing to tell it then.
      if (res.destroyed) return;
      res.writeHead(status, { ...(body !== null && { 'content-type': 'application/json' }), ...headers });
      res.end(exchange.responseBody);
    };
    const error = (status: number, message: string, headers: Record<string, string> = {}) => answer(status, [{ status, message }], headers);

    if (!url.startsWith(base)) return error(404, 'The requested resource was not found.');
    if (req.headers['x-auth-token'] !== this.token) return error(401, 'You must provide a valid X-Auth-Token.');
    const scripted = this.scripts.findIndex((s) => s.method === req.method);
    const fault = scripted < 0 ? null : this.scripts.splice(scripted, 1)[0]!;
    const slow = () => (fault?.delayMs ? new Promise((r) => setTimeout(r, fault.delayMs)) : Promise.resolve());

    const [path, search] = exchange.path.split('?') as [string, string | undefined];
    const byId = /^\/gift_certificates\/(\d+)$/.exec(path);
    let status = 200;
    let body: unknown;
    if (req.method === 'GET' && path === '/gift_certificates') {
      const code = new URLSearchParams(search ?? '').get('code');
      const found = [...this.certificates.values()].filter((c) => code === null || c.code === code);
      if (found.length === 0 && this.emptyList === 204) [status, body] = [204, null];
      else body = found;
    } else if (req.method === 'GET' && byId) {
      const hold = this.hold;
      if (hold) {
        const arrived = new Promise<void>((go) => hold.waiting.push(go));
        if (hold.waiting.length >= hold.count) this.releaseHold();
        await arrived;
      }
      body = this.certificates.get(Number(byId[1])) ?? null;
      if (!body) return error(404, 'The requested resource was not found.');
    } else if (req.method === 'PUT' && byId) {
      const cert = this.certificates.get(Number(byId[1]));
      if (!cert) return error(404, 'The requested resource was not found.');
      const problems = this.contract.request(exchange);
      if (problems.length > 0) return error(400, problems.join('; '));
      if (!fault?.status || fault.apply) {
        const change = JSON.parse(requestBody) as Json;
        // Kept as the live API keeps money: four places.
        if (typeof change.balance === 'string' && /^\d+\.\d\d$/.test(change.balance)) change.balance = `${change.balance}00`;
        Object.assign(cert, change);
        body = { ...cert };
        const hook = this.afterWrite;
        this.afterWrite = null;
        hook?.(cert);
      }
    } else {
      return error(404, 'The requested resource was not found.');
    }
    await slow();
    if (fault?.status) return error(fault.status, `scripted ${fault.status}`, fault.headers);
    answer(status, body, fault?.headers);
  }
}
