import type { Knex } from 'knex';
import type { MessageKey } from '../../../i18n/messages';

/** The last link of one chain of one till, as known inside or outside the database. */
export interface ChainHead {
  /** 'ticket', 'jet' (technical journal), 'note'… */
  chain: string;
  terminalId: number;
  terminalCode: string;
  /** How many links the chain has (the last one's number); 0 for a chain not started. */
  seq: number;
  /** The last link's seal (the genesis value for an empty chain). */
  hash: string;
  /** For a ticket chain: the last ticket's number. */
  ticketNo?: number | null;
}

export interface VerifyOptions {
  /** Links sealed from this instant (inclusive)… */
  from?: Date;
  /** …to this one (exclusive). */
  to?: Date;
  /** One till only (its code). */
  terminal?: string;
  /**
   * Heads kept outside the database (written at each closing): a chain found shorter than one
   * of them lost its last links; one with another seal at that number was rewritten.
   */
  expectedHeads?: readonly ChainHead[];
  /**
   * The signed heads file of a data folder (closings' heads and the sealed chains' heads): its
   * signature checked, its heads expected like `expectedHeads`.
   */
  headsFile?: string;
  /** Public keys (SPKI PEM) by key id, from outside the database, for the closings' signatures. */
  publicKeys?: Record<string, string>;
}

export type BreakKind =
  /** A record no longer matches its rows (a field changed behind the till's back). */
  | 'changed'
  /** A link or the thing it seals is gone. */
  | 'missing'
  /** A link's seal is not SHA-256 of the previous seal and its record. */
  | 'sealAltered'
  /** A link does not follow the one before it (reordered, or the chain rebuilt). */
  | 'relinked'
  /** A sealed thing (a ticket) with no seal. */
  | 'unsealed'
  /** The chain ends before the head known elsewhere. */
  | 'truncated'
  /** The head known elsewhere has another seal than the chain. */
  | 'headMismatch'
  /** A closing's (or a file's) signature does not check with the store's key. */
  | 'signature'
  /** A closing's figures differ from its tickets or from the closings it is built on. */
  | 'totals'
  /** A closing's perpetual grand total is not the previous one plus the period's. */
  | 'perpetual'
  /** The heads file is forged or changed. */
  | 'heads';

/** One broken link: which chain and record, what differs; said with `key` in the reader's language. */
export interface Break {
  chain: string;
  terminal: string;
  /** The link's number in its chain (null for something with no link). */
  seq: number | null;
  kind: BreakKind;
  /** What the link seals, as people name it: "T01-000042", "event 17". */
  ref: string | null;
  /** For 'changed': the place of the record, "lines[2].unit_price". */
  field?: string;
  sealed?: string;
  found?: string;
  key: MessageKey;
  params: Record<string, string | number>;
}

/** One family of chains checked: `pos verify` runs each of VERIFIERS (verify/index.ts). */
export type Verifier = (db: Knex, options: VerifyOptions) => Promise<Break[]>;
