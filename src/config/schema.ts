// zod/mini rather than zod: the same checks at a tenth of the start-up cost (≈ 5 ms instead of
// ≈ 30 ms to load on this machine), which a thin client pays at every start.
import { isIP } from 'node:net';
import * as z from 'zod/mini';
import { parseDeviceUri, type DeviceUri } from '../../drivers/uri';
import { MAX_CENTS } from '../domain/money';
import type { Clock } from '../domain/clock';

/** A key as the keymap names it: "f1"…"f12", "ctrl+t", "delete", "pageup"… */
// A plain letter would type into the entry line, never reach a command: letters need Ctrl.
const keyName = z.string().check(z.regex(/^(ctrl\+[a-z]|(ctrl\+)?(f([1-9]|1[0-2])|delete|insert|pageup|pagedown|home|end|tab))$/, 'config.keyName'));

export const COMMANDS = [
  'help', 'search', 'quantity', 'voidLine', 'priceOverride', 'lineDiscount', 'cancelSale',
  'reprint', 'logout', 'tender', 'cash', 'card', 'removeTender', 'quit',
  // sale screen, features
  'customer', 'history', 'reward', 'issueVoucher', 'noSale', 'backroom', 'giftCardBalance', 'itemKeys', 'returnTicket',
  // payment screen, tenders that draw on something
  'voucher', 'account', 'giftCard', 'giftcert',
] as const;
export type Command = (typeof COMMANDS)[number];

/**
 * The commands offered together on one screen (the sale screen, the payment screen): a key
 * may serve only one of them there, or the others could never be reached.
 */
export const SCREEN_COMMANDS: Record<'sale' | 'payment', readonly Command[]> = {
  sale: ['help', 'search', 'quantity', 'voidLine', 'priceOverride', 'lineDiscount', 'cancelSale', 'reprint', 'tender', 'customer', 'history', 'reward', 'issueVoucher', 'noSale', 'backroom', 'giftCardBalance', 'itemKeys', 'returnTicket', 'logout', 'quit'],
  payment: ['help', 'cash', 'card', 'removeTender', 'voucher', 'account', 'giftCard', 'giftcert'],
};

const int = (min: number, max: number) => z.number().check(z.int(), z.gte(min), z.lte(max));

/** A device address (drivers/uri.ts) of one of the kinds `allowed`; `also` are words taken as they are. */
function deviceUri(allowed: readonly DeviceUri['kind'][], also: readonly string[] = []) {
  return z.string().check(z.refine((u) => {
    if (also.includes(u)) return true;
    try {
      return allowed.includes(parseDeviceUri(u).kind);
    } catch {
      return false;
    }
  }, 'config.deviceUri'));
}

/** The canonical list is quick to read; only an alias (Europe/Kiev…) costs a formatter. */
function knownTimeZone(tz: string): boolean {
  if (tz === 'UTC' || Intl.supportedValuesOf('timeZone').includes(tz)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * fastify's trustProxy: no proxy, any, or the proxies' addresses and networks. No count of
 * hops: fastify 5 trusts none with one (a count cannot tell a proxy from a client that sends
 * the header itself), so it is refused here rather than silently doing nothing.
 */
export type TrustProxy = boolean | string[];

/** An address or network proxy-addr (fastify's) takes: 10.0.0.1, 10.0.0.0/8, fd00::/8, or one of its names. */
function isProxyAddress(text: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(text)) return true;
  const [ip, bits, ...rest] = text.split('/');
  const family = isIP(ip ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  if (family === 4 && isIP(bits) === 4) return true; // a netmask: 255.0.0.0
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

function isTrustProxy(v: unknown): v is TrustProxy {
  if (typeof v === 'boolean') return true;
  return Array.isArray(v) && v.length > 0 && v.every((a) => typeof a === 'string' && isProxyAddress(a));
}

/** From the environment (POS_API_TRUST_PROXY) a list arrives as text: "10.0.0.1, 10.0.0.0/8". */
function trustProxyText(v: unknown): unknown {
  return typeof v === 'string' ? v.split(',').map((a) => a.trim()).filter(Boolean) : v;
}

// Custom messages are message keys (src/i18n), translated when the error is reported.
export const configSchema = z.strictObject({
  lang: z.enum(['fr', 'en']),
  terminal: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,20}$/, 'config.terminal')),
  timeZone: z.string().check(z.refine(knownTimeZone, 'config.timeZone')),
  /** This till's own files: the embedded database, spooled sales, receipts, the log. */
  dataDir: z.string().check(z.minLength(1)),
  /** At the till: a repeated scan of the last item at its price adds to that line (off: one line per scan). */
  sale: z.strictObject({ mergeScans: z.boolean() }),
  /** Store-credit vouchers: how long a new one is valid, unless a date is given when issuing it. */
  vouchers: z.strictObject({ validityMonths: int(1, 120) }),
  /**
   * Gift cards: the least a card is sold for (the most is limits.giftCardCents), how long it is
   * valid, and the shop's pre-printed cards (numbers of `length` digits starting with `prefix`,
   * the last a Luhn check; an empty prefix: none).
   */
  giftCards: z.strictObject({
    minCents: int(1, MAX_CENTS),
    validityMonths: int(1, 120),
    preprinted: z.strictObject({ prefix: z.string().check(z.regex(/^\d{0,12}$/, 'config.giftCardPrefix')), length: int(8, 19) }),
  }),
  /**
   * Returns: how money paid with a gift card or an e-shop gift certificate is paid back (never
   * onto a gift card: a store-credit voucher, or cash), and whether a return without its ticket
   * needs a manager (`manager`) or not (`free`).
   */
  returns: z.strictObject({ prepaidRefund: z.enum(['voucher', 'cash']), withoutTicket: z.enum(['free', 'manager']) }),
  /**
   * Ceilings on amounts, in cents (src/domain/limits.ts): an amount above one is refused wherever
   * it enters; none may pass the till's own bound, which the database also holds.
   */
  limits: z.strictObject({
    unitPriceCents: int(1, MAX_CENTS),
    lineTotalCents: int(1, MAX_CENTS),
    ticketCents: int(1, MAX_CENTS),
    voucherCents: int(1, MAX_CENTS),
    giftCardCents: int(1, MAX_CENTS),
    accountOverpaymentCents: int(0, MAX_CENTS),
  }),
  db: z.strictObject({
    url: z.string().check(z.refine((u) => u === '' || /^postgres(ql)?:\/\//.test(u), 'config.url')),
    /**
     * The owner of the tables, who runs the migrations (`pos migrate`; a till finding the
     * database behind migrates through it). Empty: db.url. The till itself runs as a user of the
     * till role (pos_till), never as the owner or a superuser unless allowOwner.
     */
    ownerUrl: z.string().check(z.refine((u) => u === '' || /^postgres(ql)?:\/\//.test(u), 'config.url')),
    /**
     * A chain's server as several addresses (its primary and standbys, or a pooler in front of
     * each): the till works on the one that accepts writes, and after a failover finds the
     * promoted standby by itself. Empty: db.url alone.
     */
    urls: z.array(z.string().check(z.refine((u) => /^postgres(ql)?:\/\//.test(u), 'config.url'))),
    /**
     * Standbys for what need not be fresh (reports, back-office lists, `pos check`), read there
     * with their lag shown; the first that answers serves. Empty: the primary serves them.
     */
    readUrls: z.array(z.string().check(z.refine((u) => /^postgres(ql)?:\/\//.test(u), 'config.url'))),
    /** Let the till run as the owner of the tables or a superuser of a store server (`--allow-owner`). */
    allowOwner: z.boolean(),
    /** lingerSeconds: how long the embedded server stays up after its last till or command (0: stopped at once). */
    embedded: z.strictObject({ port: int(1024, 65535), lingerSeconds: int(0, 86_400) }),
    poolMax: int(1, 100),
    connectTimeoutMs: int(100, 120_000),
    retryMs: int(100, 600_000),
  }),
  /**
   * Backups (`pos backup`, `pos restore`): where the daily ones go (empty: <dataDir>/backups),
   * the folder of pg_dump/pg_restore when they are not found by themselves, whether
   * `pos backup --daily` (run by a timer) makes one a day, and how many daily ones are kept.
   */
  backup: z.strictObject({ dir: z.string(), binDir: z.string(), daily: z.boolean(), keep: int(1, 3650) }),
  receipt: z.strictObject({
    output: z.enum(['file', 'console', 'none']),
    file: z.string().check(z.minLength(1)),
    columns: z.union([z.literal(32), z.literal(42), z.literal(48)]),
    /** Lines at the foot of receipts in place of the thanks; a store's own (pos store edit --footer) come first. */
    footer: z.array(z.string().check(z.maxLength(48))).check(z.maxLength(10)),
  }),
  /** Printer, drawer, scanners and customer display of this till (see drivers/uri.ts for addresses). */
  devices: z.strictObject({
    pollMs: int(200, 600_000),
    printer: z.strictObject({
      /** Empty: no printer, receipts go where `receipt.output` says. */
      uri: deviceUri(['tcp', 'usb', 'serial', 'path'], ['']),
      commandSet: z.enum(['epson', 'star']),
      timeoutMs: int(100, 60_000),
      cut: z.boolean(),
      /** Ask the printer's status (DLE EOT) around each job; off for one that never answers. */
      statusQueries: z.boolean(),
    }),
    drawer: z.strictObject({ uri: deviceUri(['serial', 'path'], ['', 'printer']), pin: z.union([z.literal(2), z.literal(5)]) }),
    scanners: z.strictObject({
      uris: z.array(deviceUri(['serial', 'hid', 'path'])),
      /** Keys closer than this, ending with Enter, are a keyboard-wedge scanner, not typing. */
      wedgeGapMs: int(1, 500),
      wedgeMinLength: int(2, 64),
    }),
    display: z.strictObject({ uri: deviceUri(['serial'], ['']) }),
  }),
  /**
   * E-shop gift certificates. BigCommerce's are off until its store hash and an API token (scope
   * Marketing: modify) are given, in config/local.json or POS_GIFTCERTS_BIGCOMMERCE_* variables;
   * the token is never written to the database, a log or a message. Only https reaches a
   * remote host (http only to this machine, for tests).
   */
  giftcerts: z.strictObject({
    bigcommerce: z.strictObject({
      storeHash: z.string().check(z.regex(/^([a-z0-9]{1,40})?$/, 'config.giftcertStoreHash')),
      accessToken: z.string().check(z.regex(/^([\x21-\x7e]{1,200})?$/, 'config.giftcertToken')),
      apiUrl: z.string().check(z.regex(/^(https:\/\/[a-z0-9.-]+(:\d{1,5})?|http:\/\/(127\.0\.0\.1|localhost)(:\d{1,5})?)$/, 'config.giftcertApiUrl')),
      /** The shop's currency: a certificate in another one is refused. */
      currency: z.string().check(z.regex(/^[A-Z]{3}$/, 'config.giftcertCurrency')),
      /** Each call's time limit; beyond it the cashier is told and nothing is paid. */
      timeoutMs: int(100, 60_000),
      /** The longest Retry-After of a 429 waited for before reading once more; a longer one is said to the cashier. */
      retryWaitMs: int(0, 10_000),
    }).check(z.refine((b) => (b.storeHash === '') === (b.accessToken === ''), 'config.giftcertIncomplete')),
  }),
  /**
   * Stock. allowNegative: selling what the books say is not there takes the figure below zero
   * and warns the cashier (false: the sale is refused). showLowOnLine / showLowOnDisplay: an
   * item at or under its threshold says "plus que 3" on its basket line / the customer display.
   */
  stock: z.strictObject({ allowNegative: z.boolean(), showLowOnLine: z.boolean(), showLowOnDisplay: z.boolean() }),
  /**
   * What every till follows live (stock figures, prices, codes blocked). listenUrl: the server
   * the listening connection goes to straight (LISTEN does not pass a pooler in transaction
   * mode; several, comma-separated, for a primary and its standbys: it follows the primary);
   * empty: the database's own (db.urls, else db.url). A lost connection is tried again from db.retryMs, doubling
   * up to maxRetryMs; heartbeatMs: how often an idle one is checked.
   */
  /**
   * Item keys (pavé de vente) written by `pos keys apply`: pages of keys, each key's character
   * (1-9, A-Z) giving an item's SKU or barcode; the store's pages, or with --till that till's own.
   */
  itemKeys: z.strictObject({
    pages: z.array(z.strictObject({ name: z.string(), keys: z.record(z.string(), z.string()) })),
  }),
  /**
   * Selling through an outage (src/app/offline): with the server away, a till with `enabled`
   * sells for cash and card into its local journal, numbering its tickets from a block of
   * `blockSize` numbers reserved while the server answered; the journal is sent once it is back.
   * Off: a paid sale waits on screen for the server. Per till: config/terminals/<code>.json.
   */
  offline: z.strictObject({ enabled: z.boolean(), blockSize: int(10, 10_000) }),
  /**
   * The e-shop API (`pos serve`). failedLookups: after `max` failed code look-ups (unknown,
   * mistyped) in `windowSeconds` by one API key or from one address, its code look-ups get 429
   * until the window passes. codeScope: what a key may do outside its own store: `store` (the
   * default) only its store's vouchers and gift cards and pickups there, `shop` those of all stores.
   * trustProxy: behind a reverse proxy, whose X-Forwarded-For names the client (fastify's
   * trustProxy): false (the default: the connection's address), true (any: only when nothing
   * but the proxy can reach the port), or the proxies' addresses and networks
   * (["10.0.0.1", "10.0.0.0/8", "loopback"]), the safe choice.
   */
  api: z.strictObject({
    failedLookups: z.strictObject({ max: int(1, 100_000), windowSeconds: int(1, 86_400) }),
    codeScope: z.enum(['store', 'shop']),
    trustProxy: z.pipe(z.transform(trustProxyText), z.custom<TrustProxy>(isTrustProxy, 'config.trustProxy')),
  }),
  events: z.strictObject({
    listenUrl: z.string().check(z.refine((u) => u === '' || /^postgres(ql)?:\/\//.test(u), 'config.url')),
    maxRetryMs: int(100, 600_000),
    heartbeatMs: int(1000, 600_000),
  }),
  /**
   * Operators. lockout: after `attempts` wrong PINs in a row an operator is locked for
   * `minutes` (until a manager lifts it). idleLockMinutes: the till locks itself when no key was
   * pressed for so long (0: never), asking the operator's PIN again; the ticket is kept.
   * serviceOperator: the code scripts act under without a PIN (empty: every command asks one);
   * each such command is logged as the service's.
   */
  operators: z.strictObject({
    lockout: z.strictObject({ attempts: int(1, 100), minutes: int(1, 10_080) }),
    idleLockMinutes: int(0, 1440),
    serviceOperator: z.string().check(z.regex(/^([A-Za-z0-9_-]{1,20})?$/, 'config.serviceOperator')),
  }),
  /**
   * Closings (clôtures, src/app/closings). autoClose: a day a till left unclosed is closed (Z)
   * before its first sale of a later day, and the cashier is told. fiscalYearStartMonth: the
   * month the shop's fiscal year starts (1: the calendar year); the yearly closing follows it.
   */
  closings: z.strictObject({ autoClose: z.boolean(), fiscalYearStartMonth: int(1, 12) }),
  keys: z.strictObject(Object.fromEntries(COMMANDS.map((c) => [c, z.array(keyName).check(z.minLength(1))])) as Record<Command, z.ZodMiniArray<typeof keyName>>),
});

/** The settings, and the clock the till reads the date from (the system's unless a test gives one). */
export type Config = z.infer<typeof configSchema> & { clock?: Clock };
