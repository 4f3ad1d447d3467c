import type { Command } from 'commander';
import { customerByCode } from '../../app/customers/manage';
import { refuse } from '../../app/errors';
import { giftText } from '../../app/loyalty/gift';
import { expireAllPoints, loyaltyView } from '../../app/loyalty/program';
import { loyaltySlipDoc } from '../../app/loyalty/slip';
import { listRewards, loyaltyProgram, setItemLoyaltyPoints, setRewardActive } from '../../data/loyalty';
import type { LoyaltyProgram } from '../../domain/loyalty/program';
import { parseEuros } from '../../domain/money';
import { t } from '../../i18n/messages';
import { parseCountArg } from '../args';
import type { Ctx, Runner } from '../context';
import { withDatabase, withReadDatabase, withTill } from '../connection';
import { changeOperator, cliChange, cliRuleChange, operatorOption, withGate } from '../change';
import { loyaltyProgramChange, loyaltyRewardAdd } from '../../app/loyalty/changes';
import { insertAudit } from '../../data/audit';
import { EXIT, writeError } from '../io';
import { emit, emitRead } from '../output';
import { withProgress } from '../progress';
import { commandQueue, failureText } from '../printQueue';
import { customerJson, loyaltyJson, rewardJson } from './customerJson';
import { loyaltyText, rewardsText } from './customerText';
import { percentArg } from './customer';

function onOff(option: string, text: string): boolean {
  if (/^(on|oui|yes|true)$/i.test(text.trim())) return true;
  if (/^(off|non|no|false)$/i.test(text.trim())) return false;
  refuse('cli.onOffInvalid', { option, text });
}

function programText(p: LoyaltyProgram, ctx: Ctx): string[] {
  const { lang } = ctx.config;
  return [t(lang, 'cli.loyalty.program', {
    perEuro: p.pointsPerEuro,
    visits: t(lang, p.countVisits ? 'cli.loyalty.yes' : 'cli.loyalty.no'),
    expiry: p.expireMonths === null ? t(lang, 'cli.loyalty.never') : t(lang, 'cli.loyalty.months', { n: p.expireMonths }),
    prefix: p.cardPrefix ?? t(lang, 'cli.loyalty.none'),
  })];
}

const programJson = (p: LoyaltyProgram) => ({ points_per_euro: p.pointsPerEuro, count_visits: p.countVisits, points_expire_months: p.expireMonths, card_prefix: p.cardPrefix });

interface RewardOptions { name: string; points?: string; visits?: string; amount?: string; percent?: string; item?: string; automatic?: boolean }

export function registerLoyalty(program: Command, run: Runner): void {
  const loyalty = program.command('loyalty').description('the loyalty program: points, visits, rewards');
  loyalty
    .command('show')
    .description('a customer’s points and visits, the rewards reached, their latest movements')
    .argument('<customer>', 'the customer’s code (their card)')
    .option('--limit <n>', 'how many movements (0–1000)', '20')
    .action((code: string, opts: { limit: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const limit = parseCountArg('--limit', opts.limit, 0, 1000);
        const { customer, view } = await withDatabase(ctx.config, async (db) => {
          const customer = await customerByCode(db, code);
          return { customer, view: await loyaltyView(db, customer, limit) };
        });
        emit(ctx, { customer: customerJson(customer), loyalty: loyaltyJson(view) }, () => loyaltyText(customer, view, ctx.config));
      }),
    );
  loyalty
    .command('slip')
    .description('print a customer’s loyalty slip (card, points, visits, reward within reach) on this till’s printer')
    .argument('<customer>', 'the customer’s code (their card)')
    .action((code: string, _opts: object, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { lang } = ctx.config;
        const r = await withTill(ctx.config, async (till) => {
          const customer = await customerByCode(till.db, code);
          const queue = commandQueue(ctx, till);
          if (!queue) refuse('cli.devices.noPrinter');
          // Kept in print_jobs like every print: if it fails, `pos devices print` sends it again.
          const printed = await queue.submit(await loyaltySlipDoc(till.db, ctx.config, customer, till.terminal.storeName), null);
          return { customer, printed, printer: queue.printerName(), job: queue.lastJobId(), reason: printed ? null : failureText(ctx, queue), error: printed ? null : (queue.failure()?.code ?? 'io') };
        });
        const { customer, printed, printer, job } = r;
        emit(ctx, { customer: customerJson(customer), printed, printer, job, error: r.error }, () => (printed ? [t(lang, 'cli.loyalty.slipPrinted', { name: customer.name, printer })] : []));
        if (printed) return;
        writeError(ctx.io, t(lang, 'cli.loyalty.slipFailed', { name: customer.name, reason: r.reason!, job: job ?? '?' }));
        return EXIT.refused;
      }),
    );
  operatorOption(loyalty
    .command('program')
    .description('show the program, or change it')
    .option('--points-per-euro <n>', 'points for each whole euro of a ticket (0: none)')
    .option('--visits <on|off>', 'count one visit per sale to a customer')
    .option('--expiry <months|never>', 'points expire this many months after they were earned')
    .option('--card-prefix <prefix|none>', 'what the shop’s printed cards start with (an unknown one is then said to be an unknown card)'), 'manager')
    .action((opts: { pointsPerEuro?: string; visits?: string; expiry?: string; cardPrefix?: string; operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const change: Partial<LoyaltyProgram> = {};
        if (opts.pointsPerEuro !== undefined) change.pointsPerEuro = parseCountArg('--points-per-euro', opts.pointsPerEuro, 0, 1000);
        if (opts.visits !== undefined) change.countVisits = onOff('--visits', opts.visits);
        if (opts.expiry !== undefined) change.expireMonths = /^\s*(never|jamais)\s*$/i.test(opts.expiry) ? null : parseCountArg('--expiry', opts.expiry, 1, 120);
        if (opts.cardPrefix !== undefined) change.cardPrefix = /^\s*(none|aucun)\s*$/i.test(opts.cardPrefix) ? null : opts.cardPrefix;
        // Shown to anyone; changed by a manager.
        const p = Object.keys(change).length === 0
          ? await withDatabase(ctx.config, (db) => loyaltyProgram(db))
          : await withGate(ctx, (gate) =>
            cliRuleChange(ctx, gate, { operator: opts.operator, command: 'loyalty.program', needs: 'manager' }, loyaltyProgramChange(change)));
        emit(ctx, { program: programJson(p) }, () => programText(p, ctx));
      }),
    );
  const reward = loyalty.command('reward').description('the rewards thresholds unlock');
  reward
    .command('list')
    .description('the rewards offered (--all: those taken out too)')
    .option('--all', 'also the rewards no longer offered')
    .action((opts: { all?: boolean }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { rewards, source } = await withReadDatabase(ctx.config, async (db, source) => ({ rewards: await listRewards(db, { activeOnly: !opts.all }), source }));
        emitRead(ctx, source, { rewards: rewards.map(rewardJson) }, () => rewardsText(rewards, ctx.config.lang));
      }),
    );
  operatorOption(reward
    .command('add')
    .description('a reward: its threshold (--points or --visits, which it then costs) and what it gives (--amount, --percent or --item)')
    .requiredOption('--name <text>', 'shown on the ticket, e.g. "Café offert"')
    .option('--points <n>', 'threshold in points')
    .option('--visits <n>', 'threshold in visits')
    .option('--amount <euros>', 'an amount off the ticket')
    .option('--percent <percent>', 'a percentage off the ticket')
    .option('--item <code>', 'one unit of this item free (barcode or SKU)')
    .option('--automatic', 'applied as soon as the customer is attached, without the reward key'), 'manager')
    .action((opts: RewardOptions & { operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const units = [opts.points !== undefined, opts.visits !== undefined].filter(Boolean).length;
        if (units !== 1) refuse('cli.rewardUnit');
        const gifts = [opts.amount, opts.percent, opts.item].filter((g) => g !== undefined).length;
        if (gifts !== 1) refuse('cli.rewardGift');
        const unit = opts.points !== undefined ? 'points' : 'visits';
        const cost = parseCountArg(`--${unit}`, (opts.points ?? opts.visits)!, 1, 1_000_000);
        let gift;
        if (opts.amount !== undefined) {
          const cents = parseEuros(opts.amount);
          if (cents === null || cents <= 0) refuse('amount.invalid', { text: opts.amount });
          gift = { kind: 'amount' as const, cents };
        } else if (opts.percent !== undefined) {
          gift = { kind: 'percent' as const, bp: percentArg(opts.percent) ?? 0 };
        } else {
          gift = { kind: 'item' as const, code: opts.item! };
        }
        const r = await withGate(ctx, (gate) =>
          cliRuleChange(ctx, gate, { operator: opts.operator, command: 'loyalty.reward', needs: 'manager' }, loyaltyRewardAdd({ name: opts.name, unit, cost, gift, automatic: opts.automatic === true })));
        emit(ctx, { reward: rewardJson(r) }, () => [t(ctx.config.lang, 'cli.loyalty.rewardAdded', { id: r.id, name: `${r.name} (${giftText(r, ctx.config.lang)})` })]);
      }),
    );
  operatorOption(reward
    .command('off')
    .description('take a reward out of the program (its history stays)')
    .argument('<id>', 'the reward’s number'), 'manager')
    .action((id: string, opts: { operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const n = parseCountArg('<id>', id, 1, 2_000_000_000);
        // Refused inside the change: an unknown reward leaves no audit row.
        await withGate(ctx, (gate) =>
          cliChange(ctx, gate, { operator: opts.operator, command: 'loyalty.reward', action: 'loyalty_reward_off', needs: 'manager' }, async (db) => {
            if (!(await setRewardActive(db, n, false))) refuse('cli.rewardUnknown', { id });
          }, () => ({ reward_id: n, active: false })));
        emit(ctx, { reward: { id: n, active: false } }, () => [t(ctx.config.lang, 'cli.loyalty.rewardOff', { id: n })]);
      }),
    );
  operatorOption(loyalty
    .command('item')
    .description('the points an item earns per unit sold')
    .argument('<sku>', 'the item’s SKU')
    .argument('<points>', 'points per unit (0: none)'), 'manager')
    .action((sku: string, points: string, opts: { operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const n = parseCountArg('<points>', points, 0, 100_000);
        await withGate(ctx, (gate) =>
          cliChange(ctx, gate, { operator: opts.operator, command: 'loyalty.item', action: 'loyalty_item_points', needs: 'manager' }, async (db) => {
            if (!(await setItemLoyaltyPoints(db, sku, n))) refuse('item.unknownCode', { code: sku });
          }, () => ({ sku: sku.toUpperCase(), points: n })));
        emit(ctx, { sku: sku.toUpperCase(), loyalty_points: n }, () => [t(ctx.config.lang, 'cli.loyalty.itemPoints', { sku: sku.toUpperCase(), points: n })]);
      }),
    );
  operatorOption(loyalty
    .command('expire')
    .description('write off the points past their date (safe to run from cron)'), 'operator')
    .action((opts: { operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        // Each customer's points go in a transaction of their own (a long run holds no lock on
        // them all), so the audit row comes after them, with the totals.
        const r = await withGate(ctx, async (gate) => {
          const op = await changeOperator(ctx, gate, opts.operator, 'loyalty.expire', 'operator');
          const done = await withProgress(ctx, 'progress.customers', (onProgress) => expireAllPoints(gate.db, onProgress));
          await insertAudit(gate.db, [{ action: 'loyalty_expire', terminalId: gate.terminal?.id ?? null, operatorId: op.id, details: { ...done, via: 'cli' } }]);
          return done;
        });
        emit(ctx, r, () => [t(ctx.config.lang, 'cli.loyalty.expired', r)]);
      }),
    );
}
