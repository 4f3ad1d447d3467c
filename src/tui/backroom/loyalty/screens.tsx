import type { BackroomScreen } from '../registry';
import { LoyaltyScreen } from './LoyaltyScreen';

/** The loyalty program in the back office: settings, rewards, the items' points (managers only: they give money away). */
export const loyaltyScreen: BackroomScreen = { id: 'loyalty', title: 'backroom.loyalty', managerOnly: true, render: (props) => <LoyaltyScreen {...props} /> };
