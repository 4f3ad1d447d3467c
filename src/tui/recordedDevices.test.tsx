// The devices recorded for a till (pos terminal edit, back office F6) are the till's own: a till
// whose printer is recorded prints there, not on the printer of its configuration file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeNetworkPrinter, type FakeNetworkPrinter } from '../../drivers/fakes/networkPrinter';
import { useTestDatabase } from '../testing/db';
import { decodeEscPos } from '../testing/escpos';
import { useTillScreens } from '../testing/tillScreen';
import { KEYS, testConfig } from '../testing/tui';
import { until } from '../testing/until';

const BAGUETTE = '3760000000017';

describe('a till with devices recorded for it, on screen', () => {
  const testDb = useTestDatabase();
  let configured: FakeNetworkPrinter;
  let recorded: FakeNetworkPrinter;
  beforeAll(async () => {
    configured = await fakeNetworkPrinter();
    recorded = await fakeNetworkPrinter();
  });
  afterAll(async () => {
    await configured.close();
    await recorded.close();
  });
  const start = useTillScreens();

  it('prints its receipt on the recorded printer, not on the configuration’s', async () => {
    await testDb().db('terminals').where('code', 'T01').update({ devices: JSON.stringify({ printer: recorded.uri }) });
    const s = start(testConfig(testDb().url, { POS_DEVICES_PRINTER_URI: configured.uri, POS_DEVICES_PRINTER_TIMEOUT_MS: '500', POS_DEVICES_POLL_MS: '200' }), { log: { error: () => undefined } });
    await s.signIn();
    await s.type(`${BAGUETTE}\r`);
    await s.frame((f) => f.includes('Baguette tradition'));
    await s.type(KEYS.f12);
    await s.type('20\r');
    await s.frame((f) => f.includes('RENDU MONNAIE'));
    await s.type('\r');
    await s.frame((f) => f.includes('enregistré'));
    await until(async () => (await decodeEscPos(recorded.bytes())).barcodes.length === 1, 'the receipt on the recorded printer');
    const printed = await decodeEscPos(recorded.bytes());
    expect(printed.text).toMatch(/Rendu +18,70 €/);
    // The drawer goes through the till's printer: the recorded one.
    expect(printed.drawer).toEqual([{ m: 0, t1: 25, t2: 250 }]);
    const elsewhere = await decodeEscPos(configured.bytes());
    expect(elsewhere.barcodes).toEqual([]);
    expect(elsewhere.drawer).toEqual([]);
    expect(elsewhere.text).not.toContain('Rendu');
    s.ui.unmount();
  });
});
