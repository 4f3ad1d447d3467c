import { basketReducer, basketTotals, openBasket, type Basket, type BasketAction } from '../../domain/basket';
import type { CatalogItem } from '../../domain/item';
import type { MoneyLimits } from '../../domain/limits';
import { ticketLabel, type SaleRecord } from '../../domain/sale';
import { addTender, remainingCents, removeLastTender, type Payment, type TenderData, type TenderKind } from '../../domain/tender';
import type { MessageKey, Params } from '../../i18n/messages';
import type { TenderSourceFound } from '../../app/tenderProviders';

export interface Message {
  key: MessageKey;
  params?: Params;
  /** Amounts in cents, formatted in the cashier's language when shown. */
  money?: Record<string, number>;
  tone: 'info' | 'error' | 'ok';
}

export type PromptPurpose = 'qty' | 'price' | 'discount' | 'search' | 'giftCardBalance';
/** What a manager's code and PIN are asked for: a line's price or discount, or opening the drawer with no sale. */
export type ApprovalPurpose = 'priceOverride' | 'lineDiscount' | 'noSale' | 'return';

/** What sits on top of the basket and takes the keys. */
export type Layer =
  | { kind: 'entry' }
  | { kind: 'prompt'; purpose: PromptPurpose; lineId: number | null; approvedBy: number | null; input: string }
  | { kind: 'approval'; purpose: ApprovalPurpose; lineId: number; code: string; pin: string; focus: 'code' | 'pin' }
  | { kind: 'choices'; items: CatalogItem[]; index: number; qty: number; text: string }
  | { kind: 'confirmCancel' }
  /** A gift card being sold: its value is asked first, then its code (a pre-printed card scanned before has it). */
  | { kind: 'giftCard'; valueCents: number | null; code: string | null; input: string }
  /** A feature's panel over the basket (the customer, their purchases…): it takes the keys until back(). */
  | { kind: 'panel'; panel: string };

/** On the payment screen: a tender that draws on something, being asked for or shown. */
export type TenderLayer =
  | { kind: 'code'; tender: TenderKind; input: string }
  | { kind: 'source'; tender: TenderKind; found: TenderSourceFound; defaultCents: number; input: string }
  /** A refund paid out otherwise than its ticket was paid: a manager's code, then their PIN (`code` kept). */
  | { kind: 'manager'; code: string | null; input: string };

/**
 * The text fields of the layers (ink-text-input's, components/TextField): a prompt's or gift
 * card's `input`, an approval's `code` and `pin`. Their text and Enter come as events.
 */
export type LayerField = 'input' | 'code' | 'pin';
/** How long each field's text may be. */
export const FIELD_LENGTH: Record<LayerField, number> = { input: 40, code: 12, pin: 12 };
export const TENDER_INPUT_LENGTH = 20;

export interface SaleState {
  basket: Basket;
  selectedId: number | null;
  pendingQty: number | null;
  layer: Layer;
  /** Set while on the tender screen. */
  payment: Payment | null;
  tenderLayer: TenderLayer | null;
  /**
   * `waiting`: the database is down, the same sale is retried until it is written. `drawing`: a
   * tender is being drawn from (or given back to) an outside system, keys wait for its answer.
   */
  commit: 'idle' | 'saving' | 'waiting' | 'drawing';
  message: Message | null;
  lastSale: SaleRecord | null;
  /** What the features said of the last ticket (what is left on a voucher…), shown until the next one starts. */
  afterSale: Message[];
}

export type SaleEvent =
  | { type: 'basket'; action: BasketAction; ok?: Message }
  /** Several basket actions from a feature (lines of an earlier ticket…): all applied, or none. */
  | { type: 'basketActions'; actions: readonly BasketAction[]; ok?: Message }
  /** An item found from the entry line, with the quantity taken when its code was entered; `merge`: the till's `sale.mergeScans`. */
  | { type: 'scan'; item: CatalogItem; qty: number; merge: boolean }
  /** The code was entered: the pending quantity now belongs to it. */
  | { type: 'takeQty' }
  | { type: 'select'; delta: number }
  | { type: 'pendingQty'; qty: number | null }
  | { type: 'layer'; layer: Layer }
  /** The text of a field of the open prompt or approval form; what Enter submits is the controller's. */
  | { type: 'layerEdit'; field: LayerField; value: string }
  /** Enter on an approval's code: on to the PIN, once a code is typed. */
  | { type: 'approval.next' }
  | { type: 'choose'; delta: number }
  | { type: 'message'; message: Message | null }
  | { type: 'tender.open' }
  /** A change to the ticket made from the payment screen (a loyalty card scanned there): allowed while nothing is paid. */
  | { type: 'tender.basket'; action: BasketAction; ok?: Message }
  | { type: 'tender.close' }
  | { type: 'tender.add'; kind: TenderKind; cents: number | null }
  | { type: 'tender.remove' }
  | { type: 'tender.layer'; layer: TenderLayer | null }
  | { type: 'tender.layerEdit'; value: string }
  /** `taken`: what an outside source answered when it was drawn from (TenderProvider.take). */
  | { type: 'tender.addFrom'; cents: number | null; taken?: { ref: string; data?: TenderData } }
  | { type: 'commit'; state: 'saving' | 'waiting' | 'drawing' | 'idle' }
  | { type: 'committed'; sale: SaleRecord; nextKey: string; notes?: readonly Omit<Message, 'tone'>[] }
  | { type: 'cancel'; nextKey: string };

export function initialSale(key: string, limits?: MoneyLimits): SaleState {
  return { basket: openBasket(key, limits), selectedId: null, pendingQty: null, layer: { kind: 'entry' }, payment: null, tenderLayer: null, commit: 'idle', message: null, lastSale: null, afterSale: [] };
}

export function promptLayer(purpose: PromptPurpose, lineId: number | null, approvedBy: number | null): Layer {
  return { kind: 'prompt', purpose, lineId, approvedBy, input: '' };
}

export function giftCardLayer(code: string | null, valueCents: number | null = null): Layer {
  return { kind: 'giftCard', valueCents, code, input: '' };
}

export function approvalLayer(purpose: ApprovalPurpose, lineId: number): Layer {
  return { kind: 'approval', purpose, lineId, code: '', pin: '', focus: 'code' };
}

/** The layer's text field that has the keys, and its text; null when the layer has none. */
export function layerFocus(layer: Layer): { field: LayerField; value: string } | null {
  if (layer.kind === 'prompt' || layer.kind === 'giftCard') return { field: 'input', value: layer.input };
  if (layer.kind === 'approval') return { field: layer.focus, value: layer[layer.focus] };
  return null;
}

/** A field's new text, on the layer that has that field. */
function editLayer(layer: Layer, field: LayerField, value: string): Layer {
  const text = value.slice(0, FIELD_LENGTH[field]);
  if ((layer.kind === 'prompt' || layer.kind === 'giftCard') && field === 'input') return { ...layer, input: text };
  if (layer.kind === 'approval' && field !== 'input') return { ...layer, [field]: text };
  return layer;
}

export const error = (key: MessageKey, params?: Params): Message => ({ key, params, tone: 'error' });

export function selectedLine(s: SaleState) {
  return s.basket.lines.find((l) => l.lineId === s.selectedId) ?? s.basket.lines[s.basket.lines.length - 1] ?? null;
}

export function saleReducer(s: SaleState, e: SaleEvent): SaleState {
  switch (e.type) {
    case 'basket': {
      if (s.payment) return s; // the basket is frozen while taking payment
      const r = basketReducer(s.basket, e.action);
      if ('error' in r) return { ...s, message: { ...error(r.error), money: r.money } };
      const a = e.action;
      const selectedId = a.type === 'add' ? (r.basket.lines.at(-1)?.lineId ?? null) : a.type === 'void' ? null : 'lineId' in a ? a.lineId : s.selectedId;
      // A change made otherwise than asked (a book's discount cut to its cap) is said rather than the usual word.
      const message: Message | null = r.notice ? { ...r.notice, tone: 'info' } : (e.ok ?? null);
      return { ...s, basket: r.basket, selectedId, message, layer: { kind: 'entry' }, afterSale: [] };
    }
    case 'basketActions': {
      let next = s;
      for (const action of e.actions) {
        next = saleReducer(next, { type: 'basket', action });
        if (next.message?.tone === 'error') return { ...s, message: next.message };
      }
      return { ...next, message: e.ok ?? null };
    }
    case 'scan':
      return saleReducer(s, { type: 'basket', action: { type: 'add', item: e.item, qty: e.qty, merge: e.merge }, ok: { key: 'sale.added', params: { name: e.item.name }, tone: 'ok' } });
    case 'takeQty':
      return s.pendingQty === null ? s : { ...s, pendingQty: null };
    case 'select': {
      const lines = s.basket.lines;
      if (lines.length === 0) return s;
      const current = lines.findIndex((l) => l.lineId === selectedLine(s)?.lineId);
      const index = Math.min(lines.length - 1, Math.max(0, current + e.delta));
      return { ...s, selectedId: lines[index]!.lineId, message: null };
    }
    case 'pendingQty':
      return { ...s, pendingQty: e.qty, message: e.qty === null ? null : { key: 'sale.qtyPending', params: { qty: e.qty }, tone: 'info' } };
    // A message belongs to the action that caused it: opening or leaving a layer is the next one.
    case 'layer':
      return { ...s, layer: e.layer, message: null };
    case 'layerEdit':
      return { ...s, layer: editLayer(s.layer, e.field, e.value) };
    case 'approval.next':
      return s.layer.kind === 'approval' && s.layer.focus === 'code' && s.layer.code.trim() ? { ...s, layer: { ...s.layer, focus: 'pin' } } : s;
    case 'choose':
      if (s.layer.kind !== 'choices') return s;
      return { ...s, layer: { ...s.layer, index: Math.min(s.layer.items.length - 1, Math.max(0, s.layer.index + e.delta)) } };
    case 'message':
      return { ...s, message: e.message };
    case 'tender.open':
      if (s.basket.lines.length === 0) return { ...s, message: error('sale.empty') };
      return { ...s, payment: { totalCents: basketTotals(s.basket).totalCents, tenders: [] }, layer: { kind: 'entry' }, message: null };
    case 'tender.basket': {
      if (!s.payment || s.commit !== 'idle') return s;
      // Money taken was for the total as it stood: the cashier removes it before the total moves.
      if (s.payment.tenders.length > 0) return { ...s, message: error('tender.removeFirst') };
      const next = saleReducer({ ...s, payment: null }, { type: 'basket', action: e.action, ok: e.ok });
      if (next.message?.tone === 'error') return { ...s, message: next.message };
      return { ...next, payment: { totalCents: basketTotals(next.basket).totalCents, tenders: [] }, tenderLayer: null };
    }
    case 'tender.close':
      if (!s.payment || s.commit !== 'idle') return s;
      // Money already taken stays on the ticket until the cashier removes it, one by one.
      if (s.payment.tenders.length > 0) return { ...s, message: error('tender.removeFirst') };
      return { ...s, payment: null, tenderLayer: null, message: null };
    case 'tender.add': {
      if (!s.payment || s.commit !== 'idle') return s;
      const r = addTender(s.payment, e.kind, e.cents);
      if ('error' in r) return { ...s, message: { ...error(r.error), money: { due: Math.abs(remainingCents(s.payment)) } } };
      return { ...s, payment: r.payment, message: null };
    }
    case 'tender.remove':
      if (!s.payment || s.commit !== 'idle' || s.payment.tenders.length === 0) return s;
      return { ...s, payment: removeLastTender(s.payment), message: null };
    case 'tender.layer':
      return { ...s, tenderLayer: e.layer, message: null };
    case 'tender.layerEdit':
      return s.tenderLayer ? { ...s, tenderLayer: { ...s.tenderLayer, input: e.value.slice(0, TENDER_INPUT_LENGTH) } } : s;
    case 'tender.addFrom': {
      const layer = s.tenderLayer;
      if (!s.payment || s.commit !== 'idle' || layer?.kind !== 'source') return s;
      const source = e.taken ?? layer.found;
      const r = addTender(s.payment, layer.tender, e.cents ?? layer.defaultCents, { ref: source.ref, maxCents: layer.found.maxCents, data: source.data });
      if ('error' in r) return { ...s, message: { ...error(r.error), money: { due: Math.abs(remainingCents(s.payment)), available: layer.found.maxCents } } };
      return { ...s, payment: r.payment, tenderLayer: null, message: null };
    }
    case 'commit':
      return { ...s, commit: e.state };
    case 'committed': {
      const ticket = ticketLabel(e.sale.terminalCode, e.sale.ticketNo);
      const message: Message = e.sale.changeCents > 0
        ? { key: 'sale.doneChange', params: { ticket }, money: { change: e.sale.changeCents }, tone: 'ok' }
        : { key: 'sale.done', params: { ticket }, tone: 'ok' };
      return { ...initialSale(e.nextKey, s.basket.limits), lastSale: e.sale, message, afterSale: (e.notes ?? []).map((n) => ({ ...n, tone: 'info' as const })) };
    }
    case 'cancel':
      if (s.payment && s.payment.tenders.length > 0) return { ...s, message: error('tender.removeFirst') };
      return { ...initialSale(e.nextKey, s.basket.limits), lastSale: s.lastSale, message: { key: 'sale.cancelled', tone: 'info' } };
  }
}
