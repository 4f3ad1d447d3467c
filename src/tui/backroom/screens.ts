// The back office's screens, in the menu's order. registry.ts holds only their interface, which
// each screen imports; the menu and the sale screen read this list (no import circle).
import { couponScreen } from './coupons/screens';
import { customerScreen } from './customers/screens';
import { loyaltyScreen } from './loyalty/screens';
import type { BackroomScreen } from './registry';
import { itemKeysScreen } from './itemKeys/screens';
import { reportsScreen } from './reports/screens';
import { stockScreen } from './stock/screens';
import { voucherScreens } from './vouchers/screens';
import { unlockScreen } from './operators/screens';
import { rejectedScreen } from './offline/screens';
import { closingsScreen } from './closings/screens';
import { placesScreen } from './places/screens';
import { doctorScreen } from './doctor/screens';
import { trainingScreen } from './training/screens';

export const BACKROOM_SCREENS: BackroomScreen[] = [...voucherScreens, couponScreen, customerScreen, stockScreen, itemKeysScreen, loyaltyScreen, reportsScreen, closingsScreen, trainingScreen, unlockScreen, rejectedScreen, placesScreen, doctorScreen];
