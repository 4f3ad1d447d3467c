import type { Db } from './db';

// Stores and tills as store IT manages them (`pos store`, `pos terminal`, the back office).

export interface StoreRow {
  id: number;
  code: string;
  name: string;
  address: string[];
  siret: string | null;
  timeZone: string | null;
  header: string[];
  footer: string[];
}

export interface StoreFields {
  name: string;
  address: string[];
  siret: string | null;
  timeZone: string | null;
  header: string[];
  footer: string[];
}

/** Devices recorded for a till (addresses as in the configuration's devices.*.uri). */
export interface TillDevicesRecord {
  printer?: string;
  drawer?: string;
  display?: string;
  scanners?: string[];
}

export interface TerminalRow {
  id: number;
  code: string;
  name: string;
  storeCode: string;
  devices: TillDevicesRecord;
  retiredAt: Date | null;
  tickets: number;
}

const storeOf = (r: Record<string, unknown>): StoreRow => ({
  id: r.id as number, code: r.code as string, name: r.name as string, address: r.postal_address as string[],
  siret: (r.siret as string | null) ?? null, timeZone: (r.time_zone as string | null) ?? null,
  header: r.receipt_header as string[], footer: r.receipt_footer as string[],
});

const storeColumns = (f: Partial<StoreFields>) => ({
  ...(f.name !== undefined && { name: f.name }),
  ...(f.address !== undefined && { postal_address: f.address }),
  ...(f.siret !== undefined && { siret: f.siret }),
  ...(f.timeZone !== undefined && { time_zone: f.timeZone }),
  ...(f.header !== undefined && { receipt_header: f.header }),
  ...(f.footer !== undefined && { receipt_footer: f.footer }),
});

export async function listStores(db: Db): Promise<StoreRow[]> {
  return (await db('stores').select('*').orderBy('code')).map(storeOf);
}

export async function getStore(db: Db, code: string): Promise<StoreRow | null> {
  const r = await db('stores').select('*').where('code', code).first();
  return r ? storeOf(r) : null;
}

/** Null when the code is taken. */
export async function insertStore(db: Db, code: string, f: StoreFields): Promise<StoreRow | null> {
  const [r] = await db('stores').insert({ code, ...storeColumns(f) }).onConflict('code').ignore().returning('*');
  return r ? storeOf(r) : null;
}

export async function updateStore(db: Db, code: string, f: Partial<StoreFields>): Promise<StoreRow | null> {
  const cols = storeColumns(f);
  if (Object.keys(cols).length === 0) return getStore(db, code);
  const [r] = await db('stores').update(cols).where('code', code).returning('*');
  return r ? storeOf(r) : null;
}

const TERMINAL_SQL = `
  SELECT t.id, t.code, t.name, s.code AS store_code, t.devices, t.retired_at,
         (SELECT count(*)::int FROM sales x WHERE x.terminal_id = t.id) AS tickets
    FROM terminals t JOIN stores s ON s.id = t.store_id`;

const terminalOf = (r: Record<string, unknown>): TerminalRow => ({
  id: r.id as number, code: r.code as string, name: r.name as string, storeCode: r.store_code as string,
  devices: r.devices as TillDevicesRecord, retiredAt: (r.retired_at as Date | null) ?? null, tickets: r.tickets as number,
});

export async function listTerminals(db: Db, opts: { store?: string; retired?: boolean } = {}): Promise<TerminalRow[]> {
  const where: string[] = [];
  const args: unknown[] = [];
  if (opts.store !== undefined) (where.push('s.code = ?'), args.push(opts.store));
  if (!opts.retired) where.push('t.retired_at IS NULL');
  const { rows } = await db.raw(`${TERMINAL_SQL}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY t.code`, args as never[]);
  return (rows as Record<string, unknown>[]).map(terminalOf);
}

export async function getTerminal(db: Db, code: string): Promise<TerminalRow | null> {
  const { rows } = await db.raw(`${TERMINAL_SQL} WHERE t.code = ?`, [code]);
  return rows[0] ? terminalOf(rows[0]) : null;
}

/** Null when the code is taken. */
export async function insertTerminal(db: Db, t: { code: string; name: string; storeId: number; devices: TillDevicesRecord }): Promise<number | null> {
  const [r] = await db('terminals').insert({ code: t.code, name: t.name, store_id: t.storeId, devices: JSON.stringify(t.devices) }).onConflict('code').ignore().returning('id');
  return r ? (r.id as number) : null;
}

export async function updateTerminal(db: Db, code: string, f: { name?: string; storeId?: number; devices?: TillDevicesRecord }): Promise<boolean> {
  const cols = {
    ...(f.name !== undefined && { name: f.name }),
    ...(f.storeId !== undefined && { store_id: f.storeId }),
    ...(f.devices !== undefined && { devices: JSON.stringify(f.devices) }),
  };
  if (Object.keys(cols).length === 0) return (await getTerminal(db, code)) !== null;
  return (await db('terminals').update(cols).where('code', code)) > 0;
}

/** Retires a till now; false when it was already (or is unknown). */
export async function retireTerminal(db: Db, code: string): Promise<Date | null> {
  const [r] = await db('terminals').update({ retired_at: db.fn.now() }).where('code', code).whereNull('retired_at').returning('retired_at');
  return r ? (r.retired_at as Date) : null;
}

/** The SQLSTATE of a sale refused because its till is retired (migration 20261208120000_stores_tills). */
export const TILL_RETIRED = 'P0T01';
