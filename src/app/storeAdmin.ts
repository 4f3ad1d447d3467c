import type { Knex } from 'knex';
import { parseDeviceUri, type DeviceUri } from '../../drivers/uri';
import {
  getStore, getTerminal, insertStore, insertTerminal, retireTerminal, updateStore, updateTerminal,
  type StoreFields, type StoreRow, type TerminalRow, type TillDevicesRecord,
} from '../data/stores';
import { isTimeZone, parseLines, parsePlaceCode, parseSiret } from '../domain/storeSettings';
import { refuse } from './errors';
import type { RuleChange } from './ruleChange';

// Stores and tills made and changed by an admin, from the CLI and the back office alike: each
// a RuleChange (checked input, the change, its audit row). Input is as typed; a refusal names
// the field, changes nothing.

/** What is typed for a store; undefined: left as it is (on an edit). An empty SIRET or zone clears it. */
export interface StoreInput {
  name?: string;
  address?: string[];
  siret?: string;
  timeZone?: string;
  header?: string[];
  footer?: string[];
}

function storeFields(i: StoreInput): Partial<StoreFields> {
  const out: Partial<StoreFields> = {};
  if (i.name !== undefined) {
    if (i.name.trim() === '' || i.name.trim().length > 48) refuse('store.nameInvalid');
    out.name = i.name.trim();
  }
  const lines = (v: string[] | undefined, key: 'address' | 'header' | 'footer') => {
    if (v === undefined) return;
    const parsed = parseLines(v);
    if (!parsed) refuse('store.linesInvalid', { field: key });
    out[key] = parsed;
  };
  lines(i.address, 'address');
  lines(i.header, 'header');
  lines(i.footer, 'footer');
  if (i.siret !== undefined) {
    if (i.siret.trim() === '') out.siret = null;
    else out.siret = parseSiret(i.siret) ?? refuse('store.siretInvalid', { siret: i.siret });
  }
  if (i.timeZone !== undefined) {
    if (i.timeZone.trim() === '') out.timeZone = null;
    else out.timeZone = isTimeZone(i.timeZone.trim()) ? i.timeZone.trim() : refuse('store.timeZoneInvalid', { zone: i.timeZone });
  }
  return out;
}

const storeDetails = (s: StoreRow) => ({ store: s.code, name: s.name, address: s.address, siret: s.siret, time_zone: s.timeZone, header: s.header, footer: s.footer });

export function addStore(code: string, input: StoreInput): RuleChange<StoreRow> {
  const c = parsePlaceCode(code) ?? refuse('store.codeInvalid', { code });
  if (input.name === undefined) refuse('store.nameInvalid');
  const f = storeFields(input);
  return {
    action: 'store.add',
    work: async (trx) =>
      (await insertStore(trx, c, { address: [], siret: null, timeZone: null, header: [], footer: [], ...f } as StoreFields)) ?? refuse('store.exists', { code: c }),
    details: storeDetails,
  };
}

export function editStore(code: string, input: StoreInput): RuleChange<{ before: StoreRow; after: StoreRow }> {
  const c = code.trim().toUpperCase();
  const f = storeFields(input);
  return {
    action: 'store.edit',
    work: async (trx) => {
      const before = (await getStore(trx, c)) ?? refuse('store.unknown', { code: c });
      const after = (await updateStore(trx, c, f))!;
      return { before, after };
    },
    details: ({ before, after }) => (JSON.stringify(before) === JSON.stringify(after) ? null : { ...storeDetails(after), before: storeDetails(before) }),
  };
}

/** What is typed for a till's devices: each address as in the configuration; '' takes it off. */
export interface DevicesInput {
  printer?: string;
  drawer?: string;
  display?: string;
  scanners?: string[];
}

const DEVICE_KINDS: Record<keyof DevicesInput, DeviceUri['kind'][]> = {
  printer: ['tcp', 'usb', 'serial', 'path'],
  drawer: ['serial', 'path'],
  display: ['serial'],
  scanners: ['serial', 'hid', 'path'],
};

function checkUri(device: keyof DevicesInput, uri: string): string {
  const u = uri.trim();
  if (device === 'drawer' && u === 'printer') return u;
  try {
    if (DEVICE_KINDS[device].includes(parseDeviceUri(u).kind)) return u;
  } catch {
    // said below
  }
  return refuse('terminal.deviceInvalid', { device, uri });
}

/** The devices recorded after `input` is applied to `was`. */
export function mergeDevices(was: TillDevicesRecord, input: DevicesInput): TillDevicesRecord {
  const out: TillDevicesRecord = { ...was };
  for (const d of ['printer', 'drawer', 'display'] as const) {
    const v = input[d];
    if (v === undefined) continue;
    if (v.trim() === '') delete out[d];
    else out[d] = checkUri(d, v);
  }
  if (input.scanners !== undefined) {
    const uris = input.scanners.filter((s) => s.trim() !== '').map((s) => checkUri('scanners', s));
    if (uris.length) out.scanners = uris;
    else delete out.scanners;
  }
  return out;
}

async function storeId(trx: Knex.Transaction, code: string): Promise<number> {
  return ((await getStore(trx, code.trim().toUpperCase())) ?? refuse('store.unknown', { code: code.trim().toUpperCase() })).id;
}

const terminalDetails = (t: TerminalRow) => ({ till: t.code, name: t.name, store: t.storeCode, devices: t.devices, retired_at: t.retiredAt });

export function addTerminal(code: string, input: { name: string; store: string; devices?: DevicesInput }): RuleChange<TerminalRow> {
  const c = parsePlaceCode(code) ?? refuse('terminal.codeInvalid', { code });
  if (input.name.trim() === '' || input.name.trim().length > 48) refuse('terminal.nameInvalid');
  const devices = mergeDevices({}, input.devices ?? {});
  return {
    action: 'terminal.add',
    work: async (trx) => {
      const id = await insertTerminal(trx, { code: c, name: input.name.trim(), storeId: await storeId(trx, input.store), devices });
      if (id === null) refuse('terminal.exists', { code: c });
      return (await getTerminal(trx, c))!;
    },
    details: terminalDetails,
  };
}

export function editTerminal(code: string, input: { name?: string; store?: string; devices?: DevicesInput }): RuleChange<{ before: TerminalRow; after: TerminalRow }> {
  const c = code.trim().toUpperCase();
  if (input.name !== undefined && (input.name.trim() === '' || input.name.trim().length > 48)) refuse('terminal.nameInvalid');
  return {
    action: 'terminal.edit',
    work: async (trx) => {
      const before = (await getTerminal(trx, c)) ?? refuse('terminal.notFound', { code: c });
      if (before.retiredAt) refuse('terminal.retired', { code: c });
      const to = input.store === undefined ? undefined : await storeId(trx, input.store);
      if (to !== undefined && input.store!.trim().toUpperCase() !== before.storeCode && before.tickets > 0) refuse('terminal.movesWithTickets', { code: c });
      await updateTerminal(trx, c, {
        name: input.name?.trim(),
        storeId: to,
        devices: input.devices === undefined ? undefined : mergeDevices(before.devices, input.devices),
      });
      return { before, after: (await getTerminal(trx, c))! };
    },
    details: ({ before, after }) => (JSON.stringify(before) === JSON.stringify(after) ? null : { ...terminalDetails(after), before: terminalDetails(before) }),
  };
}

export function retireTill(code: string): RuleChange<TerminalRow> {
  const c = code.trim().toUpperCase();
  return {
    action: 'terminal.retire',
    work: async (trx) => {
      const was = (await getTerminal(trx, c)) ?? refuse('terminal.notFound', { code: c });
      if (was.retiredAt) refuse('terminal.retired', { code: c });
      await retireTerminal(trx, c);
      return (await getTerminal(trx, c))!;
    },
    details: terminalDetails,
  };
}
