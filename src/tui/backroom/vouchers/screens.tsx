import type { BackroomScreen } from '../registry';
import { IssueVoucherScreen } from './IssueVoucherScreen';
import { VoucherScreen } from './VoucherScreen';

/** The vouchers' back-office screens: search and details; issuing one (also Ctrl+B at the till). */
export const voucherScreens: BackroomScreen[] = [
  { id: 'vouchers', title: 'voucher.screen.title', render: (props) => <VoucherScreen {...props} /> },
  { id: 'vouchers.issue', title: 'voucher.issue.title', command: 'issueVoucher', render: (props) => <IssueVoucherScreen {...props} /> },
];
