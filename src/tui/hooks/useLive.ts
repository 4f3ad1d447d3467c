import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import { TillLive } from '../../app/events/tillLive';
import type { Till } from '../../app/till';

/** What the till follows live (stock figures, prices, codes blocked), for any screen that shows it. */
export const LiveContext = createContext<TillLive | null>(null);

const never = () => () => undefined;

/**
 * The till's live events, started once the till is open and closed with it (or when the till
 * changes); null until then.
 */
export function useTillLive(till: Till | null, log: { error(obj: object, msg: string): void }): TillLive | null {
  const [live, setLive] = useState<TillLive | null>(null);
  useEffect(() => {
    if (!till) return;
    const made = new TillLive(till, log);
    setLive(made);
    void made.start();
    return () => {
      setLive(null);
      void made.close();
    };
  }, [till]);
  return live;
}

/**
 * A value read from the live state, the component drawn again only when it changes: `read`
 * returns a string or a number (what the screen shows of it), never a new object.
 */
export function useLiveValue<T extends string | number | null>(live: TillLive | null, read: (live: TillLive) => T, none: T): T {
  return useSyncExternalStore(live?.subscribe ?? never, () => (live ? read(live) : none));
}

/** The live state of the screens' till (its context), with a value read from it as useLiveValue does. */
export function useLive<T extends string | number | null>(read: (live: TillLive) => T, none: T): { live: TillLive | null; value: T } {
  const live = useContext(LiveContext);
  return { live, value: useLiveValue(live, read, none) };
}
