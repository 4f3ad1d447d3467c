import { createContext, useContext } from 'react';
import type { DeviceHub } from '../app/deviceHub';
import type { WedgeOptions } from './wedge';

export interface ScanContext {
  /** Serial and HID scanners (null in tests and where none is configured). */
  hub: DeviceHub | null;
  wedge: WedgeOptions;
  /** Keys and scans wait (the window is too small to show what they would do). */
  paused?: boolean;
  /** The till locked itself (idle): the screens under the lock hear nothing until it is lifted. */
  locked?: boolean;
}

const DEFAULT: ScanContext = { hub: null, wedge: { gapMs: 30, minLength: 8 } };

export const ScanContextValue = createContext<ScanContext>(DEFAULT);

export function useScanContext(): ScanContext {
  return useContext(ScanContextValue);
}
