import type { Knex } from 'knex';
import { customerGroupIds, customerIdsByCode, type DefinitionRecord } from '../../data/coupons';
import { insertCodes, liveCodes, type CodeBatch, type CodeInsert } from '../../data/couponCodes';
import { parseDay } from '../../domain/day';
import { CODE_SHAPE, normalizeCode, withinValidity } from '../../domain/coupon/codes';
import type { MessageKey, Params } from '../../i18n/messages';
import { refuse } from '../errors';
import { batches as slices, type OnProgress } from '../progress';
import { csvHeader, readCsvRecords } from '../importItems';
import { couponBySymbol } from './definitions';

// Codes from a file: `code,valid_from,valid_until,status,customer,group,description` (only
// `code` is required; `;` or `,`; dates 2026-12-31 or 31/12/2026). Each bad row is reported
// with its line and why; the others go in, marked as imported.

const COLUMNS = ['code', 'valid_from', 'valid_until', 'status', 'customer', 'group', 'description'] as const;
type Column = (typeof COLUMNS)[number];

const STATUSES: Record<string, 'inactive' | 'active'> = { inactive: 'inactive', inactif: 'inactive', active: 'active', actif: 'active' };

export interface CodeRejection {
  line: number;
  code: string;
  reason: MessageKey;
  params: Params;
}

export interface CodeImport {
  imported: number;
  rejected: CodeRejection[];
}

interface Row {
  line: number;
  code: string;
  from: string | null;
  until: string | null;
  status: 'inactive' | 'active';
  customer: string;
  group: string;
  description: string;
}

type Checked = { row: Row } | { reason: MessageKey; params?: Params };

function checkRow(cell: (c: Column) => string, line: number, def: DefinitionRecord): Checked {
  const code = normalizeCode(cell('code'));
  if (!CODE_SHAPE.test(code)) return { reason: 'coupon.import.codeInvalid', params: { code: cell('code') } };
  const dates: (string | null)[] = [];
  for (const c of ['valid_from', 'valid_until'] as const) {
    const text = cell(c);
    const d = text === '' ? (c === 'valid_from' ? def.terms.validFrom : def.terms.validUntil) : parseDay(text);
    if (d === null && text !== '') return { reason: 'coupon.import.dateInvalid', params: { text } };
    dates.push(d);
  }
  const [from, until] = dates as [string | null, string | null];
  const outside = withinValidity({ from, until }, { from: def.terms.validFrom, until: def.terms.validUntil });
  if (outside) return { reason: outside };
  const status = cell('status') === '' ? 'inactive' : STATUSES[cell('status').toLowerCase()];
  if (!status) return { reason: 'coupon.import.statusInvalid', params: { text: cell('status') } };
  const customer = cell('customer');
  const group = cell('group').toUpperCase();
  if (customer && group) return { reason: 'coupon.import.bothHolders' };
  const holder = def.terms.holder;
  if (holder === 'none' && (customer || group)) return { reason: 'coupon.codes.noHolderAllowed', params: { symbol: def.symbol } };
  if (holder === 'customer' && !customer) return { reason: 'coupon.codes.customerNeeded', params: { symbol: def.symbol } };
  if (holder === 'group' && !group) return { reason: 'coupon.codes.groupNeeded', params: { symbol: def.symbol } };
  return { row: { line, code, from, until, status, customer, group, description: cell('description') } };
}

/** Imports a file's codes into a definition; the rows that cannot go in are reported, the rest imported. */
export async function importCodes(db: Knex, symbol: string, text: string, onProgress?: OnProgress): Promise<CodeImport> {
  const all = readCsvRecords(text);
  const head = all.shift();
  if (!head) refuse('coupon.import.empty', { expected: COLUMNS.join(',') });
  const columns = csvHeader(head.record, COLUMNS, ['code']);
  return db.transaction(async (trx) => {
    const def = await couponBySymbol(trx, symbol, 'read');
    const rows: Row[] = [];
    const rejected: CodeRejection[] = [];
    const seen = new Map<string, number>();
    for (const { record, line } of all) {
      if (record.every((v) => v.trim() === '')) continue;
      const cell = (c: Column) => (record[columns.get(c) ?? -1] ?? '').trim();
      const checked = checkRow(cell, line, def);
      if ('reason' in checked) {
        rejected.push({ line, code: cell('code'), reason: checked.reason, params: checked.params ?? {} });
        continue;
      }
      const earlier = seen.get(checked.row.code);
      if (earlier !== undefined) rejected.push({ line, code: checked.row.code, reason: 'coupon.import.duplicateInFile', params: { line: earlier } });
      else {
        seen.set(checked.row.code, line);
        rows.push(checked.row);
      }
    }
    // What the database knows: codes already live, customers and groups by code.
    const taken = await liveCodes(trx, rows.map((r) => r.code));
    const customers = await customerIdsByCode(trx, rows.map((r) => r.customer).filter(Boolean));
    const groups = await customerGroupIds(trx);
    const good: (Row & CodeInsert)[] = [];
    for (const r of rows) {
      const reject = (reason: MessageKey, params: Params) => rejected.push({ line: r.line, code: r.code, reason, params });
      if (taken.has(r.code)) reject('coupon.import.codeTaken', { code: r.code });
      else if (r.customer && !customers.has(r.customer)) reject('coupon.import.customerUnknown', { code: r.customer });
      else if (r.group && !groups.has(r.group)) reject('coupon.import.groupUnknown', { code: r.group });
      else good.push({ ...r, customerId: r.customer ? customers.get(r.customer)! : null, groupId: r.group ? groups.get(r.group)! : null });
    }
    // One insert per set of dates and status (a file mostly has one).
    const batches = new Map<string, (Row & CodeInsert)[]>();
    for (const r of good) {
      const key = JSON.stringify([r.from, r.until, r.status, r.description]);
      const same = batches.get(key);
      if (same) same.push(r);
      else batches.set(key, [r]);
    }
    let imported = 0;
    let written = 0;
    for (const rs of batches.values()) {
      const first = rs[0]!;
      const batch: CodeBatch = { definitionId: def.id, validFrom: first.from, validUntil: first.until, status: first.status, source: 'import', sourceSaleId: null, description: first.description };
      // In slices, each told to onProgress (a file of a million codes shows how far it is).
      for (const { start, end } of slices(rs.length)) {
        const part = rs.slice(start, end);
        const r = await insertCodes(trx, batch, part);
        imported += r.inserted;
        // Taken by someone else since the check above.
        const inserted = new Set(r.codes);
        for (const x of part) if (!inserted.has(x.code)) rejected.push({ line: x.line, code: x.code, reason: 'coupon.import.codeTaken', params: { code: x.code } });
        written += part.length;
        onProgress?.(written, good.length);
      }
    }
    return { imported, rejected: rejected.sort((a, b) => a.line - b.line) };
  });
}
