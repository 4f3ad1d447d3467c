import type { Command } from 'commander';
import { customerByCode, createCustomer, editCustomer, giveCard, type CustomerInput } from '../../app/customers/manage';
import { purchaseHistory } from '../../app/customers/history';
import { refuse } from '../../app/errors';
import { retiredCards } from '../../data/customers';
import type { Cursor } from '../../data/customersSearch';
import { findCustomers } from '../../app/customers/search';
import { customerVoucherJson, customerVoucherLines, voucherTotals } from '../../app/vouchers/customerVouchers';
import { upsertCustomerGroup } from '../../data/customersWrite';
import { vouchersOfCustomer } from '../../data/vouchers';
import { formatEuros } from '../../domain/money';
import { parseRate } from '../../domain/vat';
import { t } from '../../i18n/messages';
import { collect, parseCountArg } from '../args';
import type { Ctx, Runner } from '../context';
import { withDatabase, withReadDatabase } from '../connection';
import { changeOperator, cliChange, OPERATOR_HELP, withGate, type ChangeGate, type Needs } from '../change';
import { saleSummaryJson } from '../json';
import { emit, emitRead } from '../output';
import { customerJson, customerSummaryJson } from './customerJson';
import { customerText, customersText } from './customerText';

interface DetailOptions {
  firstName?: string;
  lastName?: string;
  company?: string;
  email?: string;
  phone?: string;
  address?: string[];
  notes?: string;
  group?: string;
  discount?: string;
}

/** "5", "12,5 %" → basis points; "none" removes it. */
export function percentArg(text: string): number | null {
  if (/^\s*(none|aucune?)\s*$/i.test(text)) return null;
  const bp = parseRate(text);
  if (bp === null || bp <= 0) refuse('cli.percentInvalid', { text });
  return bp;
}

function inputOf(o: DetailOptions): CustomerInput {
  return {
    ...(o.firstName !== undefined && { firstName: o.firstName }),
    ...(o.lastName !== undefined && { lastName: o.lastName }),
    ...(o.company !== undefined && { company: o.company }),
    ...(o.email !== undefined && { email: o.email }),
    ...(o.phone !== undefined && { phone: o.phone }),
    ...(o.address !== undefined && { address: o.address }),
    ...(o.notes !== undefined && { notes: o.notes }),
    ...(o.group !== undefined && { group: o.group }),
    ...(o.discount !== undefined && { discountBp: percentArg(o.discount) }),
  };
}

function details(cmd: Command): Command {
  return cmd
    .option('--first-name <text>', 'first name')
    .option('--last-name <text>', 'last name')
    .option('--company <text>', 'company (for a business customer)')
    .option('--email <address>', 'e-mail address')
    .option('--phone <number>', 'phone number')
    .option('--address <line>', 'a line of the postal address; repeatable', collect)
    .option('--notes <text>', 'notes')
    .option('--group <code>', 'customer group')
    .option('--discount <percent>', 'a standing discount of their own, e.g. 5 (or "none")');
}

/**
 * Who makes a change to a customer, for its audit row: any operator, as at the till; a standing
 * discount of their own is a manager's (the back office asks one too).
 */
async function whoFor(ctx: Ctx, gate: ChangeGate, operator: string | undefined, command: string, discount: string | undefined) {
  const needs: Needs = discount === undefined ? 'operator' : 'manager';
  const op = await changeOperator(ctx, gate, operator, command, needs);
  return { terminalId: gate.terminal?.id ?? null, operatorId: op.id, managed: needs === 'manager', via: 'cli' as const };
}

/** --after takes the cursor printed with a page: the name key and id the next page starts after. */
function cursorArg(text: string | undefined): Cursor | null {
  if (text === undefined) return null;
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    if (Number.isInteger(c.id)) return { id: c.id };
  } catch {
    // said below
  }
  refuse('cli.cursorInvalid');
}

const cursorText = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

async function show(ctx: Ctx, code: string, opts: { tickets: string }) {
  const limit = parseCountArg('--tickets', opts.tickets, 0, 100);
  const { customer, sales, cards, vouchers } = await withDatabase(ctx.config, async (db) => {
    const customer = await customerByCode(db, code);
    return { customer, sales: await purchaseHistory(db, customer.id, limit), cards: await retiredCards(db, customer.id), vouchers: await vouchersOfCustomer(db, customer.id) };
  });
  const { lang, timeZone } = ctx.config;
  const totals = voucherTotals(vouchers);
  emit(ctx, {
    customer: customerJson(customer),
    former_cards: cards.map((c) => ({ code: c.code, retired_at: c.retiredAt.toISOString() })),
    vouchers: vouchers.map((v) => customerVoucherJson(v)),
    sales: sales.map((s) => saleSummaryJson({ ...s, operatorCode: s.operatorCode, lineCount: s.lines.length })),
  }, () => [
    ...customerText(customer, lang),
    ...(cards.length ? [t(lang, 'record.cards', { codes: cards.map((c) => c.code).join(', ') })] : []),
    vouchers.length === 0 ? t(lang, 'record.vouchersNone') : t(lang, 'customerVouchers.title', { name: customer.name, n: totals.count, active: totals.active, available: formatEuros(totals.availableCents, lang) }),
    ...customerVoucherLines(vouchers, lang, timeZone).map((l) => `  ${l.text}`),
  ]);
}

export function registerCustomer(program: Command, run: Runner): void {
  const customer = program.command('customer').description('customers and their loyalty cards');
  details(customer.command('add').description('a new customer (a code is made for them without --card)'))
    .option('--card <code>', 'their loyalty card’s code (scanned or typed)')
    .option('--operator <code>', OPERATOR_HELP.operator + '; a manager’s with --discount')
    .action((opts: DetailOptions & { card?: string; operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const input = { ...inputOf(opts), card: opts.card ?? null };
        const c = await withGate(ctx, async (gate) => createCustomer(gate.db, input, await whoFor(ctx, gate, opts.operator, 'customer.add', opts.discount)));
        emit(ctx, { customer: customerJson(c) }, () => [t(ctx.config.lang, 'cli.customer.created', { name: c.name, code: c.code })]);
      }),
    );
  details(customer.command('edit').description('change a customer’s details').argument('<code>', 'the customer’s code (their card)'))
    .option('--inactive', 'close the customer: their card is refused at the till')
    .option('--active', 'open a closed customer again')
    .option('--operator <code>', OPERATOR_HELP.operator + '; a manager’s with --discount')
    .action((code: string, opts: DetailOptions & { inactive?: boolean; active?: boolean; operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const active = opts.inactive ? false : opts.active ? true : undefined;
        const input = { ...inputOf(opts), active };
        const c = await withGate(ctx, async (gate) => {
          const who = await whoFor(ctx, gate, opts.operator, 'customer.edit', opts.discount);
          return editCustomer(gate.db, (await customerByCode(gate.db, code)).id, input, who);
        });
        emit(ctx, { customer: customerJson(c) }, () => [t(ctx.config.lang, 'cli.customer.saved', { name: c.name, code: c.code })]);
      }),
    );
  customer
    .command('show')
    .description('a customer: details, points, visits, account, former cards, vouchers and their uses, latest tickets')
    .argument('<code>', 'the customer’s code (their card)')
    .option('--tickets <n>', 'how many latest tickets (0–100)', '10')
    .action((code: string, opts: { tickets: string }, cmd: Command) => run(cmd, (ctx) => show(ctx, code, opts)));
  customer
    .command('search')
    .description('customers by words of their name, the start of their phone number or e-mail, or their code')
    .argument('[text]', 'what to look for (nothing: everyone)', '')
    .option('--group <code>', 'only this group')
    .option('--status <status>', 'active, inactive or all', 'active')
    .option('--owing', 'only customers whose account is below zero')
    .option('--limit <n>', 'how many (1–1000)', '50')
    .option('--after <cursor>', 'the next page (printed with the previous one)')
    .action((text: string, opts: { group?: string; status: string; owing?: boolean; limit: string; after?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const limit = parseCountArg('--limit', opts.limit, 1, 1000);
        if (!['active', 'inactive', 'all'].includes(opts.status)) return cmd.error(`error: --status must be active, inactive or all`, { exitCode: 2 });
        const after = cursorArg(opts.after);
        const filters = { groupCode: opts.group?.toUpperCase() ?? null, status: opts.status as 'active', owing: opts.owing === true };
        const { page, source } = await withReadDatabase(ctx.config, async (db, source) => ({ page: await findCustomers(db, text, filters, { after, limit }), source }));
        const next = page.next ? cursorText(page.next) : null;
        emitRead(ctx, source, { customers: page.rows.map(customerSummaryJson), next }, () => [
          ...customersText(page.rows, ctx.config.lang),
          ...(next ? [t(ctx.config.lang, 'cli.customers.more', { cursor: next })] : []),
        ]);
      }),
    );
  customer
    .command('card')
    .description('give a customer a loyalty card (a new one, or one replacing a lost card: the old code stops working)')
    .argument('<code>', 'the customer’s code now')
    .argument('<card>', 'the new card’s code')
    .option('--operator <code>', OPERATOR_HELP.operator)
    .action((code: string, card: string, opts: { operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { customer: c, previous } = await withGate(ctx, async (gate) => {
          const who = await whoFor(ctx, gate, opts.operator, 'customer.card', undefined);
          return giveCard(gate.db, (await customerByCode(gate.db, code)).id, card, who);
        });
        emit(ctx, { customer: customerJson(c), previous_code: previous }, () => [t(ctx.config.lang, 'cli.customer.cardChanged', { code: c.code, name: c.name, previous })]);
      }),
    );
  customer
    .command('group')
    .description('make or change a customer group, with its standing discount')
    .argument('<code>', 'group code, e.g. PRO')
    .argument('<name>', 'its name')
    .option('--discount <percent>', 'discount for its customers, e.g. 10 (or "none")')
    .option('--operator <code>', OPERATOR_HELP.manager)
    .action((code: string, name: string, opts: { discount?: string; operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const discountBp = opts.discount === undefined ? null : percentArg(opts.discount);
        const group = { code: code.trim().toUpperCase(), name: name.trim(), discountBp };
        if (!/^[A-Z0-9_-]{1,20}$/.test(group.code) || group.name === '') refuse('customer.groupUnknown', { code });
        // A group's discount is every member's: a manager's rule.
        await withGate(ctx, (gate) =>
          cliChange(ctx, gate, { operator: opts.operator, command: 'customer.group', action: 'customer_group', needs: 'manager' }, (db) => upsertCustomerGroup(db, group),
            () => ({ code: group.code, name: group.name, discount_bp: discountBp })));
        emit(ctx, { group: { code: group.code, name: group.name, discount_bp: discountBp } }, () => [`${group.code} · ${group.name}`]);
      }),
    );
}
