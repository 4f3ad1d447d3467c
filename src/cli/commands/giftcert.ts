import type { Command } from 'commander';
import { refuse } from '../../app/errors';
import { certificateJson, pendingUses, showCertificate, useJson, type UseView } from '../../app/giftcerts/browse';
import { recreditPending } from '../../app/giftcerts/recredit';
import { managerApproval } from '../../app/session';
import { certificateDay, maskCode } from '../../domain/giftcert';
import { formatEuros, type Lang } from '../../domain/money';
import { formatDateTime } from '../../domain/receipt';
import { t } from '../../i18n/messages';
import type { Runner } from '../context';
import { withTill } from '../connection';
import { emit, table } from '../output';
import { cliManager } from '../pins';

function usesText(uses: readonly UseView[], lang: Lang, timeZone: string): string[] {
  return table(
    uses.map((u) => [
      `#${u.use}`, formatDateTime(u.at, lang, timeZone), `${u.store} ${u.terminal ?? ''}`.trim(), u.operator ?? '', u.code, formatEuros(u.amountCents, lang),
      [t(lang, `giftcert.state.${u.state}`), u.ticket ?? '', u.mismatch ? `(${t(lang, 'giftcert.cli.mismatch')})` : ''].filter(Boolean).join(' '),
    ]),
    ['left', 'left', 'left', 'left', 'left', 'right', 'left'],
  );
}

function useArg(text: string): number {
  const m = /^\s*#?(\d{1,12})\s*$/.exec(text);
  if (!m || Number(m[1]) === 0) refuse('giftcert.cli.useInvalid', { text });
  return Number(m[1]);
}

export function registerGiftcert(program: Command, run: Runner): void {
  const giftcert = program.command('giftcert').description('e-shop gift certificates (BigCommerce) used at the till');
  giftcert
    .command('show')
    .description('a certificate as BigCommerce has it now (balance, status, last day), with its uses in store from our ledger')
    .argument('<code>', 'the code, as the customer gives it')
    .action((code: string, _opts: object, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { lang, timeZone } = ctx.config;
        const { certificate: c, uses } = await withTill(ctx.config, (till) => showCertificate(till.db, ctx.config, code));
        emit(ctx, { ...certificateJson(c), uses: uses.map(useJson) }, () => [
          t(lang, 'giftcert.cli.title', { code: maskCode(c.code), status: t(lang, `giftcert.statusName.${c.status}`) }),
          t(lang, 'giftcert.info.balance', { amount: formatEuros(c.amountCents, lang), balance: formatEuros(c.balanceCents, lang) }),
          c.expiresAt ? t(lang, 'giftcert.info.expiry', { date: certificateDay(c.expiresAt, timeZone) }) : t(lang, 'giftcert.info.noExpiry'),
          ...(c.toName ? [t(lang, 'giftcert.info.for', { name: c.toName })] : []),
          uses.length === 0 ? t(lang, 'giftcert.cli.noUses') : t(lang, 'giftcert.cli.uses', { count: uses.length }),
          ...usesText(uses, lang, timeZone),
        ]);
      }),
    );
  giftcert
    .command('pending')
    .description('debits taken from a certificate that are on no ticket (a till stopped between the debit and the ticket), or whose outcome is unknown')
    .action((_opts: object, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { lang, timeZone } = ctx.config;
        const uses = await withTill(ctx.config, (till) => pendingUses(till.db));
        emit(ctx, { uses: uses.map(useJson) }, () => (uses.length === 0 ? [t(lang, 'giftcert.cli.noPending')] : [...usesText(uses, lang, timeZone), t(lang, 'giftcert.cli.pendingHint')]));
      }),
    );
  giftcert
    .command('recredit')
    .description('give a debit on no ticket back to its certificate, approved by a manager (code and PIN)')
    .argument('<use>', 'the debit’s number, from `pos giftcert pending`')
    .requiredOption('--manager <code>', 'the manager approving it (PIN: POS_MANAGER_PIN or typed)')
    .action((use: string, opts: { manager: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { lang } = ctx.config;
        const useId = useArg(use);
        const r = await withTill(ctx.config, async (till) => recreditPending(till.db, ctx.config, till.terminal, await cliManager(ctx, till, opts.manager, 'giftcert.recredit'), useId));
        const money = (c: number) => formatEuros(c, lang);
        emit(ctx, { use: r.useId, code: maskCode(r.codeLast4), amount_cents: r.amountCents, balance_before_cents: r.beforeCents, balance_written_cents: r.writtenCents, balance_after_cents: r.afterCents, mismatch: r.mismatch }, () => [
          t(lang, 'giftcert.cli.recredited', { use: r.useId, code: maskCode(r.codeLast4), amount: money(r.amountCents), balance: money(r.afterCents ?? r.writtenCents) }),
          ...(r.mismatch ? [t(lang, 'giftcert.note.recreditMismatch', { use: r.useId, read: money(r.afterCents!), written: money(r.writtenCents) })] : []),
        ]);
      }),
    );
}
