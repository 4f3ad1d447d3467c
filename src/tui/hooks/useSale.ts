import { randomUUID } from 'node:crypto';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { recordCancelledBasket } from '../../app/cancelSale';
import { faultDetail, Refusal } from '../../app/errors';
import { logFile } from '../../app/log';
import { customerCardResolver } from '../../app/customers/card';
import { lookupEntry } from '../../app/lookup';
import { isManager, managerApproval, type Operator } from '../../app/session';
import { checkBeforePayment } from '../../app/beforePayment';
import { showGiftCard } from '../../app/giftcards/browse';
import { giftCardItem } from '../../app/giftcards/sell';
import { giftCardStatusName } from '../../app/giftcards/words';
import { formatDay } from '../../domain/day';
import { valueRefusal } from '../../domain/giftCard';
import { formatGiftCardCode } from '../../domain/giftCardCode';
import { commitSpooled, dropSpooled, spoolFolder } from '../../app/spool';
import { lookupKept, loadCatalog } from '../../app/offline/catalog';
import { offlineFolder } from '../../app/offline/journal';
import { sellOffline } from '../../app/offline/sell';
import { offlineBasketRefusal, offlineTenderRefused } from '../../domain/offline';
import { salePolicy } from '../../app/stock/policy';
import { TENDER_PROVIDERS } from '../../app/features';
import type { TenderContext, TenderNote, TenderProvider } from '../../app/tenderProviders';
import type { Till } from '../../app/till';
import type { TillDevices } from '../../app/tillDevices';
import { checkScan } from '../../domain/scan';
import { ticketLabel } from '../../domain/sale';
import { t } from '../../i18n/messages';
import { isConnectionError } from '../../data/db';
import { parseDiscount } from '../../domain/discountInput';
import { parseEntry } from '../../domain/entry';
import { parseEuros } from '../../domain/money';
import { parseQty } from '../../domain/quantity';
import { addTender, isSettled, remainingCents, type TenderKind } from '../../domain/tender';
import { returnedTickets, type BasketAction } from '../../domain/basket';
import { needsReturnApproval, offRoute, refundRoute, type PrepaidRefund, type RefundPart } from '../../domain/saleReturn';
import type { Basket } from '../../domain/basket';
import type { Payment } from '../../domain/tender';
import { useTickState } from './useTickState';
import { approvalLayer, error, giftCardLayer, initialSale, promptLayer, saleReducer, selectedLine, type ApprovalPurpose, type LayerField, type Message, type PromptPurpose, type SaleEvent, type SaleState, type TenderLayer } from '../state/saleState';

export interface SaleDeps {
  till: Till;
  operator: Operator;
  /** Receipts through the print queue, the drawer, slips. */
  devices: TillDevices;
  setDbUp(up: boolean): void;
  /** The server is away and this till may sell offline (offline.enabled): sales go to the journal. */
  isOffline(): boolean;
  /** A sale went into the offline journal (the status bar counts it). */
  onJournaled(): void;
  bell(): void;
  log: { error(obj: object, msg: string): void };
}

export interface SaleController {
  /** As last drawn. */
  state: SaleState;
  /** As of the last key, before the screen redraws: what key handlers must read. */
  current(): SaleState;
  message(m: Message | null): void;
  submitEntry(text: string): void;
  /** A code from a scanner: checked for garbage, then like an entry. */
  submitScan(code: string): void;
  select(delta: number): void;
  choose(delta: number): void;
  takeChoice(): void;
  back(): void;
  openPrompt(purpose: 'qty' | 'search' | 'giftCardBalance'): void;
  requestApproval(purpose: ApprovalPurpose): void;
  /** The text of a field of the open prompt or approval form (its TextField's). */
  layerEdit(field: LayerField, value: string): void;
  /** Enter on the open prompt or approval form. */
  layerSubmit(): void;
  voidLine(): void;
  askCancel(): void;
  confirmCancel(): void;
  openTender(): void;
  closeTender(): void;
  addTender(kind: TenderKind, typed: string): void;
  removeTender(): void;
  /** A tender that draws on something: ask its code, or find it at once. */
  openTenderSource(kind: TenderKind): void;
  /** The code or amount being typed for that tender (its TextField's). */
  tenderLayerEdit(value: string): void;
  /** Enter on that code or amount. */
  tenderLayerSubmit(): void;
  /**
   * A code scanned on the payment screen: the code asked for, a voucher's without pressing its
   * key first, or a loyalty card (the customer joins the ticket while nothing is paid). False
   * when it cannot be taken now.
   */
  scanTender(code: string): boolean;
  closeTenderLayer(): void;
  commit(): void;
  reprint(): void;
  /** "No sale": the drawer opened between tickets, with a manager's approval. */
  noSale(): void;
  /** Opens a feature's panel over the basket; it takes the keys until back(). */
  openPanel(panel: string): void;
  /** Basket actions a feature worked out (a customer attached, an earlier ticket's lines…): all or none. */
  applyActions(actions: readonly BasketAction[], ok?: Message): void;
  /** A feature's database work, queued behind the keys before it; refusals and faults are shown as the entry line's. */
  run(job: (till: Till, operator: Operator) => Promise<void>): void;
  /**
   * A key's command, once the codes typed or scanned before it are on the ticket: F12 right
   * after a scan takes the payment of a ticket that has the item, F4 voids that item.
   */
  afterEntries(command: () => void): void;
  /** For a refund of lines returned against their ticket: the way back proposed (refundRoute); null otherwise. */
  proposedRefund(): RefundPart[] | null;
}

/** Whether a refund of lines returned against their ticket is paid out otherwise than the way proposed (refundRoute). */
function offRouteRefund(basket: Basket, payment: Payment, prepaid: PrepaidRefund): boolean {
  const tickets = returnedTickets(basket);
  return tickets !== undefined && payment.totalCents < 0 && offRoute(refundRoute(tickets, -payment.totalCents, prepaid), payment.tenders);
}

/** The sale screen's behaviour: the reducer holds the state, this hook runs the I/O around it. */
export function useSale(deps: SaleDeps): SaleController {
  // The reducer is applied at once (keys that arrive in one burst each see the state the
  // previous one left) and the screen redraws once per tick.
  const store = useTickState(() => initialSale(randomUUID(), deps.till.config.limits));
  const state = store.shown;
  const { set: setSale, current: currentSale } = store;
  const dispatch = useCallback((e: SaleEvent) => setSale(saleReducer(currentSale(), e)), [setSale, currentSale]);
  const depsRef = useRef(deps);
  depsRef.current = deps;
  const queue = useRef<Promise<void>>(Promise.resolve());
  /** Jobs queued and not finished: a command waits for them only when there are some. */
  const queued = useRef(0);
  const retryTimer = useRef<NodeJS.Timeout | null>(null);
  /** The manager who approved what this basket's return needs (a return without its ticket), for its key only. */
  const returnApproval = useRef<{ key: string; managerId: number } | null>(null);
  useEffect(() => () => {
    if (retryTimer.current) clearTimeout(retryTimer.current);
  }, []);

  const fail = useCallback((e: unknown) => {
    const d = depsRef.current;
    if (e instanceof Refusal) {
      dispatch({ type: 'message', message: { ...error(e.key, e.params), money: e.money } });
    } else if (isConnectionError(e)) {
      d.setDbUp(false);
      dispatch({ type: 'message', message: error('db.lost') });
    } else {
      d.log.error({ err: e }, 'unexpected error at the till');
      dispatch({ type: 'message', message: error('fault', { detail: faultDetail(e), log: logFile(d.till.config.dataDir) }) });
    }
    d.bell();
  }, []);

  /** Lookups and other database work run one after the other, in the order keys came. */
  const run = useCallback((job: () => Promise<void>) => {
    queued.current += 1;
    queue.current = queue.current
      .then(job)
      .catch(fail)
      .finally(() => void (queued.current -= 1));
  }, [fail]);

  const refuse = useCallback((key: Message['key'], extra: Pick<Message, 'params' | 'money'> = {}) => {
    dispatch({ type: 'message', message: { ...error(key), ...extra } });
    depsRef.current.bell();
  }, []);

  /**
   * The server away while selling offline is allowed: an item is looked up in the catalogue the
   * till keeps (other codes need the server). Anything else is thrown on as it came.
   */
  const keptLookup = useCallback(async (e: unknown, text: string) => {
    const d = depsRef.current;
    if (e !== null) {
      if (!isConnectionError(e) || !d.till.config.offline.enabled) throw e;
      d.setDbUp(false);
    }
    return lookupKept(await loadCatalog(offlineFolder(d.till.config.dataDir, d.till.terminal.code)), text);
  }, []);

  const commit = useCallback(() => {
    const s = store.current();
    if (!s.payment || s.commit !== 'idle') return;
    if (!isSettled(s.payment)) return refuse('tender.short', { money: { due: Math.abs(remainingCents(s.payment)) } });
    const d = depsRef.current;
    const approval = returnApproval.current?.key === s.basket.key ? returnApproval.current.managerId : null;
    // Paid out otherwise than the ticket was paid: a manager approves it here, then the ticket is saved.
    if (approval === null && offRouteRefund(s.basket, s.payment, d.till.config.returns.prepaidRefund)) {
      if (isManager(d.operator)) returnApproval.current = { key: s.basket.key, managerId: d.operator.id };
      else {
        dispatch({ type: 'tender.layer', layer: { kind: 'manager', code: null, input: '' } });
        return dispatch({ type: 'message', message: { key: 'return.refundApproval', tone: 'info' } });
      }
    }
    const approvedBy = returnApproval.current?.key === s.basket.key ? returnApproval.current.managerId : null;
    const req = { terminalId: d.till.terminal.id, storeId: d.till.terminal.storeId, operatorId: d.operator.id, basket: s.basket, payment: s.payment, paidAt: new Date().toISOString(), ...(approvedBy !== null && { returnApprover: approvedBy }) };
    dispatch({ type: 'commit', state: 'saving' });
    const spool = spoolFolder(d.till.config.dataDir, d.till.terminal.code);
    // The server away and selling offline allowed: into the journal, numbered from the block,
    // the receipt printed from the till's own data. A refusal leaves the payment on screen.
    const sellLocally = async (): Promise<void> => {
      try {
        const { sale, receipt } = await sellOffline(offlineFolder(d.till.config.dataDir, d.till.terminal.code), req, { config: d.till.config, terminal: d.till.terminal, operator: d.operator });
        await dropSpooled(spool, req.basket.key);
        dispatch({ type: 'committed', sale, nextKey: randomUUID(), notes: [{ key: 'offline.sold', params: { ticket: ticketLabel(sale.terminalCode, sale.ticketNo) } }] });
        d.onJournaled();
        void d.devices.offlineSale(sale, receipt);
      } catch (e) {
        if (e instanceof Refusal) await dropSpooled(spool, req.basket.key).catch(() => undefined);
        dispatch({ type: 'commit', state: 'idle' });
        fail(e);
      }
    };
    const attempt = async (): Promise<void> => {
      retryTimer.current = null;
      if (d.isOffline()) return sellLocally();
      try {
        const { sale, notes } = await commitSpooled(d.till.db, spool, req, { policy: salePolicy(d.till.config) });
        d.setDbUp(true);
        dispatch({ type: 'committed', sale, nextKey: randomUUID(), notes });
        // Printing and the drawer come after the commit and report to the status bar.
        void d.devices.saleCommitted(sale);
      } catch (e) {
        if (isConnectionError(e) && d.till.config.offline.enabled) {
          d.setDbUp(false);
          return sellLocally();
        }
        if (isConnectionError(e)) {
          // The basket stays as it is, and the same key goes again once the server answers.
          d.setDbUp(false);
          dispatch({ type: 'commit', state: 'waiting' });
          retryTimer.current = setTimeout(() => void attempt(), d.till.config.db.retryMs);
        } else {
          dispatch({ type: 'commit', state: 'idle' });
          fail(e);
        }
      }
    };
    void attempt();
  }, [fail, refuse]);

  const submitEntry = useCallback((text: string) => {
    const entry = parseEntry(text);
    switch (entry.kind) {
      case 'empty':
        return;
      case 'qty':
        return dispatch({ type: 'pendingQty', qty: entry.qty });
      case 'error':
        return refuse(entry.error);
      case 'lookup': {
        // The quantity is bound to this code now: the lookup answers later, maybe after the
        // next "3*" was typed.
        const qty = entry.qty ?? store.current().pendingQty ?? 1;
        dispatch({ type: 'takeQty' });
        return run(async () => {
          const d = depsRef.current;
          const found = d.isOffline()
            ? await keptLookup(null, entry.text)
            : await lookupEntry(d.till.db, entry.text, { basket: store.current().basket, terminal: d.till.terminal, operatorId: d.operator.id, lang: d.till.config.lang, timeZone: d.till.config.timeZone, config: d.till.config })
              .then((f) => (d.setDbUp(true), f), (e: unknown) => keptLookup(e, entry.text));
          if (found.kind === 'item') return dispatch({ type: 'scan', item: found.item, qty, merge: d.till.config.sale.mergeScans });
          // A gift card is sold one by one, its value (and code) asked.
          if (found.kind === 'giftCard') return qty === 1 ? dispatch({ type: 'layer', layer: giftCardLayer(found.code) }) : refuse('giftCard.qtyOne');
          if (found.kind === 'action') return dispatch({ type: 'basket', action: found.action, ok: { ...found.message, tone: 'ok' } });
          dispatch({ type: 'layer', layer: { kind: 'choices', items: found.items, index: 0, qty, text: entry.text } });
        });
      }
    }
  }, [run, refuse]);

  /** The drawer opened with no sale, once a manager approved it: audit line first, then the kick. */
  const openNoSale = useCallback((manager: Operator) => {
    run(async () => {
      const d = depsRef.current;
      const failure = await d.devices.noSale(d.operator, manager);
      if (!failure) return dispatch({ type: 'message', message: { key: 'drawer.opened', params: { name: manager.name }, tone: 'ok' } });
      dispatch({ type: 'message', message: error('drawer.failed', { reason: t(d.till.config.lang, `device.error.${failure}`) }) });
      d.bell();
    });
  }, [run]);

  const tenderContext = useCallback((): TenderContext => {
    const s = store.current();
    const d = depsRef.current;
    // A return against its ticket: how that ticket was paid decides what a gift card may take back.
    const originalTenders = returnedTickets(s.basket)?.flatMap((p) => p.tenders);
    return { basket: s.basket, payment: s.payment!, terminal: d.till.terminal, operatorId: d.operator.id, refund: (s.payment?.totalCents ?? 0) < 0, config: d.till.config, ...(originalTenders && { originalTenders }) };
  }, [store]);

  /** Looks the source up; what it holds caps the amount, pre-filled with what is left to pay. */
  const findTenderSource = useCallback((kind: TenderKind, code: string | null) => {
    const provider = TENDER_PROVIDERS.find((p) => p.kind === kind)!;
    run(async () => {
      const ctx = tenderContext();
      const found = await provider.find(depsRef.current.till.db, code, ctx);
      const defaultCents = Math.min(found.maxCents, Math.abs(remainingCents(ctx.payment)));
      dispatch({ type: 'tender.layer', layer: { kind: 'source', tender: kind, found, defaultCents, input: '' } });
    });
  }, [run, tenderContext]);

  /** What a tender's provider says of what it did, shown as a message (a warning rings). */
  const say = useCallback((note: TenderNote | null) => {
    if (!note) return;
    dispatch({ type: 'message', message: { key: note.key, params: note.params, money: note.money, tone: note.warn ? 'error' : 'ok' } });
    if (note.warn) depsRef.current.bell();
  }, []);

  /**
   * An outside system's call (a certificate debited or given back): the keys wait for its
   * answer; a refusal or failure is said by fail() and changes nothing on the payment.
   */
  const drawing = useCallback((work: () => Promise<void>) => {
    dispatch({ type: 'commit', state: 'drawing' });
    dispatch({ type: 'message', message: { key: 'tender.drawing', tone: 'info' } });
    run(async () => {
      try {
        await work();
      } finally {
        if (store.current().commit === 'drawing') dispatch({ type: 'commit', state: 'idle' });
      }
    });
  }, [run]);

  /** The amount confirmed on a source kept outside (TenderProvider.take): drawn first, added once drawn. */
  const takeFromSource = useCallback((provider: TenderProvider, layer: Extract<TenderLayer, { kind: 'source' }>, cents: number | null) => {
    const s = store.current();
    if (!s.payment || s.commit !== 'idle') return;
    const amount = cents ?? layer.defaultCents;
    // The payment's own rules first: an amount it would refuse is never drawn.
    if ('error' in addTender(s.payment, layer.tender, amount, { maxCents: layer.found.maxCents })) return dispatch({ type: 'tender.addFrom', cents });
    drawing(async () => {
      const taken = await provider.take!(depsRef.current.till.db, layer.found, amount, tenderContext());
      dispatch({ type: 'commit', state: 'idle' });
      dispatch({ type: 'tender.addFrom', cents: amount, taken });
      say(taken.note ?? null);
    });
  }, [drawing, say, tenderContext]);

  const submitPrompt = useCallback((text: string) => {
    const layer = store.current().layer;
    if (layer.kind !== 'prompt') return;
    const lineId = layer.lineId ?? -1;
    switch (layer.purpose) {
      case 'qty': {
        const q = parseQty(text);
        if ('error' in q) return refuse(q.error);
        return dispatch({ type: 'basket', action: { type: 'setQty', lineId, qty: q.qty } });
      }
      case 'price': {
        const cents = parseEuros(text);
        if (cents === null || cents < 0) return refuse('price.invalid');
        return dispatch({ type: 'basket', action: { type: 'overridePrice', lineId, unitPriceCents: cents, by: layer.approvedBy! } });
      }
      case 'discount': {
        const discount = parseDiscount(text);
        if (!discount) return refuse('discount.invalid');
        return dispatch({ type: 'basket', action: { type: 'discount', lineId, discount, by: layer.approvedBy! } });
      }
      case 'search':
        dispatch({ type: 'layer', layer: { kind: 'entry' } });
        return submitEntry(text);
      case 'giftCardBalance':
        if (text.trim() === '') return;
        return run(async () => {
          const { config, db } = depsRef.current.till;
          const { card } = await showGiftCard(db, text, config.giftCards.preprinted);
          dispatch({ type: 'layer', layer: { kind: 'entry' } });
          const status = giftCardStatusName(config.lang, card);
          dispatch({ type: 'message', message: { key: 'giftCard.balance', params: { code: formatGiftCardCode(card.code), date: formatDay(card.expiresOn), status }, money: { balance: card.balanceCents }, tone: 'ok' } });
        });
    }
  }, [refuse, submitEntry, run]);

  /**
   * Enter on a gift card being sold: the value (checked against the shop's minimum and ceiling),
   * then the code (a pre-printed card's, or none: the till makes one); the line is added once
   * the code is known not to be sold. A refusal leaves the question asked again.
   */
  const submitGiftCard = useCallback((text: string) => {
    const layer = store.current().layer;
    if (layer.kind !== 'giftCard') return;
    const config = depsRef.current.till.config;
    let valueCents = layer.valueCents;
    if (valueCents === null) {
      const cents = parseEuros(text) ?? 0;
      const bad = valueRefusal(cents, config.giftCards.minCents, config.limits);
      if (bad) return refuse(bad.error, { money: bad.money });
      valueCents = cents;
      if (layer.code === null) return dispatch({ type: 'layer', layer: giftCardLayer(null, cents) });
    }
    const code = layer.code ?? (text.trim() || null);
    const value = valueCents;
    run(async () => {
      const d = depsRef.current;
      const item = await giftCardItem(d.till.db, config, { valueCents: value, code }, store.current().basket);
      dispatch({ type: 'basket', action: { type: 'add', item, qty: 1, merge: false }, ok: { key: 'giftCard.added', params: { code: formatGiftCardCode(item.giftCard!.code) }, money: { amount: value }, tone: 'ok' } });
    });
  }, [refuse, run]);

  return useMemo<SaleController>(() => ({
    state,
    current: () => store.current(),
    message: (m) => dispatch({ type: 'message', message: m }),
    submitEntry,
    select: (delta) => dispatch({ type: 'select', delta }),
    choose: (delta) => dispatch({ type: 'choose', delta }),
    takeChoice() {
      const layer = store.current().layer;
      if (layer.kind !== 'choices') return;
      dispatch({ type: 'scan', item: layer.items[layer.index]!, qty: layer.qty, merge: depsRef.current.till.config.sale.mergeScans });
    },
    back: () => dispatch({ type: 'layer', layer: { kind: 'entry' } }),
    openPrompt(purpose) {
      const line = selectedLine(store.current());
      if (purpose === 'qty' && !line) return refuse('line.unknown');
      dispatch({ type: 'layer', layer: promptLayer(purpose, line?.lineId ?? null, null) });
    },
    requestApproval(purpose) {
      const line = selectedLine(store.current());
      if (!line) return refuse('line.unknown');
      if (depsRef.current.isOffline()) return refuse('offline.manager');
      const op = depsRef.current.operator;
      const prompt: PromptPurpose = purpose === 'priceOverride' ? 'price' : 'discount';
      // A manager at the till approves their own override.
      if (isManager(op)) return dispatch({ type: 'layer', layer: promptLayer(prompt, line.lineId, op.id) });
      dispatch({ type: 'layer', layer: approvalLayer(purpose, line.lineId) });
    },
    layerEdit: (field, value) => dispatch({ type: 'layerEdit', field, value }),
    layerSubmit() {
      const layer = store.current().layer;
      if (layer.kind === 'prompt' || layer.kind === 'giftCard') {
        const submitted = layer.input;
        if (layer.kind === 'prompt' && layer.purpose !== 'giftCardBalance') return submitPrompt(submitted);
        // A card's value or code refused is typed or scanned anew: Enter empties the field, as on the entry line.
        dispatch({ type: 'layerEdit', field: 'input', value: '' });
        return layer.kind === 'prompt' ? submitPrompt(submitted) : submitGiftCard(submitted);
      }
      if (layer.kind !== 'approval') return;
      if (layer.focus === 'code') return dispatch({ type: 'approval.next' });
      const { code, pin } = layer;
      dispatch({ type: 'layer', layer: approvalLayer(layer.purpose, layer.lineId) });
      run(async () => {
        const manager = await managerApproval(depsRef.current.till, code, pin, layer.purpose).catch((e: unknown) => {
          if (!isConnectionError(e) || !depsRef.current.till.config.offline.enabled) throw e;
          depsRef.current.setDbUp(false);
          return null;
        });
        if (!manager) {
          dispatch({ type: 'layer', layer: { kind: 'entry' } });
          return refuse('offline.manager');
        }
        if (layer.purpose === 'noSale') {
          dispatch({ type: 'layer', layer: { kind: 'entry' } });
          return openNoSale(manager);
        }
        if (layer.purpose === 'return') {
          returnApproval.current = { key: store.current().basket.key, managerId: manager.id };
          dispatch({ type: 'layer', layer: { kind: 'entry' } });
          return dispatch({ type: 'tender.open' });
        }
        const purpose: PromptPurpose = layer.purpose === 'priceOverride' ? 'price' : 'discount';
        dispatch({ type: 'layer', layer: promptLayer(purpose, layer.lineId, manager.id) });
      });
    },
    voidLine() {
      const line = selectedLine(store.current());
      if (!line) return refuse('line.unknown');
      dispatch({ type: 'basket', action: { type: 'void', lineId: line.lineId }, ok: { key: 'sale.voided', params: { name: line.item.name }, tone: 'info' } });
    },
    askCancel() {
      if (store.current().basket.lines.length === 0) return;
      dispatch({ type: 'layer', layer: { kind: 'confirmCancel' } });
    },
    confirmCancel() {
      const d = depsRef.current;
      const basket = store.current().basket;
      dispatch({ type: 'cancel', nextKey: randomUUID() });
      recordCancelledBasket(d.till.db, d.till.terminal.id, d.operator.id, basket).catch((e: unknown) => d.log.error({ err: e, basket }, 'cancelled basket not recorded'));
    },
    openTender() {
      const s = store.current();
      if (s.basket.lines.length === 0) return dispatch({ type: 'tender.open' }); // says the ticket is empty
      // What the commit would refuse now is said before the customer pays.
      run(async () => {
        const d = depsRef.current;
        let offline = d.isOffline();
        if (!offline) {
          try {
            await checkBeforePayment(d.till.db, store.current().basket, { storeId: d.till.terminal.storeId, terminalId: d.till.terminal.id }, salePolicy(d.till.config));
          } catch (e) {
            if (!isConnectionError(e) || !d.till.config.offline.enabled) throw e;
            d.setDbUp(false);
            offline = true;
          }
        }
        // Offline: what needs the server is refused now, before the customer pays.
        const refused = offline ? offlineBasketRefusal(store.current().basket) : null;
        if (refused) return refuse(refused);
        // A return without its ticket, where the shop asks a manager for it: asked before the payment.
        const basket = store.current().basket;
        const approved = returnApproval.current?.key === basket.key;
        if (!approved && needsReturnApproval(basket, d.till.config.returns.withoutTicket)) {
          if (offline) return refuse('offline.manager');
          if (!isManager(d.operator)) return dispatch({ type: 'layer', layer: approvalLayer('return', 0) });
          returnApproval.current = { key: basket.key, managerId: d.operator.id };
        }
        dispatch({ type: 'tender.open' });
      });
    },
    closeTender: () => dispatch({ type: 'tender.close' }),
    addTender(kind, typed) {
      const cents = typed.trim() === '' ? null : parseEuros(typed);
      if (cents === null && typed.trim() !== '') return refuse('amount.invalid', { params: { text: typed.trim() } });
      dispatch({ type: 'tender.add', kind, cents });
    },
    removeTender() {
      const s = store.current();
      const last = s.payment?.tenders.at(-1);
      const provider = last && TENDER_PROVIDERS.find((p) => p.kind === last.kind);
      if (!last || !provider?.release || s.commit !== 'idle') return dispatch({ type: 'tender.remove' });
      // Drawn from outside: given back first, taken off the payment once given back.
      drawing(async () => {
        const note = await provider.release!(depsRef.current.till.db, last, tenderContext());
        dispatch({ type: 'commit', state: 'idle' });
        dispatch({ type: 'tender.remove' });
        say(note);
      });
    },
    openTenderSource(kind) {
      const s = store.current();
      const provider = TENDER_PROVIDERS.find((p) => p.kind === kind);
      if (!provider || !s.payment || s.commit !== 'idle') return;
      if (depsRef.current.isOffline() && offlineTenderRefused(kind)) return refuse('offline.tender');
      if (remainingCents(s.payment) === 0) return refuse('tender.nothingDue');
      if (provider.needsCode(tenderContext())) return dispatch({ type: 'tender.layer', layer: { kind: 'code', tender: kind, input: '' } });
      findTenderSource(kind, null);
    },
    scanTender(code) {
      const s = store.current();
      if (!s.payment || s.commit !== 'idle') return false;
      if (s.tenderLayer?.kind === 'code') {
        findTenderSource(s.tenderLayer.tender, code);
        return true;
      }
      if (s.tenderLayer) return false;
      const ctx = tenderContext();
      const owner = TENDER_PROVIDERS.find((p) => p.needsCode(ctx) && p.ownsCode?.(code, ctx));
      if (owner) {
        if (remainingCents(s.payment) === 0) refuse('tender.nothingDue');
        else findTenderSource(owner.kind, code);
        return true;
      }
      // A loyalty card shown at the last moment: the customer joins the ticket, which is
      // priced again (their discount, an automatic reward) while nothing is paid yet.
      run(async () => {
        const d = depsRef.current;
        const found = await customerCardResolver(d.till.db, code, { basket: store.current().basket, terminal: d.till.terminal, operatorId: d.operator.id, lang: d.till.config.lang, timeZone: d.till.config.timeZone, config: d.till.config });
        d.setDbUp(true);
        if (found?.kind !== 'action') return refuse('tender.scanNotHere', { params: { code } });
        dispatch({ type: 'tender.basket', action: found.action, ok: { ...found.message, tone: 'ok' } });
        await checkBeforePayment(d.till.db, store.current().basket, { storeId: d.till.terminal.storeId, terminalId: d.till.terminal.id }, salePolicy(d.till.config));
      });
      return true;
    },
    tenderLayerEdit: (value) => dispatch({ type: 'tender.layerEdit', value }),
    tenderLayerSubmit() {
      const layer = store.current().tenderLayer;
      if (!layer) return;
      const submitted = layer.input;
      // Enter empties the field, as on the entry line: a code or amount refused is typed anew.
      dispatch({ type: 'tender.layerEdit', value: '' });
      if (layer.kind === 'code') {
        if (submitted.trim() !== '') findTenderSource(layer.tender, submitted.trim());
        return;
      }
      if (layer.kind === 'manager') {
        if (layer.code === null) return dispatch({ type: 'tender.layer', layer: { kind: 'manager', code: submitted.trim(), input: '' } });
        const key = store.current().basket.key;
        return run(async () => {
          // A wrong code or PIN: both are asked again.
          dispatch({ type: 'tender.layer', layer: { kind: 'manager', code: null, input: '' } });
          const manager = await managerApproval(depsRef.current.till, layer.code!, submitted, 'return').catch((e: unknown) => {
            if (!isConnectionError(e) || !depsRef.current.till.config.offline.enabled) throw e;
            depsRef.current.setDbUp(false);
            return null;
          });
          if (!manager) {
            dispatch({ type: 'tender.layer', layer: null });
            return refuse('offline.manager');
          }
          returnApproval.current = { key, managerId: manager.id };
          dispatch({ type: 'tender.layer', layer: null });
          commit();
        });
      }
      const cents = submitted.trim() === '' ? null : parseEuros(submitted);
      if (cents === null && submitted.trim() !== '') return refuse('amount.invalid', { params: { text: submitted.trim() } });
      const provider = TENDER_PROVIDERS.find((p) => p.kind === layer.tender);
      if (provider?.take) return takeFromSource(provider, layer, cents);
      dispatch({ type: 'tender.addFrom', cents });
    },
    closeTenderLayer: () => dispatch({ type: 'tender.layer', layer: null }),
    commit,
    reprint() {
      run(async () => {
        const d = depsRef.current;
        const key = d.till.config.keys.reprint[0]!.toUpperCase();
        // The server away and selling offline: the last ticket of the offline journal.
        const offline = () => {
          d.setDbUp(false);
          return d.devices.reprintOffline();
        };
        const r = d.isOffline()
          ? await offline()
          : await d.devices.reprint(d.operator.id).catch((e: unknown) => {
              if (!isConnectionError(e) || !d.till.config.offline.enabled) throw e;
              return offline();
            });
        const reason = () => t(d.till.config.lang, `device.error.${d.devices.queue.state().lastError ?? 'io'}`);
        if (r.kind === 'retried') {
          if (r.printed === r.of) return dispatch({ type: 'message', message: { key: 'print.retried', params: { printed: r.printed, of: r.of }, tone: 'ok' } });
          dispatch({ type: 'message', message: { key: 'print.stillFailing', params: { reason: reason(), key }, tone: 'error' } });
        } else if (r.printed) {
          return dispatch({ type: 'message', message: { key: 'sale.reprinted', params: { ticket: r.ticket }, tone: 'ok' } });
        } else {
          dispatch({ type: 'message', message: { key: 'print.duplicateQueued', params: { ticket: r.ticket, reason: reason(), key }, tone: 'error' } });
        }
        d.bell();
      });
    },
    noSale() {
      if (store.current().basket.lines.length > 0) return refuse('drawer.openTicket');
      if (depsRef.current.isOffline()) return refuse('offline.manager');
      const op = depsRef.current.operator;
      // A manager at the till approves their own opening; it is audited all the same.
      if (isManager(op)) return openNoSale(op);
      dispatch({ type: 'layer', layer: approvalLayer('noSale', 0) });
    },
    submitScan(code) {
      const bad = checkScan(code);
      if (bad) return refuse(bad);
      submitEntry(code);
    },
    openPanel: (panel) => dispatch({ type: 'layer', layer: { kind: 'panel', panel } }),
    applyActions: (actions, ok) => dispatch({ type: 'basketActions', actions, ok }),
    run: (job) => run(() => job(depsRef.current.till, depsRef.current.operator)),
    proposedRefund() {
      const s = store.current();
      const tickets = returnedTickets(s.basket);
      const total = s.payment?.totalCents ?? 0;
      return tickets && total < 0 ? refundRoute(tickets, -total, depsRef.current.till.config.returns.prepaidRefund) : null;
    },
    afterEntries(command) {
      if (queued.current === 0) return command();
      // Behind the lookups, not as one of them: the command's own work queues after it.
      queue.current = queue.current.then(command).catch(fail);
    },
  }), [state, run, refuse, commit, submitEntry, submitPrompt, submitGiftCard, tenderContext, findTenderSource, openNoSale, drawing, say, takeFromSource]);
}
