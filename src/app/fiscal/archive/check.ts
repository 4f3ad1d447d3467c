import { createHash, createPublicKey } from 'node:crypto';
import type { MessageKey } from '../../../i18n/messages';
import { signatureValid } from '../../closings/keys';
import { GENESIS, sealOf } from '../records';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, archiveText, type ArchiveBody, type ArchiveFile } from './format';

// Checking an archive on its own: no database, no till. The file must be exactly as written,
// the body's SHA-256 and signature must check (with the key given, else the one embedded),
// every chain is re-computed from its records (each seal SHA-256 of the previous seal and the
// record, numbers following), every closing's hash and signature from its canonical text.

export interface ArchiveBreak {
  /** Where: 'file', a chain ('ticket T01'), a closing chain. */
  where: string;
  seq: number | null;
  key: MessageKey;
  params: Record<string, string | number>;
}

export interface ArchiveCheck {
  ok: boolean;
  /** The body, when the file could be read as an archive. */
  body: ArchiveBody | null;
  links: number;
  closings: number;
  /** The key id of the key the signature was checked with. */
  keyId: string | null;
  breaks: ArchiveBreak[];
}

/** A public key's id as the closings name it: the first 16 hex of SHA-256 of its SPKI DER. */
export function keyIdOf(publicKeyPem: string): string {
  return createHash('sha256').update(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function fileBreak(key: MessageKey, params: Record<string, string | number> = {}): ArchiveBreak {
  return { where: 'file', seq: null, key, params };
}

/** Reads the file's bytes as an archive: null and a break when it is not one, byte for byte. */
function readFile(bytes: Uint8Array): { file: ArchiveFile; body: ArchiveBody } | ArchiveBreak {
  let text: string;
  let file: ArchiveFile;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    file = JSON.parse(text) as ArchiveFile;
  } catch {
    return fileBreak('archive.break.unreadable');
  }
  if (!file || file.format !== ARCHIVE_FORMAT || typeof file.body !== 'string' || typeof file.signature !== 'string' || typeof file.publicKey !== 'string' || typeof file.sha256 !== 'string' || typeof file.keyId !== 'string') {
    return fileBreak('archive.break.unreadable');
  }
  if (file.version !== ARCHIVE_VERSION) return fileBreak('archive.break.version', { version: String(file.version) });
  // Anything else than what the till writes (a blank changed, a key renamed, a field added).
  if (archiveText(file) !== text) return fileBreak('archive.break.notAsWritten');
  let body: ArchiveBody;
  try {
    body = JSON.parse(file.body) as ArchiveBody;
  } catch {
    return fileBreak('archive.break.unreadable');
  }
  if (!body || !Array.isArray(body.chains) || !Array.isArray(body.closings)) return fileBreak('archive.break.unreadable');
  return { file, body };
}

/** Checks an archive's bytes; `publicKeyPem`: the store's key exported beforehand (else the embedded one, said so). */
export function checkArchive(bytes: Uint8Array, publicKeyPem?: string): ArchiveCheck {
  const read = readFile(bytes);
  if ('key' in read) return { ok: false, body: null, links: 0, closings: 0, keyId: null, breaks: [read] };
  const { file, body } = read;
  const breaks: ArchiveBreak[] = [];
  const key = publicKeyPem ?? file.publicKey;
  let keyId: string | null = null;
  try {
    keyId = keyIdOf(key);
  } catch {
    breaks.push(fileBreak('archive.break.badKey'));
  }
  if (keyId !== null && keyId !== file.keyId) breaks.push(fileBreak('archive.break.otherKey', { keyId: file.keyId, given: keyId }));
  if (sha256(file.body) !== file.sha256) breaks.push(fileBreak('archive.break.sha256'));
  // Base64 has bits it ignores: a signature or an embedded key written otherwise than the till
  // writes them (same value) is still another file.
  if (!signatureValid(key, file.body, file.signature) || Buffer.from(file.signature, 'base64').toString('base64') !== file.signature) breaks.push(fileBreak('archive.break.signature'));
  if (!publicKeyPem && keyId !== null && createPublicKey(file.publicKey).export({ type: 'spki', format: 'pem' }).toString() !== file.publicKey) breaks.push(fileBreak('archive.break.badKey'));

  // A body not shaped as the till writes it cannot have its signature either (said above); its
  // walk stops at what it cannot read.
  const walked = { links: 0 };
  try {
    walk(body, key, breaks, walked);
  } catch {
    breaks.push(fileBreak('archive.break.unreadable'));
  }
  return { ok: breaks.length === 0, body, links: walked.links, closings: Array.isArray(body.closings) ? body.closings.length : 0, keyId, breaks };
}

/** Every chain re-computed from its records, every closing from its text. */
function walk(body: ArchiveBody, key: string, breaks: ArchiveBreak[], walked: { links: number }): void {
  for (const c of body.chains) {
    const where = `${c.chain} ${c.terminal}`;
    let prev: { seq: number; hash: string } | null = null;
    for (const l of c.links) {
      walked.links++;
      const params = { chain: c.chain, terminal: c.terminal, seq: l.seq };
      if (prev && l.seq !== prev.seq + 1) breaks.push({ where, seq: l.seq, key: 'fiscal.break.linksMissing', params: { chain: c.chain, terminal: c.terminal, from: prev.seq + 1, to: l.seq - 1 } });
      else if ((prev && l.prevHash !== prev.hash) || (l.seq === 1 && l.prevHash !== GENESIS)) breaks.push({ where, seq: l.seq, key: 'fiscal.break.relinked', params });
      if (sealOf(l.prevHash, l.record) !== l.hash) breaks.push({ where, seq: l.seq, key: 'fiscal.break.sealAltered', params });
      prev = { seq: l.seq, hash: l.hash };
    }
  }

  const last = new Map<string, { seq: number; hash: string }>();
  for (const c of body.closings) {
    const params = { chain: c.chain, seq: c.seq, period: `${c.firstDay}..${c.lastDay}`, fields: '' };
    let cells: unknown[] = [];
    try {
      cells = JSON.parse(c.record) as unknown[];
    } catch {
      /* said below: its hash will not check either */
    }
    if (sha256(c.record) !== c.hash) breaks.push({ where: c.chain, seq: c.seq, key: 'fiscal.break.closing.changed', params: { ...params, fields: 'record' } });
    else if (cells[6] !== c.seq || cells[22] !== c.prevHash || cells[13] !== c.totalCents || cells[18] !== c.perpetualCents) breaks.push({ where: c.chain, seq: c.seq, key: 'fiscal.break.closing.changed', params: { ...params, fields: 'fields' } });
    if (!signatureValid(key, c.record, c.signature)) breaks.push({ where: c.chain, seq: c.seq, key: 'fiscal.break.closing.signature', params: { ...params, fields: 'signature' } });
    const before = last.get(c.chain);
    if (before && (c.seq !== before.seq + 1 || c.prevHash !== before.hash)) breaks.push({ where: c.chain, seq: c.seq, key: 'fiscal.break.closing.missing', params: { ...params, fields: `seq ${before.seq + 1}` } });
    else if (!before && c.seq === 1 && c.prevHash !== GENESIS) breaks.push({ where: c.chain, seq: c.seq, key: 'fiscal.break.closing.reordered', params: { ...params, fields: 'prev_hash' } });
    last.set(c.chain, { seq: c.seq, hash: c.hash });
  }
}
