import type { BackroomScreen } from '../registry';
import { StockScreen } from './StockScreen';

/** Stock in the back room: the items to reorder; goods received, a count, an adjustment. */
export const stockScreen: BackroomScreen = { id: 'stock', title: 'stock.screen.menu', render: (props) => <StockScreen {...props} /> };
