// The sale screen following the store live: a basket line of an item at or under its threshold
// says what is left and counts down as another till sells it; a coupon blocked and a price
// changed elsewhere are said on the basket at once; a lost listening connection is said on the
// status bar until it is back.
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { displayBytes } from '../../drivers/display/display';
import type { SerialLink } from '../../drivers/link/serial';
import { DeviceHub } from '../app/deviceHub';
import { buildDevices } from '../app/devices';
import { commitSale } from '../app/commitSale';
import { setStatus } from '../app/coupons/codes';
import { importItems, parseItemsCsv } from '../app/importItems';
import { countStock } from '../app/stock/book';
import { useTestDatabase } from '../testing/db';
import { saleRequest, terminal } from '../testing/fixtures';
import { useTillScreens } from '../testing/tillScreen';
import { KEYS, testConfig } from '../testing/tui';
import { until } from '../testing/until';

describe('the sale screen, live', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();

  const setFigure = (db: Knex, sku: string, qty: number) => countStock(db, { storeId: 1, terminalId: null, operatorId: 2 }, [{ line: 1, code: sku, qty: String(qty) }]);
  const sellOnT02 = async (db: Knex, sku: string) => commitSale(db, await saleRequest(db, { terminal: await terminal(db, 'T02'), lines: [[sku, 1]] }));

  it('says "plus que 4" on the croissant line, then "plus que 3" as the other till sells one, then "rupture"', async () => {
    const { db, url } = testDb();
    await setFigure(db, 'BOUL-006', 4);
    const s = start(testConfig(url));
    await s.signIn();
    await s.type('BOUL-006\r');
    expect(await s.frame((f) => f.includes('Croissant plus que 4'))).toMatch(/Croissant plus que 4\s+1\s+1,20 €\s+1,20 €/);
    await sellOnT02(db, 'BOUL-006');
    await s.frame((f) => f.includes('Croissant plus que 3'));
    for (let i = 0; i < 3; i++) await sellOnT02(db, 'BOUL-006');
    await s.frame((f) => f.includes('Croissant rupture'));
    // A delivery: above the threshold again, the line is a line.
    await setFigure(db, 'BOUL-006', 40);
    await s.frame((f) => /Croissant\s+1\s+1,20 €/.test(f));
  });

  it('warns after a sale that takes a figure below zero; refuses it before payment with stock.allowNegative off', async () => {
    const { db, url } = testDb();
    await setFigure(db, 'HYGI-022', 0);
    const s = start(testConfig(url));
    await s.signIn();
    await s.type('HYGI-022\r');
    await s.frame((f) => f.includes('Ampoule LED rupture'));
    await s.type(KEYS.f12);
    await s.frame((f) => f.includes('Reste à payer'));
    await s.type('\r');
    await s.frame((f) => f.includes('Réglé'));
    await s.type('\r');
    await s.frame((f) => f.includes('Stock négatif : Ampoule LED passe à -1'));

    await setFigure(db, 'HYGI-023', 0);
    const strict = start(testConfig(url, { POS_STOCK_ALLOW_NEGATIVE: 'false' }));
    await strict.signIn();
    await strict.type('HYGI-023\r');
    await strict.frame((f) => f.includes('Allumettes rupture'));
    await strict.type(KEYS.f12);
    await strict.frame((f) => f.includes('Stock insuffisant pour Allumettes : 0 en stock, vente refusée'));
  });

  it('says nothing of stock with stock.showLowOnLine off', async () => {
    const { db, url } = testDb();
    await setFigure(db, 'BOUL-007', 2);
    const s = start(testConfig(url, { POS_STOCK_SHOW_LOW_ON_LINE: 'false' }));
    await s.signIn();
    await s.type('BOUL-007\r');
    const frame = await s.frame((f) => f.includes('Pain au chocolat'));
    expect(frame).toMatch(/Pain au chocolat\s+1\s+1,35 €/);
  });

  it('tells the customer too, on the pole display, when the shop says so (stock.showLowOnDisplay)', async () => {
    const { db, url } = testDb();
    await setFigure(db, 'CAVE-006', 2);
    const writes: Buffer[] = [];
    const openSerial = async (): Promise<SerialLink> => ({
      canRead: false, write: async (d) => void writes.push(Buffer.from(d)), read: () => Promise.reject(new Error('no reads')), onData: () => undefined, onClose: () => undefined, close: async () => undefined,
    });
    const config = testConfig(url, { POS_DEVICES_DISPLAY_URI: 'serial:/dev/pos-display', POS_STOCK_SHOW_LOW_ON_DISPLAY: 'true' });
    const hub = new DeviceHub(buildDevices(config, { openSerial }), config.devices.pollMs);
    hub.start();
    try {
      const s = start(config, { devices: hub });
      await s.signIn();
      await s.type('CAVE-006\r');
      await until(() => writes.at(-1)?.equals(displayBytes(['Champagne brut 29,90', 'Plus que 2     29,90'])) ?? false, 'the display saying what is left');
      await sellOnT02(db, 'CAVE-006');
      await until(() => writes.at(-1)?.equals(displayBytes(['Champagne brut 29,90', 'Plus que 1     29,90'])) ?? false, 'the display counting down');
    } finally {
      await hub.stop();
    }
  });

  it('marks a coupon blocked by the back office, and a price changed since the line was scanned', async () => {
    const { db, url } = testDb();
    await setFigure(db, 'CAVE-001', 50);
    const s = start(testConfig(url));
    await s.signIn();
    await s.type('CAVE-001\r');
    await s.type('VINS10\r');
    await s.frame((f) => f.includes('Vins −10 %'));
    await setStatus(db, ['VINS10'], 'blocked');
    await s.frame((f) => /Vins −10 %.* bloqué/.test(f));
    const { barcode } = await db('items').where('sku', 'CAVE-001').first('barcode');
    await importItems(db, parseItemsCsv(`sku;barcode;name;price;vat;group\nCAVE-001;${barcode};Bordeaux rouge 75 cl;9,49;20;CAVE\n`), 'fr');
    expect(await s.frame((f) => f.includes('nouveau prix'))).toMatch(/Bordeaux rouge 75 cl nouveau prix 9,49 €\s+1\s+8,99 €/);
  });

  it('says on the status bar that its listening connection is lost, until it is back', async () => {
    const { db, url } = testDb();
    const s = start(testConfig(url));
    await s.signIn();
    // This file's database only: other test files (and other runs) share the server.
    const listener = () => db('pg_stat_activity').where('application_name', 'like', 'pos:%:listen').andWhereRaw('datname = current_database()').count({ n: '*' }).then((r) => Number(r[0]!.n));
    await until(async () => (await listener()) === 1, 'the till listening');
    const mark = s.ui.frames.length;
    await db.raw("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'pos:%:listen' AND datname = current_database()");
    // Any frame since: on a quick reconnection the lost state may be drawn over before the last frame is read.
    await until(() => s.ui.frames.slice(mark).some((f) => f.split('\n')[0]!.includes('base OK · direct coupé')), 'the status bar saying the live connection is lost');
    await s.frame((f) => !f.includes('direct coupé'));
    expect(await listener()).toBe(1);
  });
});
