import type { BackroomScreen } from '../registry';
import { TrainingScreen } from './TrainingScreen';

/** Training mode ("mode école") of this till: managers. */
export const trainingScreen: BackroomScreen = { id: 'training', title: 'training.screen.menu', managerOnly: true, render: (props) => <TrainingScreen {...props} /> };
