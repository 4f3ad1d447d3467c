import { useEffect, useState } from 'react';
import { tillKeyPages, type KeyPageRow } from '../../app/itemKeys/pages';
import type { SaleController } from '../hooks/useSale';
import { useLive } from '../hooks/useLive';

/**
 * The item key pages of the till, read when the grid opens and again at once when the back
 * office (here or on any till of the store) edits them: the `keys` live event.
 */
export function useKeyPages(sale: SaleController, open: boolean): readonly KeyPageRow[] | null {
  const { value: version } = useLive((l) => l.keysVersion, 0);
  const [pages, setPages] = useState<readonly KeyPageRow[] | null>(null);
  useEffect(() => {
    if (!open) return;
    sale.run(async (till) => setPages(await tillKeyPages(till.db, { storeId: till.terminal.storeId, terminalId: till.terminal.id })));
  }, [open, version]);
  return pages;
}
