import type { BackroomScreen } from '../registry';
import { ClosingsScreen } from './ClosingsScreen';

/** Closings (Z of the day, month, year) and the X report: managers only. */
export const closingsScreen: BackroomScreen = { id: 'closings', title: 'closing.screen.title', managerOnly: true, render: (props) => <ClosingsScreen {...props} /> };
