import type { BackroomScreen } from '../registry';
import { CouponsScreen } from './CouponsScreen';

/** Discount coupons in the back office: definitions, codes, uses (managers only: they set prices). */
export const couponScreen: BackroomScreen = { id: 'coupons', title: 'coupon.ui.title', managerOnly: true, render: (props) => <CouponsScreen {...props} /> };
