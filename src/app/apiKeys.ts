import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../data/db';
import { findLiveKeyByHash, insertApiKey, isNameTaken, listApiKeys, revokeApiKeyRow, type ApiKeyRow } from '../data/apiKeys';
import { findStoreByCode } from '../data/places';
import { refuse } from './errors';

// Keys for the e-shop's calls to `pos serve`. A key is 256 random bits shown once when made;
// only its SHA-256 is kept (a key that long needs no slow hash: it cannot be guessed), so a
// copy of the database gives no working key.

const PREFIX = 'pos_';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Makes a key for a store (the e-shop is a store); returns the key itself, never to be shown again. */
export async function createApiKey(db: Db, name: string, storeCode: string): Promise<{ key: string; row: ApiKeyRow }> {
  if (!/^[A-Za-z0-9_.-]{1,40}$/.test(name)) refuse('apiKey.nameInvalid', { name });
  const store = await findStoreByCode(db, storeCode);
  if (!store) refuse('apiKey.storeUnknown', { code: storeCode });
  const key = PREFIX + randomBytes(32).toString('base64url');
  try {
    await insertApiKey(db, { name, keyHash: hashApiKey(key), prefix: key.slice(0, PREFIX.length + 6), storeId: store.id });
  } catch (error) {
    if (isNameTaken(error)) refuse('apiKey.nameTaken', { name });
    throw error;
  }
  return { key, row: (await listApiKeys(db)).find((k) => k.name === name)! };
}

export async function revokeApiKey(db: Db, name: string): Promise<void> {
  if (!(await revokeApiKeyRow(db, name))) refuse('apiKey.unknown', { name });
}

export { listApiKeys };

/** The live key presented with a request, or null (unknown, revoked, malformed). */
export async function authenticate(db: Db, presented: string | null): Promise<ApiKeyRow | null> {
  if (!presented?.startsWith(PREFIX) || presented.length > 100) return null;
  return findLiveKeyByHash(db, hashApiKey(presented));
}
