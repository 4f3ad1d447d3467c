import type { Db } from './db';
import type { TillDevicesRecord } from './stores';

export interface Terminal {
  id: number;
  code: string;
  name: string;
  storeId: number;
  storeCode: string;
  storeName: string;
  /** The store's time zone and receipt footer (null / empty: the configuration's). */
  storeTimeZone: string | null;
  storeFooter: string[];
  /** Devices recorded for this till (pos terminal edit): the till's own, over the configuration's. */
  devices: TillDevicesRecord;
  retiredAt: Date | null;
  /** In training mode ("mode école") when read: its tickets FACTICE, counted nowhere. */
  trainingMode: boolean;
}

export async function findTerminal(db: Db, code: string): Promise<Terminal | null> {
  const r = await db('terminals as t')
    .join('stores as s', 's.id', 't.store_id')
    .select('t.id', 't.code', 't.name', 's.id as store_id', 's.code as store_code', 's.name as store_name', 's.time_zone', 's.receipt_footer', 't.devices', 't.retired_at', 't.training_mode')
    .where('t.code', code)
    .first();
  return r ? { id: r.id, code: r.code, name: r.name, storeId: r.store_id, storeCode: r.store_code, storeName: r.store_name,
    storeTimeZone: r.time_zone ?? null, storeFooter: r.receipt_footer ?? [], devices: r.devices ?? {}, retiredAt: r.retired_at ?? null, trainingMode: r.training_mode === true } : null;
}

export async function listTerminalCodes(db: Db): Promise<string[]> {
  return (await db('terminals').select('code').orderBy('code')).map((r: { code: string }) => r.code);
}

/** timeZone: the store's own (pos store edit), null when it takes the configuration's. */
export async function findStoreByCode(db: Db, code: string): Promise<{ id: number; code: string; name: string; timeZone: string | null } | null> {
  const r = await db('stores').select('id', 'code', 'name', 'time_zone').where('code', code).first();
  return r ? { id: r.id, code: r.code, name: r.name, timeZone: r.time_zone ?? null } : null;
}
