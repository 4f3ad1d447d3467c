import type { BackroomScreen } from '../registry';
import { ReportsScreen } from './ReportsScreen';

/** The reports in the back office: sales with their chart, payments, what is owed, gift cards (managers only: the shop's figures). */
export const reportsScreen: BackroomScreen = { id: 'reports', title: 'report.screen.menu', managerOnly: true, render: (props) => <ReportsScreen {...props} /> };
