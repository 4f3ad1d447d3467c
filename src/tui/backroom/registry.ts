import type { ReactElement } from 'react';
import type { Operator } from '../../app/session';
import type { Till } from '../../app/till';
import type { MessageKey } from '../../i18n/messages';

export interface BackroomProps {
  till: Till;
  operator: Operator;
  width: number;
  height: number;
  /** Back to the menu. */
  onBack(): void;
}

/**
 * A back-office screen (customers, vouchers, coupons, reports…), reached from the till with
 * the `backroom` key. Features add theirs to BACKROOM_SCREENS; the menu lists them in order.
 */
export interface BackroomScreen {
  id: string;
  title: MessageKey;
  /** Who may open it; everyone when absent. */
  managerOnly?: boolean;
  render(props: BackroomProps): ReactElement;
}

export const BACKROOM_SCREENS: BackroomScreen[] = [];
