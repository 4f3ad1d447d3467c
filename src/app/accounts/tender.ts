import { customerAccount } from '../../data/accounts';
import { availableCents } from '../../domain/customer/account';
import { remainingCents } from '../../domain/tender';
import { refuse } from '../errors';
import type { TenderProvider } from '../tenderProviders';

/**
 * The customer's account as a means of payment (F6 on the payment screen, `--tender
 * account:AMOUNT`): it pays a sale up to its credit plus the overdraft limit, and takes a
 * refund as a credit note (avoir). It draws on the customer of the ticket: no code to type.
 */
export const accountTender: TenderProvider = {
  kind: 'account',
  command: 'account',
  needsCode: () => false,
  async find(db, _code, ctx) {
    const customer = ctx.basket.customer;
    if (!customer) refuse('account.noCustomer');
    const account = (await customerAccount(db, customer.id)) ?? { balanceCents: 0, overdraftLimitCents: 0 };
    const available = availableCents(account);
    const info = [
      { key: 'account.info.customer' as const, params: { name: customer.name, code: customer.code } },
      { key: 'account.info.balance' as const, money: { balance: account.balanceCents, limit: account.overdraftLimitCents } },
    ];
    if (ctx.refund) {
      return { ref: customer.code, maxCents: Math.abs(remainingCents(ctx.payment)), info: [...info, { key: 'account.info.creditNote' as const }] };
    }
    if (available <= 0) refuse('account.nothingAvailable', { name: customer.name }, { balance: account.balanceCents, limit: account.overdraftLimitCents });
    return { ref: customer.code, maxCents: available, info: [...info, { key: 'account.info.available' as const, money: { available } }] };
  },
};
