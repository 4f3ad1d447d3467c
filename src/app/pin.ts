import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

// PINs are short (10,000 of four digits), so a stolen operators table falls to trying them
// all unless each try is dear. scrypt's N sets the cost: 2^16 with r = 8 takes 64 MiB and
// about 0.38 s of CPU per try on this machine (npm run bench, "PIN verification"): all 10,000
// four-digit PINs of one operator then cost about an hour per core, and the memory keeps a GPU
// from running many at once. Hours per core would need more than 0.36 s per check, which is
// the till's own wait: 2^16 is where the two meet. The cost is written in each hash, so hashes
// made at an older cost keep verifying.
export const PIN_COST = { N: 65_536, r: 8 } as const;
export const PIN_MIN_LENGTH = 4;
const PIN_MAX_LENGTH = 12;
/** A hash naming a larger cost is refused rather than computed: a row must not stall the till. */
const MAX_N = 1 << 20;

const maxmem = (N: number, r: number) => 256 * N * r;

/** Null when `pin` may be set; the message key of what is wrong otherwise. */
export function pinProblem(pin: string): 'pin.tooShort' | 'pin.digitsOnly' | null {
  if (!/^\d*$/.test(pin)) return 'pin.digitsOnly';
  if (pin.length < PIN_MIN_LENGTH || pin.length > PIN_MAX_LENGTH) return 'pin.tooShort';
  return null;
}

export function hashPin(pin: string, cost: { N: number; r: number } = PIN_COST): string {
  const problem = pinProblem(pin);
  if (problem) throw new RangeError(`PIN refused (${problem})`);
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, 32, { N: cost.N, r: cost.r, p: 1, maxmem: maxmem(cost.N, cost.r) });
  // r is written only when it is not scrypt's usual 8, so older hashes read the same.
  const n = cost.r === 8 ? `${cost.N}` : `${cost.N}:${cost.r}`;
  return `scrypt$${n}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

function parse(stored: string): { N: number; r: number; salt: Buffer; hash: Buffer } | null {
  const [scheme, cost, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !cost || !salt || !hash) return null;
  const [n, r = '8'] = cost.split(':');
  const N = Number(n);
  const R = Number(r);
  if (!Number.isInteger(N) || N < 2 || N > MAX_N || (N & (N - 1)) !== 0 || !Number.isInteger(R) || R < 1 || R > 32) return null;
  return { N, r: R, salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
}

export function verifyPin(pin: string, stored: string): boolean {
  const h = parse(stored);
  if (!h) return false;
  const actual = scryptSync(pin, h.salt, h.hash.length, { N: h.N, r: h.r, p: 1, maxmem: maxmem(h.N, h.r) });
  return timingSafeEqual(actual, h.hash);
}

/**
 * The same check off the event loop (libuv's pool): the till's screen keeps drawing while a
 * PIN is checked, and two checks do not queue behind each other.
 */
export function verifyPinAsync(pin: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h) return Promise.resolve(false);
  return new Promise((resolve, reject) => {
    scrypt(pin, h.salt, h.hash.length, { N: h.N, r: h.r, p: 1, maxmem: maxmem(h.N, h.r) }, (err, actual) => {
      if (err) reject(err);
      else resolve(timingSafeEqual(actual, h.hash));
    });
  });
}
