// The archive of a period (`pos archive --period 2026-11`): one JSON file, checked without the
// till or its database (`pos verify --archive FILE`, or the short script in the README with
// sha256sum, openssl and jq). Its `body` is itself a JSON text, kept as a string so that the
// bytes signed are the bytes stored: `jq -j .body` gives them back exactly. The file is written
// compact with one final newline and read back the same way: any byte changed, even blank
// space, makes it another file than the one written, and it is refused.

export const ARCHIVE_FORMAT = 'pos-archive';
export const ARCHIVE_VERSION = 1;

/** One link of a sealed chain, as `pos verify` walks it. */
export interface ArchiveLink {
  seq: number;
  /** The record's format version. */
  version: number;
  /** The sealed thing's id (the sale, the journal event, the note). */
  refId: number;
  /** For a ticket: its number on its till. */
  ticketNo: number | null;
  sealedAt: string;
  record: string;
  prevHash: string;
  hash: string;
}

export interface ArchiveChain {
  /** 'ticket', 'jet' (technical journal), 'note', 'training'… */
  chain: string;
  terminalId: number;
  terminal: string;
  links: ArchiveLink[];
}

export interface ArchiveClosing {
  /** The closings' chain: scope:store:till:kind. */
  chain: string;
  seq: number;
  kind: string;
  firstDay: string;
  lastDay: string;
  totalCents: number;
  perpetualCents: number;
  /** The canonical text hashed and signed (its prevHash is its 23rd cell). */
  record: string;
  prevHash: string;
  hash: string;
  signature: string;
  keyId: string;
}

export interface ArchiveBody {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  software: { name: string; version: string };
  store: { id: number; code: string; name: string };
  /** The period: a month, YYYY-MM. */
  period: string;
  timeZone: string;
  from: string;
  to: string;
  madeAt: string;
  keyId: string;
  chains: ArchiveChain[];
  closings: ArchiveClosing[];
}

export interface ArchiveFile {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  keyId: string;
  /** The store's public key (SPKI PEM); check it against the one exported (`pos close key --export`). */
  publicKey: string;
  /** SHA-256 (hex) of the body's UTF-8 bytes. */
  sha256: string;
  /** Ed25519 signature (base64) of the body's UTF-8 bytes by the store's key. */
  signature: string;
  body: string;
}

/** The file's bytes: compact JSON and one newline, nothing else. */
export function archiveText(f: ArchiveFile): string {
  const ordered: ArchiveFile = { format: f.format, version: f.version, keyId: f.keyId, publicKey: f.publicKey, sha256: f.sha256, signature: f.signature, body: f.body };
  return JSON.stringify(ordered) + '\n';
}
