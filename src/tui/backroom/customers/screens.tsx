import type { BackroomScreen } from '../registry';
import { CustomersScreen } from './CustomersScreen';

/** Customers in the back office: search, records, cards, account payments and statements. */
export const customerScreen: BackroomScreen = { id: 'customers', title: 'backroom.customers', render: (props) => <CustomersScreen {...props} /> };
