import type { ReactElement } from 'react';
import type { Operator } from '../../app/session';
import type { Till } from '../../app/till';
import type { TillDevices } from '../../app/tillDevices';
import type { Command } from '../../config/schema';
import type { MessageKey } from '../../i18n/messages';

export interface BackroomProps {
  till: Till;
  operator: Operator;
  /** The till's devices: slips printed from the back office go through its print queue. */
  devices: TillDevices;
  width: number;
  height: number;
  /** Back to the menu. */
  onBack(): void;
}

/**
 * A back-office screen (customers, vouchers, coupons, reports…), reached from the till with
 * the `backroom` key. Features add theirs to BACKROOM_SCREENS (screens.ts); the menu lists them in order.
 */
export interface BackroomScreen {
  id: string;
  title: MessageKey;
  /** Who may open it; everyone when absent. */
  managerOnly?: boolean;
  /** Admins only (stores and tills). */
  adminOnly?: boolean;
  /** A key of the sale screen that opens it directly (Esc then goes back to the till). */
  command?: Command;
  render(props: BackroomProps): ReactElement;
}
