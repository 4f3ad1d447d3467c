import type { Db } from '../../data/db';
import { movementsOf, searchVouchers, voucherLiability, type Liability, type VoucherFilter, type VoucherPage } from '../../data/vouchers';
import { readDay } from '../../domain/day';
import { VOUCHER_STATUSES, type Voucher, type VoucherMovement, type VoucherStatus } from '../../domain/voucher';
import { refuse } from '../errors';
import { voucherByCode } from './codes';

/** A voucher and every movement of it, by what was typed or scanned. */
export async function showVoucher(db: Db, text: string): Promise<{ voucher: Voucher; movements: VoucherMovement[] }> {
  const voucher = await voucherByCode(db, text);
  return { voucher, movements: await movementsOf(db, voucher.id) };
}

/** A day typed JJ/MM/AAAA or AAAA-MM-JJ; refused with what is wrong with it. */
function dayOf(text: string): string {
  const r = readDay(text);
  return 'day' in r ? r.day : refuse(r.error, r.params);
}

/** The filters as typed (screen or command line): code or its beginning, customer, period, status. */
export interface VoucherQuery {
  code?: string;
  customer?: string;
  from?: string;
  to?: string;
  status?: string;
}

/** Reads the typed filters, each mistake refused with its own message. */
export function readQuery(q: VoucherQuery, timeZone: string): VoucherFilter {
  const f: VoucherFilter = { timeZone };
  const code = q.code?.toUpperCase().replace(/[\s-]/g, '');
  if (code) f.code = code;
  if (q.customer?.trim()) f.customer = q.customer.trim();
  for (const [k, text] of [['validFrom', q.from], ['validTo', q.to]] as const) {
    if (!text?.trim()) continue;
    f[k] = dayOf(text);
  }
  if (f.validFrom && f.validTo && f.validFrom > f.validTo) refuse('voucher.periodInvalid');
  if (q.status?.trim()) {
    const s = q.status.trim().toLowerCase();
    if (!(VOUCHER_STATUSES as readonly string[]).includes(s)) refuse('voucher.statusInvalid', { text: q.status, known: VOUCHER_STATUSES.join(', ') });
    f.status = s as VoucherStatus;
  }
  return f;
}

export async function findVouchers(db: Db, q: VoucherQuery, timeZone: string, page: { limit: number; offset: number }): Promise<VoucherPage> {
  return searchVouchers(db, readQuery(q, timeZone), page);
}

/** What the shop owes on vouchers at the end of `day` (shop time zone), or now. */
export async function voucherReport(db: Db, day: string | null, timeZone: string): Promise<Liability & { day: string | null }> {
  const asOf = day === null ? null : dayOf(day);
  return { ...(await voucherLiability(db, asOf, timeZone)), day: asOf };
}
