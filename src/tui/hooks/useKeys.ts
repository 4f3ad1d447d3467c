import { useStdin } from 'ink';
import { useLayoutEffect, useRef } from 'react';
import { useScanContext } from '../devicesContext';
import { decodeKeys, type KeyEvent } from '../keys';
import { scanAsKeys, WedgeFilter } from '../wedge';

/**
 * A scanned code for the active screen. Returns false when the screen cannot take a scan now
 * (a form is open): a keyboard-wedge scan is then typed into it as a keyboard would, a serial
 * or HID scan is refused with a message by the screen itself.
 */
export type ScanHandler = (code: string, source: 'wedge' | 'device') => boolean;

/**
 * Calls `handler` for each key event while `active`. Only the topmost layer of the screen
 * is active, so a key is handled once.
 *
 * With `onScan`, the screen also takes scans: bursts of a keyboard-wedge scanner, told from
 * typing by timing (wedge.ts), and codes of serial and HID scanners (the device hub). Both
 * arrive the same way.
 *
 * The subscription is a layout effect: it moves from one screen to the next in the same
 * commit that draws the new screen, so a scan arriving just after a screen change is never
 * handled by the screen that was left.
 */
export function useKeys(handler: (e: KeyEvent) => void, active = true, onScan?: ScanHandler): void {
  const { internal_eventEmitter: events, setRawMode, isRawModeSupported } = useStdin();
  const { hub, wedge, paused: small = false, locked = false } = useScanContext();
  const paused = small || locked;
  const latest = useRef(handler);
  latest.current = handler;
  const latestScan = useRef(onScan);
  latestScan.current = onScan;
  const takesScans = onScan !== undefined;

  // Read at each key, not subscribed anew: the terminal stays in raw mode while keys wait.
  const pausedRef = useRef(paused);
  pausedRef.current = paused;

  useLayoutEffect(() => {
    if (!active) return;
    if (isRawModeSupported) setRawMode(true);
    const keys = (list: readonly KeyEvent[]) => {
      for (const e of list) latest.current(e);
    };
    const filter = takesScans ? new WedgeFilter(wedge) : null;
    let timer: NodeJS.Timeout | null = null;
    const onInput = (data: string) => {
      if (pausedRef.current) return;
      const decoded = decodeKeys(data);
      if (!filter) return keys(decoded);
      if (timer) clearTimeout(timer);
      timer = null;
      for (const out of filter.push(decoded, performance.now())) {
        if (out.kind === 'keys') keys(out.events);
        else if (!latestScan.current?.(out.code, 'wedge')) keys(scanAsKeys(out.code));
      }
      if (filter.holding) timer = setTimeout(() => keys(filter.flush()), wedge.gapMs + 1);
    };
    events.on('input', onInput);
    const release = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      if (filter?.holding) keys(filter.flush());
    };
    // What was typed before a device scan reaches the screen before it ("3*" then a scan).
    const offScan = takesScans && hub ? hub.onScan((code) => {
      if (pausedRef.current) return;
      release();
      latestScan.current?.(code, 'device');
    }) : null;
    return () => {
      events.off('input', onInput);
      offScan?.();
      release();
      if (isRawModeSupported) setRawMode(false);
    };
  }, [active, events, setRawMode, isRawModeSupported, takesScans, hub, wedge]);
}
