import { certificateDay, maskCode, parseCertificateInput } from '../../domain/giftcert';
import { refuse } from '../errors';
import type { TakenTender, TenderContext, TenderNote, TenderProvider, TenderSourceFound } from '../tenderProviders';
import { debitCertificate, refuseUnspendable } from './debit';
import { useIdOf } from './effect';
import type { GiftCertProvider } from './provider';
import { giftcertProvider } from './providers';
import { recreditUse } from './recredit';
import { ask } from './refusals';
import { stateOf, useOrRefuse, type UsePlace } from './uses';

function configured(ctx: TenderContext): GiftCertProvider {
  return giftcertProvider(ctx.config) ?? refuse('giftcert.notConfigured');
}

function placeOf(ctx: TenderContext): UsePlace {
  return { storeId: ctx.terminal.storeId, terminalId: ctx.terminal.id, operatorId: ctx.operatorId };
}

/**
 * The e-shop gift certificate key of the payment screen (F8). The code typed or scanned is
 * looked up at the provider: the balance, what it was worth and its last day are shown, and
 * at most the balance is offered. Confirming the amount debits the certificate at once (take),
 * as a card terminal approves a payment, and records it in our ledger; the sale's commit then
 * links that debit to the ticket (effect.ts). Removing the payment (F4) gives it back (release).
 * `#17` instead of a code attaches debit 17, left without a ticket by a till that died, to
 * this sale (whole; nothing is asked of the provider).
 */
export const giftcertTender: TenderProvider = {
  kind: 'giftcert',
  command: 'giftcert',
  // On a refund nothing is asked: find() says at once that a certificate is never credited.
  needsCode: (ctx) => !ctx.refund,
  async find(db, code, ctx): Promise<TenderSourceFound> {
    if (ctx.refund) refuse('giftcert.noRefundOnto');
    const provider = configured(ctx);
    const input = parseCertificateInput(code ?? '');
    if (input.kind === 'invalid') refuse('giftcert.codeInvalid');
    if (input.kind === 'use') {
      const rows = await useOrRefuse(db, input.useId);
      const state = stateOf(rows);
      if (state !== 'debited') refuse(`giftcert.use.${state}`, { use: input.useId });
      const head = rows[0]!;
      if (head.storeId !== ctx.terminal.storeId) refuse('giftcert.otherStore', { use: input.useId });
      if (ctx.payment.tenders.some((t) => useIdOf(t.data) === input.useId)) refuse('giftcert.use.onThisTicket', { use: input.useId });
      return {
        ref: maskCode(head.codeLast4!),
        maxCents: head.amountCents!,
        info: [{ key: 'giftcert.info.waiting', params: { use: input.useId, date: certificateDay(head.at, ctx.config.timeZone) }, money: { amount: head.amountCents! } }],
        data: { useId: input.useId, attach: true },
      };
    }
    const { timeoutMs, currency } = ctx.config.giftcerts.bigcommerce;
    const cert = await ask(timeoutMs, () => provider.findByCode(input.code));
    if (!cert) refuse('giftcert.unknown', { code: maskCode(input.code) });
    refuseUnspendable(cert, new Date(), currency, ctx.config.timeZone);
    return {
      ref: maskCode(cert.code),
      maxCents: cert.balanceCents,
      info: [
        { key: 'giftcert.info.balance', money: { amount: cert.amountCents, balance: cert.balanceCents } },
        cert.expiresAt ? { key: 'giftcert.info.expiry', params: { date: certificateDay(cert.expiresAt, ctx.config.timeZone) } } : { key: 'giftcert.info.noExpiry' },
        ...(cert.toName ? [{ key: 'giftcert.info.for' as const, params: { name: cert.toName } }] : []),
      ],
      data: { certificateId: cert.id },
    };
  },
  async take(db, found, amountCents, ctx): Promise<TakenTender> {
    if (found.data?.attach) {
      // A debit made for a sale that never got its ticket: it pays whole, or not at all.
      if (amountCents !== found.maxCents) refuse('giftcert.attachWhole', { use: Number(found.data.useId) }, { amount: found.maxCents });
      return { ref: found.ref, data: { useId: Number(found.data.useId), attach: true } };
    }
    const provider = configured(ctx);
    const { timeoutMs, currency } = ctx.config.giftcerts.bigcommerce;
    const d = await debitCertificate(db, provider, {
      certificateId: String(found.data?.certificateId), amountCents, saleKey: ctx.basket.key, place: placeOf(ctx), currency, timeZone: ctx.config.timeZone, timeoutMs,
    });
    const note: TenderNote = d.mismatch
      ? { key: 'giftcert.note.mismatch', params: { use: d.useId }, money: { written: d.writtenCents, read: d.afterCents! }, warn: true }
      : d.afterCents === null
        ? { key: 'giftcert.note.notReadBack', params: { use: d.useId }, warn: true }
        : { key: 'giftcert.note.debited', params: { use: d.useId }, money: { amount: amountCents, balance: d.afterCents } };
    return { ref: found.ref, data: { useId: d.useId }, note };
  },
  async release(db, tender, ctx): Promise<TenderNote | null> {
    const useId = useIdOf(tender.data);
    if (useId === null) return null;
    if (tender.data?.attach) return { key: 'giftcert.note.detached', params: { use: useId } };
    const rows = await useOrRefuse(db, useId);
    // Given back from `pos giftcert pending` meanwhile: nothing more to do than take the payment off.
    if (stateOf(rows) === 'recredited') return { key: 'giftcert.note.alreadyRecredited', params: { use: useId } };
    const r = await recreditUse(db, configured(ctx), { useId, reason: 'removed', place: placeOf(ctx), timeoutMs: ctx.config.giftcerts.bigcommerce.timeoutMs });
    if (r.mismatch) return { key: 'giftcert.note.recreditMismatch', params: { use: useId }, money: { written: r.writtenCents, read: r.afterCents! }, warn: true };
    return { key: 'giftcert.note.recredited', params: { use: useId }, money: { amount: r.amountCents, balance: r.afterCents ?? r.writtenCents } };
  },
};
