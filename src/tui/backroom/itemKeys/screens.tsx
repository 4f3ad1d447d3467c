import type { BackroomScreen } from '../registry';
import { KeysScreen } from './KeysScreen';

/** The item keys of the sale screen: pages of the store or of one till, edited by a manager. */
export const itemKeysScreen: BackroomScreen = { id: 'itemKeys', title: 'keys.screen.menu', managerOnly: true, render: (props) => <KeysScreen {...props} /> };
