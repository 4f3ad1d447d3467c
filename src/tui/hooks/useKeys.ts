import { useStdin } from 'ink';
import { useLayoutEffect, useRef } from 'react';
import { decodeKeys, type KeyEvent } from '../keys';

/**
 * Calls `handler` for each key event while `active`. Only the topmost layer of the screen
 * is active, so a key is handled once.
 *
 * The subscription is a layout effect: it moves from one screen to the next in the same
 * commit that draws the new screen, so a scan arriving just after a screen change is never
 * handled by the screen that was left.
 */
export function useKeys(handler: (e: KeyEvent) => void, active = true): void {
  const { internal_eventEmitter: events, setRawMode, isRawModeSupported } = useStdin();
  const latest = useRef(handler);
  latest.current = handler;

  useLayoutEffect(() => {
    if (!active) return;
    if (isRawModeSupported) setRawMode(true);
    const onInput = (data: string) => {
      for (const e of decodeKeys(data)) latest.current(e);
    };
    events.on('input', onInput);
    return () => {
      events.off('input', onInput);
      if (isRawModeSupported) setRawMode(false);
    };
  }, [active, events, setRawMode, isRawModeSupported]);
}
