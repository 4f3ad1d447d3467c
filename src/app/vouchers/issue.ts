import { isManager } from '../session';
import type { Knex } from 'knex';
import type { Config } from '../../config/schema';
import { nowOf } from '../../domain/clock';
import { insertAudit } from '../../data/audit';
import { findCustomerByCode } from '../../data/customers';
import type { Db } from '../../data/db';
import type { Terminal } from '../../data/places';
import { defaultExpiry, endOfDay, findVoucher, insertVoucher, isCodeTaken, type NewVoucher } from '../../data/vouchers';
import { formatDay } from '../../domain/day';
import { aboveLimit } from '../../domain/limits';
import type { Cents } from '../../domain/money';
import { amountRefusal, type Voucher } from '../../domain/voucher';
import { refuse } from '../errors';
import type { Operator } from '../session';
import { newVoucherCode } from './codes';

export interface IssueOrder {
  /** A return's refund is issued by its sale (see effect.ts); these two need a manager. */
  origin: 'trade_in' | 'manual';
  amountCents: Cents;
  customerCode?: string | null;
  /** The last valid day ("2027-11-22"); by default `vouchers.validityMonths` from today. */
  expiresOn?: string | null;
  /** What was taken back, or why it was given. */
  note?: string;
  terminal: Terminal;
  operatorId: number;
  approver: Operator;
}

/** The expiry of a new voucher: the day asked (not in the past), or the configured default. */
export async function expiryFor(db: Db, config: Config, day: string | null | undefined): Promise<{ expiresOn: string; expiresAt: Date }> {
  const now = nowOf(config);
  if (!day) return defaultExpiry(db, config.timeZone, config.vouchers.validityMonths, now);
  const expiresAt = await endOfDay(db, day, config.timeZone);
  if (expiresAt.getTime() <= now.getTime()) refuse('voucher.expiryPast', { date: formatDay(day) });
  return { expiresOn: day, expiresAt };
}

/**
 * Issues a voucher for a trade-in or by hand, approved by a manager (an audit line names them),
 * with a new code; a code already taken (one chance in 2^64) is drawn again.
 */
export async function issueVoucher(db: Knex, config: Config, o: IssueOrder): Promise<Voucher> {
  const bad = amountRefusal(o.amountCents);
  if (bad) refuse(bad);
  const above = aboveLimit('voucherCents', o.amountCents, config.limits);
  if (above) refuse(above.error, {}, above.money);
  if (!isManager(o.approver)) refuse('approval.notManager', { name: o.approver.name });
  let customerId: number | null = null;
  if (o.customerCode) {
    const customer = await findCustomerByCode(db, o.customerCode.trim());
    if (!customer) refuse('customer.unknownCode', { code: o.customerCode });
    customerId = customer.id;
  }
  const expiry = await expiryFor(db, config, o.expiresOn);
  for (let attempt = 1; ; attempt++) {
    const v: NewVoucher = {
      code: newVoucherCode(),
      origin: o.origin,
      amountCents: o.amountCents,
      customerId,
      storeId: o.terminal.storeId,
      terminalId: o.terminal.id,
      saleId: null,
      issuedBy: o.operatorId,
      approvedBy: o.approver.id,
      note: (o.note ?? '').trim().slice(0, 200),
      ...expiry,
    };
    try {
      await db.transaction(async (trx) => {
        await insertVoucher(trx, v);
        await insertAudit(trx, [{
          action: 'voucher_issue', terminalId: o.terminal.id, operatorId: o.operatorId, approverId: o.approver.id,
          details: { code: v.code, origin: v.origin, amount_cents: v.amountCents },
        }]);
      });
      return (await findVoucher(db, v.code))!;
    } catch (error) {
      if (!isCodeTaken(error) || attempt >= 3) throw error;
    }
  }
}
