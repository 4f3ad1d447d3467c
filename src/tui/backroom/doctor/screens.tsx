import type { BackroomScreen } from '../registry';
import { DoctorScreen } from './DoctorScreen';

/** The till's check-up (`pos doctor`): managers and admins. */
export const doctorScreen: BackroomScreen = { id: 'doctor', title: 'doctor.menu', managerOnly: true, render: (props) => <DoctorScreen {...props} /> };
