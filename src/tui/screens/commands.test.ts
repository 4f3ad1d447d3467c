import { describe, expect, it } from 'vitest';
import { SCREEN_COMMANDS } from '../../config/schema';
import { saleCommands } from './SaleScreen';
import { tenderCommands } from './TenderScreen';

describe('the commands of each screen', () => {
  it('are those the configuration checks for keys bound twice', () => {
    // Each screen has commands to check (an empty list would pass the loops below).
    expect(saleCommands().length).toBeGreaterThan(10);
    expect(tenderCommands().length).toBeGreaterThan(4);
    for (const c of saleCommands()) expect(SCREEN_COMMANDS.sale).toContain(c);
    for (const c of tenderCommands()) expect(SCREEN_COMMANDS.payment).toContain(c);
  });
});
