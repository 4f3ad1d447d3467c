import type { Db } from './db';

export interface ApiKeyRow {
  id: number;
  name: string;
  prefix: string;
  storeId: number;
  storeCode: string;
  createdAt: Date;
  revokedAt: Date | null;
}

const COLUMNS = ['k.id', 'k.name', 'k.prefix', 'k.store_id', 's.code as store_code', 'k.created_at', 'k.revoked_at'];

function toRow(r: { id: number; name: string; prefix: string; store_id: number; store_code: string; created_at: Date; revoked_at: Date | null }): ApiKeyRow {
  return { id: r.id, name: r.name, prefix: r.prefix, storeId: r.store_id, storeCode: r.store_code, createdAt: r.created_at, revokedAt: r.revoked_at };
}

export async function insertApiKey(db: Db, k: { name: string; keyHash: string; prefix: string; storeId: number }): Promise<void> {
  await db('api_keys').insert({ name: k.name, key_hash: k.keyHash, prefix: k.prefix, store_id: k.storeId });
}

export function isNameTaken(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === 'api_keys_name_key';
}

/** The key a request presented, if it exists and was not revoked. */
export async function findLiveKeyByHash(db: Db, keyHash: string): Promise<ApiKeyRow | null> {
  const r = await db('api_keys as k').join('stores as s', 's.id', 'k.store_id').select(COLUMNS).where('k.key_hash', keyHash).whereNull('k.revoked_at').first();
  return r ? toRow(r) : null;
}

export async function listApiKeys(db: Db): Promise<ApiKeyRow[]> {
  return (await db('api_keys as k').join('stores as s', 's.id', 'k.store_id').select(COLUMNS).orderBy('k.name')).map(toRow);
}

/** Revokes a live key by name; false when there is none such. */
export async function revokeApiKeyRow(db: Db, name: string): Promise<boolean> {
  return (await db('api_keys').where('name', name).whereNull('revoked_at').update({ revoked_at: db.fn.now() })) > 0;
}
