// `pos logs`: a sale whose receipt did not print is in the log with its till, operator and key.
import { describe, expect, it } from 'vitest';
import { useCli } from '../testCli';

describe('pos logs', () => {
  const { posEnv } = useCli();

  it('shows the recent lines readably, each with the till, the operator and the sale', async () => {
    expect(await posEnv({}, 'logs')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Journal vide/) });
    const sold = await posEnv({ POS_DEVICES_PRINTER_URI: '/nonexistent/dir/lp0', POS_TERMINAL: 'T02' }, 'sale', 'create', '--operator', '1', '--line', '3760000000017', '--tender', 'cash:5', '--key', 'cle-du-test-1');
    expect(sold.code).toBe(0);
    const r = await posEnv({}, 'logs', '--level', 'warn');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d WARN  T02 op=1 sale=cle-du-test-1  receipt not printed — /m);
    const j = JSON.parse((await posEnv({}, '--json', 'logs', '--lines', '1')).stdout) as { lines: { till: string; operator: string; sale: string }[] };
    expect(j.lines).toEqual([expect.objectContaining({ till: 'T02', operator: '1', sale: 'cle-du-test-1' })]);
  }, 120_000);
});
