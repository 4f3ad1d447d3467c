import type { Knex } from 'knex';
import type { Closing } from '../../data/closings';
import type { Lang } from '../../domain/money';
import type { PrintDoc } from '../printing';
import type { HeadsDoc } from './heads';
import { zBlocks, xBlocks, type Place } from './text';
import type { XReport } from './xReport';

/** The store's name and its tills' codes: what a Z names. */
export async function placeOf(db: Knex, storeId: number, timeZone: string): Promise<Place> {
  const store = await db('stores').where('id', storeId).first('name');
  const tills = (await db('terminals').where('store_id', storeId).select('id', 'code')) as { id: number; code: string }[];
  return { storeName: store?.name ?? '', terminals: Object.fromEntries(tills.map((x) => [x.id, x.code])), timeZone };
}

/** A Z (or month, year closing) for the receipt printer, through the till's print queue. */
export function zDoc(c: Closing, heads: HeadsDoc | null, place: Place, lang: Lang): PrintDoc {
  const who = c.terminalId === null ? place.storeName : (place.terminals[c.terminalId] ?? String(c.terminalId));
  return { kind: 'slip', saleId: null, title: `Z ${c.kind} ${who} ${c.firstDay} #${c.seq}`, blocks: zBlocks(c, heads, place, lang) };
}

export function xDoc(x: XReport, place: Place, lang: Lang): PrintDoc {
  return { kind: 'slip', saleId: null, title: `X ${x.kind} ${x.firstDay}`, blocks: xBlocks(x, place, lang) };
}
