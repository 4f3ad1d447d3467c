import type { BackroomScreen } from '../registry';
import { UnlockScreen } from './UnlockScreen';

/** Lifting an operator's lock-out after too many wrong PINs: managers only. */
export const unlockScreen: BackroomScreen = { id: 'unlock', title: 'unlock.title', managerOnly: true, render: (props) => <UnlockScreen {...props} /> };
