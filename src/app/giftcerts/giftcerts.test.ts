import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../config/schema';
import { basketTotals, type Basket } from '../../domain/basket';
import { addTender, type Payment } from '../../domain/tender';
import { useTestDatabase } from '../../testing/db';
import { saleRequest } from '../../testing/fixtures';
import { testConfig } from '../../testing/tui';
import { commitSale } from '../commitSale';
import { createSale } from '../createSale';
import { Refusal } from '../errors';
import type { TenderContext } from '../tenderProviders';
import { closeTill, openTill, type Till } from '../till';
import { bigCommerce } from './bigcommerce';
import { pendingUses, showCertificate } from './browse';
import { ProviderError, type GiftCertProvider } from './provider';
import { giftcertProvider } from './providers';
import { recreditPending } from './recredit';
import { giftcertTender } from './tender';
import { certificate, FakeBigCommerce } from './testing/fakeBigCommerce';
import { loadContract } from './testing/openapi';

const BORDEAUX = 'CAVE-001'; // 8,99 €
const LIVRE = 'LIVR-003'; // 25,00 €
const MANAGER = { id: 2, code: '2', name: 'Dominique', role: 'manager' as const };
const TIMEOUT_MS = 400;

/** The refusal a promise ends with: its message key and what fills it. */
async function refusal(p: Promise<unknown>): Promise<{ key: string; params: object; money: object }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Refusal) return { key: e.key, params: e.params, money: e.money };
    throw e;
  }
  throw new Error('not refused');
}

async function providerError(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ProviderError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('e-shop gift certificates (BigCommerce) against a fake store on 127.0.0.1', () => {
  const testDb = useTestDatabase();
  let fake: FakeBigCommerce;
  let contract: Awaited<ReturnType<typeof loadContract>>;
  let config: Config;
  let till: Till;
  let provider: GiftCertProvider;
  let nextId = 100;

  beforeAll(async () => {
    contract = await loadContract();
    fake = new FakeBigCommerce(contract);
    await fake.start();
    config = testConfig(testDb().url, fake.env({ POS_GIFTCERTS_BIGCOMMERCE_TIMEOUT_MS: String(TIMEOUT_MS), POS_GIFTCERTS_BIGCOMMERCE_RETRY_WAIT_MS: '1000' }));
    till = await openTill(config);
    provider = giftcertProvider(config)!;
  });
  afterAll(async () => {
    await closeTill(till);
    await fake.close();
  });
  beforeEach(() => {
    fake.emptyList = 200;
  });
  // After each test, whatever order they run in: every call it made, both ways, against
  // BigCommerce's own OpenAPI document.
  afterEach(() => {
    for (const x of fake.exchanges.splice(0)) {
      if (x.headers['x-auth-token'] === fake.token) expect({ call: `${x.method} ${x.path}`, problems: contract.request(x) }).toEqual({ call: `${x.method} ${x.path}`, problems: [] });
      if (contract.declares(x)) expect({ call: `${x.method} ${x.path}`, status: x.status, problems: contract.response(x) }).toEqual({ call: `${x.method} ${x.path}`, status: x.status, problems: [] });
    }
  });

  /** A certificate in the fake store; its code ends with its id. */
  const newCert = (amount = '50.0000', balance = amount, extra = {}) => {
    const id = (nextId += 1);
    return fake.add(certificate(id, `GC7-K2P-${String(id).padStart(4, '0')}`, amount, balance, extra)) as { id: number; code: string };
  };
  const uses = (useId: number) => testDb().db('giftcert_uses').where('id', useId).orWhere('use_id', useId).orderBy('id');

  /** A basket of these items, and the context of its payment screen. */
  async function paying(lines: [string, number][], refund = false) {
    const req = await saleRequest(till.db, { terminal: till.terminal, lines });
    const payment: Payment = { totalCents: basketTotals(req.basket).totalCents, tenders: [] };
    const ctx = (p: Payment): TenderContext => ({ basket: req.basket, payment: p, terminal: till.terminal, operatorId: 1, refund, config });
    return { basket: req.basket, payment, ctx };
  }

  /** What the payment screen does with F8: find, then take the amount confirmed, then put it on the payment. */
  async function payWithCertificate(payment: Payment, ctx: (p: Payment) => TenderContext, code: string, cents: number) {
    const found = await giftcertTender.find(till.db, code, ctx(payment));
    const taken = await giftcertTender.take!(till.db, found, cents, ctx(payment));
    const r = addTender(payment, 'giftcert', cents, { ref: taken.ref, maxCents: found.maxCents, data: taken.data });
    if ('error' in r) throw new Error(r.error);
    return { payment: r.payment, found, taken };
  }

  /** A manager's give-back, asked again until the use is no longer said to be under way on its till. */
  async function untilSettled(useId: number) {
    for (;;) {
      try {
        return await recreditPending(till.db, config, till.terminal, MANAGER, useId);
      } catch (e) {
        if (!(e instanceof Refusal && e.key === 'giftcert.useInFlight')) throw e;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  const commit = (basket: Basket, payment: Payment) =>
    commitSale(till.db, { terminalId: till.terminal.id, storeId: till.terminal.storeId, operatorId: 1, basket, payment });

  describe('the adapter', () => {
    it('finds a certificate by its code and reads its amounts as cents, its status, its last day', async () => {
      const c = newCert('100.0000', '37.5000', { expiry_date: '1798675200', currency_code: 'EUR' });
      const found = await provider.findByCode(c.code);
      expect(found).toMatchObject({ provider: 'bigcommerce', id: String(c.id), code: c.code, amountCents: 10000, balanceCents: 3750, status: 'active', currency: 'EUR', toName: 'Claire Martin' });
      expect(found!.expiresAt!.toISOString()).toBe('2026-12-31T00:00:00.000Z');
      expect(await provider.findByCode('NOPE-0000')).toBeNull();
      fake.emptyList = 204; // the live API answers an empty list so
      expect(await provider.findByCode('NOPE-0000')).toBeNull();
    });

    it('refuses an answer whose money is not a clean decimal of at most two places, rather than guess', async () => {
      const c = newCert('50.0000', '12.345');
      expect(await providerError(provider.get(String(c.id)))).toMatchObject({ failure: 'badAnswer' });
      fake.certificates.get(c.id)!.balance = '1e3';
      expect(await providerError(provider.get(String(c.id)))).toMatchObject({ failure: 'badAnswer' });
    });

    it('401: a wrong token is said, and neither the token nor the code is in the error', async () => {
      const c = newCert();
      const wrong = bigCommerce({ ...config.giftcerts.bigcommerce, accessToken: 'tok-WRONG-77' });
      const e = await providerError(wrong.findByCode(c.code));
      expect(e).toMatchObject({ failure: 'auth', status: 401, applied: 'no' });
      expect(JSON.stringify({ ...e, text: e.message, stack: e.stack })).not.toMatch(/tok-|GC7-/);
    });

    it('404: a certificate gone since it was found', async () => {
      expect(await providerError(provider.get('999999'))).toMatchObject({ failure: 'notFound', status: 404 });
    });

    it('429: a read waits for a short Retry-After and asks once more; a longer one, or on a write, is said with its seconds', async () => {
      const c = newCert();
      fake.script({ method: 'GET', status: 429, headers: { 'Retry-After': '1' } });
      expect(await provider.get(String(c.id))).toMatchObject({ balanceCents: 5000 });
      fake.script({ method: 'GET', status: 429, headers: { 'Retry-After': '30' } });
      expect(await providerError(provider.get(String(c.id)))).toMatchObject({ failure: 'rateLimited', retryAfterS: 30 });
      const cert = await provider.get(String(c.id));
      fake.script({ method: 'PUT', status: 429, headers: { 'Retry-After': '1' } });
      expect(await providerError(provider.setBalance(cert, 1000))).toMatchObject({ failure: 'rateLimited', applied: 'no', retryAfterS: 1 });
      expect(fake.balance(c.id)).toBe('50.0000');
    });

    it('5xx and a slow answer: failures whose write may have happened', async () => {
      const c = newCert();
      for (const [status, applied] of [[500, 'unknown'], [502, 'inFlight'], [503, 'no'], [504, 'inFlight']] as const) {
        fake.script({ method: 'GET', status });
        expect(await providerError(provider.get(String(c.id)))).toMatchObject({ failure: 'unavailable', status, applied });
      }
      fake.script({ method: 'GET', delayMs: TIMEOUT_MS * 3 });
      expect(await providerError(provider.get(String(c.id)))).toMatchObject({ failure: 'timeout', applied: 'inFlight' });
    });

    it('writes the balance as a decimal string with the fields the document requires for an update', async () => {
      const c = newCert('80.0000');
      const cert = await provider.get(String(c.id));
      expect(await provider.setBalance(cert, 6125)).toMatchObject({ balanceCents: 6125, amountCents: 8000 });
      expect(fake.balance(c.id)).toBe('61.2500');
      const put = fake.exchanges.filter((x) => x.method === 'PUT').at(-1)!;
      expect(JSON.parse(put.requestBody)).toEqual({ to_name: 'Claire Martin', to_email: 'claire@example.com', from_name: 'Boutique', from_email: 'shop@example.com', amount: '80.0000', balance: '61.25' });
      expect(put.headers).toMatchObject({ 'x-auth-token': fake.token, accept: 'application/json', 'content-type': 'application/json' });
    });
  });

  describe('a payment: debited when confirmed, linked to the ticket at commit, given back when removed', () => {
    it('pays part of a sale, the rest in cash: the ticket, our ledger and the store’s balance agree', async () => {
      const c = newCert('50.0000', '20.0000');
      const { basket, payment, ctx } = await paying([[LIVRE, 1], [BORDEAUX, 1]]); // 33,99 €
      const found = await giftcertTender.find(till.db, c.code, ctx(payment));
      expect(found).toMatchObject({ ref: `…${c.code.slice(-4)}`, maxCents: 2000, data: { certificateId: String(c.id) } });
      expect(found.info).toEqual([
        { key: 'giftcert.info.balance', money: { amount: 5000, balance: 2000 } },
        { key: 'giftcert.info.noExpiry' },
        { key: 'giftcert.info.for', params: { name: 'Claire Martin' } },
      ]);
      // Nothing in the found source carries the code in clear: it goes into the spool with the tender.
      expect(JSON.stringify(found)).not.toContain(c.code);
      const taken = await giftcertTender.take!(till.db, found, 2000, ctx(payment));
      expect(taken.note).toMatchObject({ key: 'giftcert.note.debited', money: { amount: 2000, balance: 0 } });
      expect(fake.balance(c.id)).toBe('0.0000');
      const useId = taken.data!.useId as number;
      expect((await uses(useId)).map((r) => r.kind)).toEqual(['debit', 'debited']);

      const withCert = addTender(payment, 'giftcert', 2000, { ref: taken.ref, maxCents: found.maxCents, data: taken.data });
      const paid = addTender((withCert as { payment: Payment }).payment, 'cash', 1500);
      const { sale, notes } = await commit(basket, (paid as { payment: Payment }).payment);
      expect(sale.changeCents).toBe(101);
      expect(notes).toContainEqual({ key: 'giftcert.note.balance', params: { code: `…${c.code.slice(-4)}` }, money: { balance: 0 } });
      const tenders = await testDb().db('sale_tenders').where('sale_id', sale.id).orderBy('seq').select('kind', 'amount_cents', 'ref');
      expect(tenders).toEqual([{ kind: 'giftcert', amount_cents: 2000, ref: `…${c.code.slice(-4)}` }, { kind: 'cash', amount_cents: 1500, ref: null }]);
      const rows = await uses(useId);
      expect(rows.map((r) => r.kind)).toEqual(['debit', 'debited', 'sale']);
      expect(rows[0]).toMatchObject({
        provider: 'bigcommerce', certificate_id: String(c.id), code_last4: c.code.slice(-4), amount_cents: 2000, balance_before_cents: 2000, balance_written_cents: 0,
        sale_key: basket.key, store_id: till.terminal.storeId, terminal_id: till.terminal.id, operator_id: 1,
      });
      expect(rows[0]!.code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(rows[1]).toMatchObject({ balance_after_cents: 0, mismatch: false });
      expect(rows[2]).toMatchObject({ sale_id: sale.id });
      // The code itself is nowhere in our database.
      const dump = JSON.stringify(await testDb().db('giftcert_uses').select('*'));
      expect(dump).not.toContain(c.code);
      // The ledger is history: it cannot be rewritten.
      await expect(testDb().db('giftcert_uses').where('id', useId).update({ amount_cents: 1 })).rejects.toThrow();
      // Linked once: a second ticket with the same debit is refused, whole.
      const again = await paying([[BORDEAUX, 1]]);
      const twice = addTender(again.payment, 'giftcert', 899, { ref: taken.ref, data: { useId } });
      const ticketsBefore = await testDb().db('sales').count<{ n: string }[]>({ n: '*' });
      expect(await refusal(commit(again.basket, (twice as { payment: Payment }).payment))).toMatchObject({ key: 'giftcert.use.sold', params: { use: useId } });
      expect(await testDb().db('sales').count<{ n: string }[]>({ n: '*' })).toEqual(ticketsBefore);
    });

    it('says on screen and in the ledger when the balance read back is not the one written (spent online meanwhile)', async () => {
      const c = newCert('50.0000');
      const { payment, ctx } = await paying([[BORDEAUX, 1]]);
      fake.afterWrite = (cert) => void (cert.balance = '36.0100'); // 5,00 € spent online just after our write
      const { taken } = await payWithCertificate(payment, ctx, c.code, 899);
      expect(taken.note).toEqual({ key: 'giftcert.note.mismatch', params: { use: taken.data!.useId }, money: { written: 4101, read: 3601 }, warn: true });
      const rows = await uses(taken.data!.useId as number);
      expect(rows[0]).toMatchObject({ balance_before_cents: 5000, balance_written_cents: 4101 });
      expect(rows[1]).toMatchObject({ kind: 'debited', balance_after_cents: 3601, mismatch: true });
    });

    it('removing the payment (F4) gives the amount back to the certificate, recorded too', async () => {
      const c = newCert('30.0000');
      const { payment, ctx } = await paying([[BORDEAUX, 1]]);
      const paid = await payWithCertificate(payment, ctx, c.code, 899);
      expect(fake.balance(c.id)).toBe('21.0100');
      const note = await giftcertTender.release!(till.db, paid.payment.tenders[0]!, ctx(paid.payment));
      expect(note).toMatchObject({ key: 'giftcert.note.recredited', money: { amount: 899, balance: 3000 } });
      expect(fake.balance(c.id)).toBe('30.0000');
      const rows = await uses(paid.taken.data!.useId as number);
      expect(rows.map((r) => [r.kind, r.reason])).toEqual([['debit', null], ['debited', null], ['recredit', 'removed'], ['recredited', null]]);
      expect(rows[2]).toMatchObject({ amount_cents: 899, balance_before_cents: 2101, balance_written_cents: 3000 });
      expect(rows[3]).toMatchObject({ balance_after_cents: 3000, mismatch: false });
      // Given back: it can no longer pay a ticket.
      const { basket } = await paying([[BORDEAUX, 1]]);
      expect(await refusal(commit(basket, paid.payment))).toMatchObject({ key: 'giftcert.use.recredited' });
    });

    it('two of our tills debiting one certificate at once: one after the other, no debit lost', async () => {
      const other = await openTill(testConfig(testDb().url, { ...fake.env({ POS_GIFTCERTS_BIGCOMMERCE_TIMEOUT_MS: String(TIMEOUT_MS) }), POS_TERMINAL: 'T02' }));
      try {
        const c = newCert('50.0000');
        const a = await paying([[BORDEAUX, 1]]);
        const b = await paying([[LIVRE, 1]]);
        const ctxB = (p: Payment): TenderContext => ({ ...b.ctx(p), terminal: other.terminal });
        const foundA = await giftcertTender.find(till.db, c.code, a.ctx(a.payment));
        const foundB = await giftcertTender.find(other.db, c.code, ctxB(b.payment));
        // Were they not kept apart, both would read 50,00 € and the second write would erase the first debit.
        fake.holdReads(2, TIMEOUT_MS / 2);
        const [ta, tb] = await Promise.all([
          giftcertTender.take!(till.db, foundA, 899, a.ctx(a.payment)),
          giftcertTender.take!(other.db, foundB, 1250, ctxB(b.payment)),
        ]);
        expect(fake.balance(c.id)).toBe('28.5100');
        expect([ta.note?.key, tb.note?.key]).toEqual(['giftcert.note.debited', 'giftcert.note.debited']);
        const ids = [ta.data!.useId as number, tb.data!.useId as number];
        const rows = await testDb().db('giftcert_uses').whereIn('use_id', ids).orWhereIn('id', ids).orderBy('id');
        expect(rows.filter((r) => r.kind === 'debited').every((r) => r.mismatch === false)).toBe(true);
        expect(rows.filter((r) => r.kind === 'debit').map((r) => r.terminal_id).sort()).toEqual([till.terminal.id, other.terminal.id].sort());
      } finally {
        await closeTill(other);
      }
    });

    it('refuses what the certificate cannot pay, before anything is written', async () => {
      const { payment, ctx } = await paying([[BORDEAUX, 1]]);
      const before = await testDb().db('giftcert_uses').count<{ n: string }[]>({ n: '*' });
      const cases: [object, string][] = [
        [{ status: 'disabled' }, 'giftcert.status.disabled'],
        [{ status: 'pending' }, 'giftcert.status.pending'],
        [{ expiry_date: '1700000000' }, 'giftcert.expired'],
        [{ currency_code: 'USD' }, 'giftcert.currency'],
        [{ balance: '0.0000' }, 'giftcert.empty'],
      ];
      for (const [extra, key] of cases) {
        const c = newCert('50.0000', '50.0000', extra);
        expect(await refusal(giftcertTender.find(till.db, c.code, ctx(payment)))).toMatchObject({ key });
      }
      expect(await refusal(giftcertTender.find(till.db, 'NOPE-1234', ctx(payment)))).toEqual({ key: 'giftcert.unknown', params: { code: '…1234' }, money: {} });
      expect(await refusal(giftcertTender.find(till.db, 'a b', ctx(payment)))).toMatchObject({ key: 'giftcert.codeInvalid' });
      // Spent online between the lookup and the confirmation: the fresh read refuses it.
      const c = newCert('50.0000', '10.0000');
      const found = await giftcertTender.find(till.db, c.code, ctx(payment));
      fake.certificates.get(c.id)!.balance = '5.0000';
      expect(await refusal(giftcertTender.take!(till.db, found, 899, ctx(payment)))).toEqual({ key: 'giftcert.balanceChanged', params: {}, money: { balance: 500 } });
      expect(fake.balance(c.id)).toBe('5.0000');
      expect(await testDb().db('giftcert_uses').count<{ n: string }[]>({ n: '*' })).toEqual(before);
    });

    it('a provider refusing or failing the write: nothing is taken, the refusal is recorded, and the cashier is told', async () => {
      const { payment, ctx } = await paying([[BORDEAUX, 1]]);
      // Refused (401, 429, 503), or failed and the balance read afterwards is the one we started from (500).
      for (const [status, key] of [[401, 'giftcert.provider.auth'], [429, 'giftcert.provider.busy'], [503, 'giftcert.provider.unavailable'], [500, 'giftcert.provider.unavailable']] as const) {
        const c = newCert('50.0000');
        const found = await giftcertTender.find(till.db, c.code, ctx(payment));
        fake.script({ method: 'PUT', status });
        expect(await refusal(giftcertTender.take!(till.db, found, 899, ctx(payment)))).toMatchObject({ key });
        expect(fake.balance(c.id)).toBe('50.0000');
        const [head] = await testDb().db('giftcert_uses').where({ kind: 'debit', certificate_id: String(c.id) });
        expect((await uses(head.id)).map((r) => [r.kind, r.reason])).toEqual([['debit', null], ['not_debited', status === 401 ? 'auth' : status === 429 ? 'rateLimited' : 'unavailable']]);
      }
      // A time-out on the lookup: said with its limit; nothing recorded.
      const c = newCert('50.0000');
      fake.script({ method: 'GET', delayMs: TIMEOUT_MS * 3 });
      expect(await refusal(giftcertTender.find(till.db, c.code, ctx(payment)))).toEqual({ key: 'giftcert.provider.timeout', params: { seconds: 0.4 }, money: {} });
    });

    it('a slow write that took place all the same: the balance read afterwards tells, and the debit stands', async () => {
      const c = newCert('50.0000');
      const { payment, ctx } = await paying([[BORDEAUX, 1]]);
      const found = await giftcertTender.find(till.db, c.code, ctx(payment));
      fake.script({ method: 'PUT', delayMs: TIMEOUT_MS * 3 });
      const taken = await giftcertTender.take!(till.db, found, 899, ctx(payment));
      expect(fake.balance(c.id)).toBe('41.0100');
      expect((await uses(taken.data!.useId as number)).map((r) => [r.kind, r.balance_after_cents])).toEqual([['debit', null], ['debited', 4101]]);
    });

    it('a write that timed out and has not landed yet: it may still, so nothing is paid and pending settles it later', async () => {
      const c = newCert('50.0000');
      const { payment, ctx } = await paying([[BORDEAUX, 1]]);
      const found = await giftcertTender.find(till.db, c.code, ctx(payment));
      fake.script({ method: 'PUT', status: 504, delayMs: TIMEOUT_MS * 3 });
      const r = await refusal(giftcertTender.take!(till.db, found, 899, ctx(payment)));
      expect(r.key).toBe('giftcert.debitUnknown');
      const useId = (r.params as { use: number }).use;
      expect((await pendingUses(till.db)).find((u) => u.use === useId)).toMatchObject({ state: 'sending' });
      expect(await refusal(untilSettled(useId))).toMatchObject({ key: 'giftcert.use.failed' });
      expect((await uses(useId)).map((x) => [x.kind, x.reason])).toEqual([['debit', null], ['not_debited', 'checked']]);
      expect(fake.balance(c.id)).toBe('50.0000');
    });

    it('a write whose answer was lost and whose balance cannot be read: nothing is paid, the debit waits in pending, and is settled there', async () => {
      const c = newCert('50.0000');
      const { payment, ctx } = await paying([[BORDEAUX, 1]]);
      const found = await giftcertTender.find(till.db, c.code, ctx(payment));
      fake.script({ method: 'PUT', status: 500, apply: true });
      fake.afterWrite = () => fake.script({ method: 'GET', status: 502 }); // the read afterwards fails too
      const r = await refusal(giftcertTender.take!(till.db, found, 899, ctx(payment)));
      expect(r.key).toBe('giftcert.debitUnknown');
      const useId = (r.params as { use: number }).use;
      expect(fake.balance(c.id)).toBe('41.0100'); // it did happen
      expect((await pendingUses(till.db)).find((u) => u.use === useId)).toMatchObject({ state: 'sending', amountCents: 899, code: `…${c.code.slice(-4)}` });
      // A debit still under way on its till is not judged at once.
      expect(await refusal(recreditPending(till.db, config, till.terminal, MANAGER, useId))).toMatchObject({ key: 'giftcert.useInFlight' });
      // Once its calls have surely ended: the balance shows the debit took place, and it is given back.
      const done = await untilSettled(useId);
      expect(done).toMatchObject({ amountCents: 899, beforeCents: 4101, writtenCents: 5000, afterCents: 5000, mismatch: false });
      expect(fake.balance(c.id)).toBe('50.0000');
      expect((await uses(useId)).map((r) => [r.kind, r.reason, r.operator_id])).toEqual([['debit', null, 1], ['debited', 'checked', 2], ['recredit', 'pending', 2], ['recredited', null, 2]]);
      expect((await pendingUses(till.db)).find((u) => u.use === useId)).toBeUndefined();
    });
  });

  describe('a debit left without a ticket (a till stopped after the debit)', () => {
    async function orphan(amount = 899) {
      const c = newCert('50.0000');
      const { payment, ctx } = await paying([[LIVRE, 1]]);
      const { taken } = await payWithCertificate(payment, ctx, c.code, amount);
      return { c, useId: taken.data!.useId as number };
    }

    it('is listed by pending, then pays a sale made again by its number (#N), whole and once', async () => {
      const { c, useId } = await orphan();
      const listed = (await pendingUses(till.db)).find((u) => u.use === useId);
      expect(listed).toMatchObject({ state: 'debited', amountCents: 899, store: 'M01', terminal: 'T01', operator: 'Camille', balanceAfterCents: 4101, ticket: null });
      const order = (tenders: { kind: 'giftcert' | 'cash'; cents: number; ref?: string }[]) => createSale(till, { operatorCode: '1', operatorPin: '1234', lines: [{ code: BORDEAUX, qty: 1 }], tenders, key: randomUUID() });
      expect(await refusal(order([{ kind: 'giftcert', cents: 500, ref: `#${useId}` }, { kind: 'cash', cents: 399 }]))).toMatchObject({ key: 'giftcert.attachWhole', money: { amount: 899 } });
      // A certificate's code cannot be debited from a script: only the payment screen debits.
      expect(await refusal(order([{ kind: 'giftcert', cents: 899, ref: c.code }]))).toMatchObject({ key: 'giftcert.notDebited' });
      const { sale } = await order([{ kind: 'giftcert', cents: 899, ref: `#${useId}` }]);
      expect((await uses(useId)).map((r) => r.kind)).toEqual(['debit', 'debited', 'sale']);
      expect((await uses(useId)).at(-1)).toMatchObject({ sale_id: sale.id });
      expect(fake.balance(c.id)).toBe('41.0100'); // nothing more asked of the store
      expect((await pendingUses(till.db)).find((u) => u.use === useId)).toBeUndefined();
      expect(await refusal(order([{ kind: 'giftcert', cents: 899, ref: `#${useId}` }]))).toMatchObject({ key: 'giftcert.use.sold' });
      // What paid a ticket is never credited back onto the certificate.
      expect(await refusal(recreditPending(till.db, config, till.terminal, MANAGER, useId))).toMatchObject({ key: 'giftcert.use.sold' });
      expect((await showCertificate(till.db, config, c.code)).uses).toEqual([expect.objectContaining({ use: useId, state: 'sold', ticket: `T01-${String(sale.ticketNo).padStart(6, '0')}` })]);
    });

    it('is given back by a manager; then neither a ticket nor a second give-back can take it', async () => {
      const { c, useId } = await orphan(1250);
      const r = await recreditPending(till.db, config, till.terminal, MANAGER, useId);
      expect(r).toMatchObject({ amountCents: 1250, beforeCents: 3750, afterCents: 5000, mismatch: false });
      expect(fake.balance(c.id)).toBe('50.0000');
      expect(await refusal(recreditPending(till.db, config, till.terminal, MANAGER, useId))).toMatchObject({ key: 'giftcert.use.recredited' });
      expect(await refusal(createSale(till, { operatorCode: '1', operatorPin: '1234', lines: [{ code: LIVRE, qty: 1 }], tenders: [{ kind: 'giftcert', cents: 1250, ref: `#${useId}` }, { kind: 'cash', cents: 1250 }], key: randomUUID() }))).toMatchObject({ key: 'giftcert.use.recredited' });
      expect(await refusal(recreditPending(till.db, config, till.terminal, MANAGER, 987654))).toMatchObject({ key: 'giftcert.use.unknown' });
    });

    it('a give-back that would take the balance above what the certificate was worth is left to a person', async () => {
      const { c, useId } = await orphan(899);
      fake.certificates.get(c.id)!.balance = '45.0000'; // someone put money back by hand meanwhile
      expect(await refusal(recreditPending(till.db, config, till.terminal, MANAGER, useId))).toMatchObject({ key: 'giftcert.recreditAboveValue', money: { balance: 4500, value: 5000, amount: 899 } });
      expect(fake.balance(c.id)).toBe('45.0000');
      expect((await uses(useId)).map((r) => r.kind)).toEqual(['debit', 'debited']);
    });
  });

  it('a refund never goes onto a certificate: refused on the payment screen and at commit', async () => {
    const { basket, payment, ctx } = await paying([[BORDEAUX, -1]], true);
    expect(giftcertTender.needsCode(ctx(payment))).toBe(false);
    expect(await refusal(giftcertTender.find(till.db, null, ctx(payment)))).toMatchObject({ key: 'giftcert.noRefundOnto' });
    const forced: Payment = { ...payment, tenders: [{ kind: 'giftcert', amountCents: -899, ref: '…0001', data: { useId: 1 } }] };
    expect(await refusal(commit(basket, forced))).toMatchObject({ key: 'giftcert.noRefundOnto' });
  });

  it('without a store hash and token, the key says the certificates are not configured', async () => {
    const off = testConfig(testDb().url);
    expect(giftcertProvider(off)).toBeNull();
    const { payment } = await paying([[BORDEAUX, 1]]);
    const ctx: TenderContext = { basket: (await paying([[BORDEAUX, 1]])).basket, payment, terminal: till.terminal, operatorId: 1, refund: false, config: off };
    expect(await refusal(giftcertTender.find(till.db, 'ANY-CODE', ctx))).toMatchObject({ key: 'giftcert.notConfigured' });
  });
});
