import type { Command } from 'commander';
import { changeOverdraftLimit, payOntoAccount, PAYMENT_METHODS, type PaymentMethod } from '../../app/accounts/pay';
import { accountStatement } from '../../app/accounts/statement';
import { customerByCode } from '../../app/customers/manage';
import { Refusal, refuse } from '../../app/errors';
import { accountMovements } from '../../data/accounts';
import { availableCents, monthLabel, parseMonth } from '../../domain/customer/account';
import { formatEuros, parseEuros, type Cents } from '../../domain/money';
import { t } from '../../i18n/messages';
import { parseCountArg } from '../args';
import type { Runner } from '../context';
import { withTill, withTillRead } from '../connection';
import { emit, emitRead } from '../output';
import { accountMovementJson, customerJson, statementJson } from './customerJson';
import { accountMovementsText } from './customerText';
import { cliOperator } from '../pins';
import { changeOperator, OPERATOR_HELP } from '../change';

function amountArg(text: string): Cents {
  const cents = parseEuros(text);
  if (cents === null || cents < 0) refuse('amount.invalid', { text: text.trim() });
  return cents;
}

function methodArg(text: string): PaymentMethod {
  const m = text.trim().toLowerCase();
  if (!(PAYMENT_METHODS as readonly string[]).includes(m)) refuse('cli.methodInvalid', { text });
  return m as PaymentMethod;
}

export function registerAccount(program: Command, run: Runner): void {
  const account = program.command('account').description('customer accounts: balance, payments, monthly statements');
  account
    .command('show')
    .description('a customer’s account: balance, overdraft limit, what it can pay, latest movements')
    .argument('<customer>', 'the customer’s code (their card)')
    .option('--limit <n>', 'how many movements (0–1000)', '20')
    .action((code: string, opts: { limit: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const limit = parseCountArg('--limit', opts.limit, 0, 1000);
        const { customer, movements } = await withTill(ctx.config, async (till) => {
          const customer = await customerByCode(till.db, code);
          return { customer, movements: await accountMovements(till.db, customer.id, limit) };
        });
        const { lang } = ctx.config;
        const balance = customer.accountCents ?? 0;
        const available = availableCents({ balanceCents: balance, overdraftLimitCents: customer.overdraftLimitCents });
        emit(ctx, { customer: customerJson(customer), balance_cents: balance, overdraft_limit_cents: customer.overdraftLimitCents, available_cents: available, movements: movements.map(accountMovementJson) }, () => [
          t(lang, 'cli.account.show', { name: customer.name, code: customer.code, balance: formatEuros(balance, lang), limit: formatEuros(customer.overdraftLimitCents, lang), available: formatEuros(available, lang) }),
          ...(movements.length ? accountMovementsText(movements, ctx.config) : []),
        ]);
      }),
    );
  account
    .command('pay')
    .description('money paid onto a customer’s account (settling what they owe, or paying ahead)')
    .argument('<customer>', 'the customer’s code (their card)')
    .argument('<amount>', 'in euros, e.g. 25,00')
    .option('--method <method>', 'cash, card, cheque or transfer', 'cash')
    .option('--operator <code>', 'who took the payment')
    .option('--confirm', 'take a payment far above what is owed (beyond limits.accountOverpaymentCents)')
    .action((code: string, amount: string, opts: { method: string; operator?: string; confirm?: boolean }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const cents = amountArg(amount);
        const method = methodArg(opts.method);
        const { customer, balance } = await withTill(ctx.config, async (till) => {
          const operator = await cliOperator(ctx, till, opts.operator, 'account.pay');
          const customer = await customerByCode(till.db, code);
          const who = { storeId: till.terminal.storeId, terminalId: till.terminal.id, operatorId: operator.id, channel: 'store' as const };
          const check = { limits: ctx.config.limits, confirmed: opts.confirm === true };
          try {
            return { customer, balance: await payOntoAccount(till.db, customer.id, cents, method, who, check) };
          } catch (error) {
            // On the command line, a confirmation is the --confirm flag.
            if (error instanceof Refusal && error.key === 'account.overpayment') refuse('account.overpaymentCli', error.params, error.money);
            throw error;
          }
        });
        const { lang } = ctx.config;
        emit(ctx, { customer: customer.code, amount_cents: cents, method, balance_cents: balance }, () => [t(lang, 'account.paid', { amount: formatEuros(cents, lang), balance: formatEuros(balance, lang) })]);
      }),
    );
  account
    .command('limit')
    .description('set the overdraft limit: how far below zero the account may pay')
    .argument('<customer>', 'the customer’s code (their card)')
    .argument('<amount>', 'in euros, e.g. 150 (0: the account only pays from its credit)')
    .option('--operator <code>', OPERATOR_HELP.manager)
    .action((code: string, amount: string, opts: { operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const cents = amountArg(amount);
        const customer = await withTill(ctx.config, async (till) => {
          // How far an account may owe is a rule about money: a manager's (the back office asks one too).
          const operator = await changeOperator(ctx, till, opts.operator, 'account.limit', 'manager');
          const customer = await customerByCode(till.db, code);
          // Its audit row (account_limit) is written with the limit, in the same transaction.
          await changeOverdraftLimit(till.db, customer.id, cents, { storeId: till.terminal.storeId, terminalId: till.terminal.id, operatorId: operator.id, channel: 'store', via: 'cli' });
          return customer;
        });
        emit(ctx, { customer: customer.code, overdraft_limit_cents: cents }, () => [t(ctx.config.lang, 'cli.account.limit', { name: customer.name, limit: formatEuros(cents, ctx.config.lang) })]);
      }),
    );
  account
    .command('statement')
    .description('a month’s statement: opening balance, movements, closing balance (shop time zone)')
    .argument('<customer>', 'the customer’s code (their card)')
    .requiredOption('--month <yyyy-mm>', 'the month, e.g. 2026-11')
    .action((code: string, opts: { month: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const month = parseMonth(opts.month);
        if (!month) refuse('cli.monthInvalid', { text: opts.month });
        const { config } = ctx;
        const { customer, statement, source } = await withTillRead(config, async (till, db, source) => {
          const customer = await customerByCode(db, code);
          return { customer, statement: await accountStatement(db, customer.id, month, till.config.timeZone), source };
        });
        const money = (c: number) => formatEuros(c, config.lang);
        const label = monthLabel(month);
        emitRead(ctx, source, { customer: customer.code, month: label, ...statementJson(statement) }, () => [
          t(config.lang, 'statement.title', { name: customer.name, month: label }),
          t(config.lang, 'statement.opening', { amount: money(statement.openingCents) }),
          ...(statement.movements.length ? accountMovementsText(statement.movements, config) : [t(config.lang, 'statement.none')]),
          t(config.lang, 'statement.totals', { debits: money(statement.debitsCents), credits: money(statement.creditsCents) }),
          t(config.lang, 'statement.closing', { amount: money(statement.closingCents) }),
        ]);
      }),
    );
}
