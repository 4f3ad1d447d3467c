import type { Db } from './db';

/** Ticket numbers reserved in advance for one till, sold from while the server is away. */
export interface TicketBlock {
  id: number;
  firstNo: number;
  lastNo: number;
}

/** PostgreSQL's answer to a reserved number outside the till's open block (see pos_commit_sale). */
export const NOT_RESERVED = 'P0K02';

/** The till's open block; reserved now (the counter moved past it) if it has none. */
export async function reserveTicketBlock(db: Db, terminalId: number, size: number): Promise<TicketBlock> {
  const { rows } = await db.raw<{ rows: { b: { id: number; first_no: number; last_no: number } }[] }>('SELECT pos_reserve_ticket_block(?, ?) AS b', [terminalId, size]);
  const b = rows[0]!.b;
  return { id: Number(b.id), firstNo: Number(b.first_no), lastNo: Number(b.last_no) };
}

/** Closes a block whose sales are all in; its numbers no ticket took are written as void. Returns how many. */
export async function closeTicketBlock(db: Db, blockId: number): Promise<number> {
  const { rows } = await db.raw<{ rows: { n: number }[] }>('SELECT pos_close_ticket_block(?) AS n', [blockId]);
  return Number(rows[0]!.n);
}

/** Whether the block is still open (a till's local copy may name one closed meanwhile). */
export async function isBlockOpen(db: Db, blockId: number): Promise<boolean> {
  return (await db('ticket_blocks').where({ id: blockId }).whereNull('closed_at').first('id')) !== undefined;
}

/** Numbers below each till's counter that are neither a ticket, nor void, nor unused in its open block. */
export async function ticketNumberGaps(db: Db, terminalId?: number): Promise<{ terminalId: number; ticketNo: number }[]> {
  const { rows } = await db.raw<{ rows: { terminal_id: number; ticket_no: string }[] }>(
    `SELECT terminal_id, ticket_no FROM pos_ticket_gaps()${terminalId === undefined ? '' : ' WHERE terminal_id = ?'}`,
    terminalId === undefined ? [] : [terminalId],
  );
  return rows.map((r) => ({ terminalId: r.terminal_id, ticketNo: Number(r.ticket_no) }));
}
