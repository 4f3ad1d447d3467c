import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { insertStoreKey, storeKeyRow, type StoreKeyRow } from '../../data/closings';
import type { Db } from '../../data/db';
import { newStoreKey } from '../../../migrations/20261208110000_closings';

// The store's Ed25519 key signs its closings and the chain heads kept outside the database.
//
// Where the private key lives, and why: in the `store_keys` table, readable by the till role
// (pos_till) and the owner only. Every till makes closings (its own Z, and the automatic close
// before the first sale of a new day), so every till must sign; a key on one machine would leave
// the others unable to close. What the signature proves is therefore bounded: that the closing
// was made by the till software of this shop, with this store's key, and not changed since.
// It does not stop someone who can read the database as a till (or as the owner) from signing
// a forged closing. That threat is met by what lives outside the database: the chain heads file
// in each till's data folder (signed too, and checked against the database by the verifier),
// the heads printed on every Z, and the public key exported once (`pos close key`) and kept by
// the shop or its accountant: a rewritten history must then also rewrite paper and other disks.
// The key is made when the closings migration runs (for the stores there are) or at a store's
// first need (made by whichever till needs it first; the first one written is kept for good:
// rows of store_keys are never changed or deleted, by trigger).

export async function storeKey(db: Db, storeId: number): Promise<StoreKeyRow> {
  const found = await storeKeyRow(db, storeId);
  if (found) return found;
  await insertStoreKey(db, storeId, newStoreKey());
  return (await storeKeyRow(db, storeId))!;
}

/** Base64 Ed25519 signature of a text. */
export function signText(key: StoreKeyRow, text: string): string {
  return sign(null, Buffer.from(text, 'utf8'), createPrivateKey(key.privateKey)).toString('base64');
}

export function signatureValid(publicKeyPem: string, text: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(text, 'utf8'), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
