import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { refuse } from '../../app/errors';
import { showGiftCard } from '../../app/giftcards/browse';
import { cancelGiftCard } from '../../app/giftcards/cancel';
import { expireGiftCards } from '../../app/giftcards/expire';
import { giftCardJson, giftCardMovementJson } from '../../app/giftcards/json';
import { redeemGiftCard } from '../../app/giftcards/redeem';
import { giftCardStatusName, movementRows } from '../../app/giftcards/words';
import { formatDay } from '../../domain/day';
import type { GiftCard, GiftCardMovement } from '../../domain/giftCard';
import { formatGiftCardCode } from '../../domain/giftCardCode';
import { formatEuros, parseEuros, type Lang } from '../../domain/money';
import { formatDateTime } from '../../domain/receipt';
import type { VoucherChannel } from '../../domain/voucher';
import { t } from '../../i18n/messages';
import type { Runner } from '../context';
import { withTill } from '../connection';
import { emit, table } from '../output';
import { withProgress } from '../progress';
import { cliManager, cliOperator } from '../pins';
import { cliChange, OPERATOR_HELP } from '../change';

function cardText(c: GiftCard, movements: readonly GiftCardMovement[], lang: Lang, timeZone: string): string[] {
  const money = (cents: number) => formatEuros(cents, lang);
  return [
    t(lang, 'giftCard.cli.head', { code: formatGiftCardCode(c.code), status: giftCardStatusName(lang, c) }),
    t(lang, 'giftCard.cli.amounts', { initial: money(c.initialCents), balance: money(c.balanceCents) }),
    t(lang, 'giftCard.cli.dates', { created: formatDateTime(c.createdAt, lang, timeZone), ticket: c.ticket, expires: formatDay(c.expiresOn) }),
    ...table(movementRows(lang, timeZone, movements), ['left', 'left', 'right', 'right', 'left']),
  ];
}

interface RedeemOptions { amount: string; channel: string; order: string; key?: string; operator?: string }

export function registerGiftCard(program: Command, run: Runner): void {
  const giftcard = program.command('giftcard').description('the shop’s gift cards (cartes cadeaux)');
  giftcard
    .command('show')
    .description('a gift card: balance, last day, every movement of it (a balance enquiry)')
    .argument('<code>', 'the code, as printed or scanned')
    .action((code: string, _opts: object, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { card, movements } = await withTill(ctx.config, (till) => showGiftCard(till.db, code, ctx.config.giftCards.preprinted));
        emit(ctx, { ...giftCardJson(card), movements: movements.map(giftCardMovementJson) }, () => cardText(card, movements, ctx.config.lang, ctx.config.timeZone));
      }),
    );
  giftcard
    .command('redeem')
    .description('spend an amount of a gift card for an order (web, pickup)')
    .argument('<code>', 'the code')
    .requiredOption('--amount <euros>', 'how much to take')
    .requiredOption('--channel <channel>', 'web, pickup or store')
    .requiredOption('--order <ref>', 'the order or document it pays for')
    .option('--key <key>', 'idempotency key: the same key again takes nothing more (default: a new UUID)')
    .option('--operator <code>', 'who takes it')
    .action((code: string, opts: RedeemOptions, cmd: Command) =>
      run(cmd, async (ctx) => {
        const amountCents = parseEuros(opts.amount);
        if (amountCents === null) refuse('amount.invalid', { text: opts.amount.trim() });
        const r = await withTill(ctx.config, async (till) => {
          const operator = await cliOperator(ctx, till, opts.operator, 'giftcard.redeem');
          return redeemGiftCard(till.db, {
            code, amountCents, channel: opts.channel as VoucherChannel, orderRef: opts.order, idempotencyKey: opts.key ?? randomUUID(),
            storeId: till.terminal.storeId, terminalId: till.terminal.id, operatorId: operator.id,
          });
        });
        const { lang } = ctx.config;
        emit(ctx, { replayed: r.replayed, code: r.code, amount_cents: r.amountCents, balance_cents: r.balanceAfterCents, channel: r.channel, order_ref: r.orderRef, at: r.at.toISOString() }, () => [
          t(lang, 'giftCard.note.balance', { code: formatGiftCardCode(r.code), balance: formatEuros(r.balanceAfterCents, lang) }),
        ]);
      }),
    );
  giftcard
    .command('cancel')
    .description('cancel what is left on a gift card (stolen, sold by mistake), by a manager (code and PIN)')
    .argument('<code>', 'the code')
    .requiredOption('--manager <code>', 'the manager cancelling it (PIN: POS_MANAGER_PIN or typed)')
    .option('--reason <text>', 'why')
    .action((code: string, opts: { manager: string; reason?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { card, cancelledCents } = await withTill(ctx.config, async (till) =>
          cancelGiftCard(till.db, ctx.config.giftCards.preprinted, { code, manager: await cliManager(ctx, till, opts.manager, 'giftcard.cancel'), terminal: till.terminal, reason: opts.reason }));
        const { lang } = ctx.config;
        emit(ctx, { ...giftCardJson(card), cancelled_cents: cancelledCents }, () => [t(lang, 'giftCard.cli.cancelled', { code: formatGiftCardCode(card.code), amount: formatEuros(cancelledCents, lang) })]);
      }),
    );
  giftcard
    .command('expire')
    .description('mark gift cards past their last day as expired, their balance written off (safe to run from cron)')
    .option('--operator <code>', OPERATOR_HELP.operator)
    .action((opts: { operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { cards, totalCents } = await withProgress(ctx, 'progress.giftCards', (onProgress) => withTill(ctx.config, (till) =>
          cliChange(ctx, till, { operator: opts.operator, command: 'giftcard.expire', action: 'gift_card_expire', needs: 'operator' }, (db) => expireGiftCards(db, onProgress),
            (r) => ({ expired: r.cards.length, total_cents: r.totalCents }))));
        const { lang } = ctx.config;
        emit(ctx, { expired: cards.length, total_cents: totalCents, cards: cards.map((c) => ({ code: c.code, amount_cents: c.amountCents })) }, () => [
          t(lang, 'giftCard.cli.expired', { n: cards.length, amount: formatEuros(totalCents, lang) }),
        ]);
      }),
    );
}
