import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Db } from '../../data/db';
import { allClosings, storeKeyRow } from '../../data/closings';
import { signatureValid, signText, storeKey } from './keys';
import { sealHeads, type SealHead } from './ticketHeads';

// The head of each chain kept outside the database: after each closing, a signed file in the
// till's data folder names the last closing of every chain of the store and the head of each of
// its tills' sealed chains (tickets, technical journal, notes, training tickets). Deleting the
// newest closings or tickets from the database then leaves a file naming records that are gone:
// `pos verify` reports a truncated tail.

export const HEADS_FILE = 'closing-heads.json';

export interface ChainHead {
  chain: string;
  seq: number;
  lastDay: string;
  hash: string;
  perpetualCents: number;
}

export interface HeadsDoc {
  /** 1: closings only (sealing not yet in service, `tickets` null); 2: with the sealed chains' heads. */
  format: 1 | 2;
  storeId: number;
  keyId: string;
  writtenAt: string;
  closings: ChainHead[];
  /** The sealed chains' heads (format 2; none in a format 1 file). */
  seals: SealHead[];
  signature: string;
}

export function headsPath(dataDir: string): string {
  return join(dataDir, HEADS_FILE);
}

export function chainOf(c: { scope: string; storeId: number; terminalId: number | null; kind: string }): string {
  return `${c.scope}:${c.storeId}:${c.terminalId ?? ''}:${c.kind}`;
}

/** The store's chain heads as the database has them now. */
export async function currentHeads(db: Db, storeId: number): Promise<ChainHead[]> {
  const last = new Map<string, ChainHead>();
  for (const c of await allClosings(db)) {
    if (c.storeId !== storeId) continue;
    last.set(chainOf(c), { chain: chainOf(c), seq: c.seq, lastDay: c.lastDay, hash: c.hash, perpetualCents: c.perpetualCents });
  }
  return [...last.values()].sort((a, b) => (a.chain < b.chain ? -1 : 1));
}

function signedPart(d: Omit<HeadsDoc, 'signature'>): string {
  const closings = d.closings.map((h) => [h.chain, h.seq, h.lastDay, h.hash, h.perpetualCents]);
  // Format 1 files said `tickets: null` where format 2 has the seals' heads.
  if (d.format === 1) return JSON.stringify([d.format, d.storeId, d.keyId, d.writtenAt, closings, null]);
  return JSON.stringify([d.format, d.storeId, d.keyId, d.writtenAt, closings, d.seals.map((h) => [h.chain, h.terminalId, h.terminalCode, h.seq, h.hash, h.ticketNo ?? null])]);
}

/** The heads document, signed, as the database (or the transaction) has them now. */
export async function headsDoc(db: Db, storeId: number, now: Date): Promise<HeadsDoc> {
  const key = await storeKey(db, storeId);
  const body = { format: 2 as const, storeId, keyId: key.keyId, writtenAt: now.toISOString(), closings: await currentHeads(db, storeId), seals: await sealHeads(db, storeId) };
  return { ...body, signature: signText(key, signedPart(body)) };
}

/** Writes the heads file (whole, then renamed over the old one: never half a file). */
export async function saveHeads(dataDir: string, doc: HeadsDoc): Promise<void> {
  const path = headsPath(dataDir);
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, JSON.stringify(doc, null, 2) + '\n');
  await rename(tmp, path);
}

// Writes from this process one after the other, each reading the heads when its turn comes:
// two closings at once never leave the file with the older heads.
const writing = new Map<string, Promise<unknown>>();

export function writeHeads(db: Db, storeId: number, dataDir: string, now: Date): Promise<HeadsDoc> {
  const path = headsPath(dataDir);
  const next = (writing.get(path) ?? Promise.resolve())
    .catch(() => undefined)
    .then(async () => {
      const doc = await headsDoc(db, storeId, now);
      await saveHeads(dataDir, doc);
      return doc;
    });
  writing.set(path, next);
  return next;
}

/** The heads file, or null when there is none; `valid`: its signature checks with the store's key. */
export async function readHeads(db: Db, path: string): Promise<{ doc: HeadsDoc; valid: boolean } | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return null;
  }
  let doc: HeadsDoc;
  try {
    doc = JSON.parse(text) as HeadsDoc;
    if (!Array.isArray(doc.closings)) throw new Error('no closings');
    if (doc.format === 1) doc = { ...doc, seals: [] };
    const seals = doc.seals as unknown;
    if (!Array.isArray(seals) || seals.some((h) => typeof h?.chain !== 'string' || typeof h.terminalId !== 'number' || typeof h.seq !== 'number' || typeof h.hash !== 'string')) throw new Error('no seals');
  } catch {
    // Not even a heads document: said as a forged file, its heads unknown.
    return { doc: { format: 2, storeId: 0, keyId: '', writtenAt: '', closings: [], seals: [], signature: '' }, valid: false };
  }
  const key = await storeKeyRow(db, doc.storeId);
  const { signature, tickets: _v1, ...body } = doc as HeadsDoc & { tickets?: unknown };
  return { doc, valid: !!key && key.keyId === doc.keyId && signatureValid(key.publicKey, signedPart(body), signature) };
}
