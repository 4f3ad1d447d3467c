import type { Knex } from 'knex';
import { creditAccount, customerAccount, debitAccount } from '../../data/accounts';
import { availableCents } from '../../domain/customer/account';
import { refuse } from '../errors';
import type { CommittedSale, SaleEffect, SaleNote } from '../saleEffects';

/**
 * What the account tenders of a sale do, in its transaction: a payment takes the amount from
 * the customer's account in one conditional statement (refused, and the sale with it, beyond
 * the overdraft limit, saying what is still available: another till may have used it), a
 * refund paid to the account is credited as a credit note. Each is a ledger row.
 */
export async function applyAccountTenders(trx: Knex.Transaction, sale: CommittedSale): Promise<SaleNote[]> {
  const req = sale.request;
  const customer = req.basket.customer;
  if (!customer) refuse('account.noCustomer');
  const where = { customerId: customer.id, saleId: sale.id, storeId: req.storeId, terminalId: req.terminalId, operatorId: req.operatorId };
  let balance: number | null = null;
  for (const t of sale.insert.tenders) {
    if (t.kind !== 'account') continue;
    if (t.amountCents > 0) {
      balance = await debitAccount(trx, { ...where, kind: 'sale' }, t.amountCents);
      if (balance === null) {
        const account = (await customerAccount(trx, customer.id)) ?? { balanceCents: 0, overdraftLimitCents: 0 };
        refuse('account.overLimit', { name: customer.name }, { amount: t.amountCents, available: availableCents(account) });
      }
    } else {
      balance = await creditAccount(trx, { ...where, kind: 'credit_note' }, -t.amountCents);
    }
  }
  return balance === null ? [] : [{ key: 'account.afterSale', params: { name: customer.name }, money: { balance } }];
}

export const accountEffect: SaleEffect = {
  name: 'account',
  applies: (req) => req.payment.tenders.some((t) => t.kind === 'account'),
  apply: applyAccountTenders,
};
