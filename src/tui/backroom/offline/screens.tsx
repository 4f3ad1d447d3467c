import type { BackroomScreen } from '../registry';
import { RejectedScreen } from './RejectedScreen';

/** Offline sales the database refused at replay: for everyone to see (the status line counts them), a manager to see to. */
export const rejectedScreen: BackroomScreen = { id: 'offlineRejected', title: 'offline.rejectedTitle', render: (props) => <RejectedScreen {...props} /> };
