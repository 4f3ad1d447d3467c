import type { Db } from '../../data/db';

// HOOK for the fiscal-seal branch, not done here: the head of each till's ticket chain
// ({ terminalId, lastTicketNo, lastSeal }), from its `chainHeads(db)`, goes into the heads file
// and onto each Z beside the closing heads. Until that branch is merged there are no ticket
// seals to name, and this says so (null): nothing pretends to be a ticket head.

export interface TicketHead {
  terminalId: number;
  lastTicketNo: number;
  lastSeal: string;
}

export type TicketHeadsSource = (db: Db) => Promise<TicketHead[]>;

/** Replace with the fiscal seal's chainHeads at merge. */
export const TICKET_HEADS: TicketHeadsSource | null = null;
