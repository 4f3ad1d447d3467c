import { useEffect, useMemo, useState } from 'react';
import type { CustomerDisplay } from '../../../drivers/display/display';
import { asDeviceError } from '../../../drivers/errors';
import type { DeviceHub } from '../../app/deviceHub';
import { displayRows } from '../../domain/customerDisplay';
import type { Lang } from '../../domain/money';
import type { SaleState } from '../state/saleState';
import { useLive } from './useLive';

/** How long the change stays on the customer's display before the welcome comes back. */
const AFTER_SALE_MS = 20_000;

/**
 * Keeps the customer display in step with the sale on screen: it is written only when its
 * rows change, and a display that fails is reported to the status bar (and written again
 * when it is back, by the device itself).
 */
export function useCustomerDisplay(state: SaleState, hub: DeviceHub, lang: Lang, storeName: string): void {
  const display: CustomerDisplay | null = hub.set.display;
  // The last ticket's change is shown for a while, then the welcome.
  const [lastSaleShown, setLastSaleShown] = useState(true);
  useEffect(() => {
    setLastSaleShown(true);
    const timer = setTimeout(() => setLastSaleShown(false), AFTER_SALE_MS);
    return () => clearTimeout(timer);
  }, [state.lastSale]);
  // Worked out only for a till that has a display, and once per change of what it shows
  // (a long basket's totals are not summed again at every frame).
  const lastSale = lastSaleShown ? state.lastSale : null;
  // The last item's stock, followed live, when the shop tells its customers (stock.showLowOnDisplay).
  const lastItem = state.basket.lines.at(-1)?.item;
  const { value: lowLeft } = useLive((l) => (l.showLowOnDisplay && lastItem && lastItem.stocked !== false ? l.lowLeft(lastItem.id) : null), null);
  const rows = useMemo(
    () => (display ? displayRows({ basket: state.basket, payment: state.payment, lastSale, storeName, lowLeft }, lang) : null),
    [display, state.basket, state.payment, lastSale, storeName, lang, lowLeft],
  );
  const key = rows?.join('\n') ?? '';
  useEffect(() => {
    if (!display || !rows) return;
    display.show(rows).then(
      () => hub.report('display', { ok: true }),
      (e: unknown) => hub.report('display', { ok: false, error: asDeviceError(e).code }),
    );
  }, [display, key]);
}
