// The generator's "random" choices: a hash of the row's number and a salt, so that any row can
// be made again alone (each table's pass remakes the tickets it needs) and two runs build the
// same chain.

/** A well-mixed 32-bit unsigned value of (n, salt) (murmur3's finaliser). */
export function mix(n: number, salt = 0): number {
  let h = (Math.imul(n | 0, 0x9e3779b1) ^ Math.imul((n / 4294967296) | 0, 0x85ebca6b) ^ Math.imul(salt + 1, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A whole number in [0, below). */
export function pick(below: number, n: number, salt: number): number {
  return mix(n, salt) % below;
}

/** One of `list`. */
export function oneOf<T>(list: readonly T[], n: number, salt: number): T {
  return list[pick(list.length, n, salt)]!;
}
