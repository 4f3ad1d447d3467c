import { describe, expect, it } from 'vitest';
import { createCustomer } from '../../../app/customers/manage';
import type { Operator } from '../../../app/session';
import { closeTill, openTill } from '../../../app/till';
import { cancelVoucher } from '../../../app/vouchers/cancel';
import { issueVoucher } from '../../../app/vouchers/issue';
import { redeemVoucher } from '../../../app/vouchers/redeem';
import { formatDay } from '../../../domain/day';
import { formatVoucherCode } from '../../../domain/voucherCode';
import { useTestDatabase } from '../../../testing/db';
import { useTillScreens } from '../../../testing/tillScreen';
import { KEYS, testConfig } from '../../../testing/tui';

const F11 = '\x1b[23~';
const PGDN = '\x1b[6~';
const MANAGER: Operator = { id: 2, code: '2', name: 'Dominique', role: 'manager' };

describe("a customer's vouchers in the back-office record", () => {
  const testDb = useTestDatabase();
  const screens = useTillScreens();

  it('lists every voucher with its status in French, balance, last day and each use, scrolling on an 80×24 screen', async () => {
    const { db, url } = testDb();
    const config = testConfig(url, { POS_RECEIPT_OUTPUT: 'none' });
    await createCustomer(db, { lastName: 'Vasseur', firstName: 'Lucie', card: 'FID-7001' }, { terminalId: null, operatorId: 2 });
    const till = await openTill(config);
    const issue = (euros: number) =>
      issueVoucher(till.db, config, { origin: 'trade_in', amountCents: euros * 100, customerCode: 'FID-7001', terminal: till.terminal, operatorId: 2, approver: MANAGER });
    const made = await (async () => {
      // Newest first on screen: the first ones issued are past the first page.
      const partly = await issue(20);
      const use = (amountCents: number, channel: 'web' | 'pickup', orderRef: string) =>
        redeemVoucher(till.db, { code: partly.code, amountCents, channel, orderRef, idempotencyKey: orderRef, storeId: till.terminal.storeId });
      await use(250, 'web', 'CMD-77');
      await use(100, 'pickup', 'CMD-78');
      const lapsed = await issue(7);
      const cancelled = await issue(4);
      await cancelVoucher(till.db, { code: cancelled.code, manager: MANAGER, terminal: till.terminal });
      for (let i = 0; i < 16; i++) await issue(1);
      return { partly, lapsed, cancelled };
    })().finally(() => closeTill(till));
    const { partly, lapsed, cancelled } = made;
    // Issued 400 days ago and past its last day, not yet marked by `pos voucher expire`: still "active" in the table.
    const [{ day: lapsedDay }] = await testDb().owner('vouchers').where('id', lapsed.id)
      .update({ created_at: db.raw("now() - interval '400 days'"), expires_on: db.raw('current_date - 2'), expires_at: db.raw("now() - interval '1 day'") })
      .returning(db.raw('expires_on::text AS day'));

    const s = screens(config, { bell: () => undefined });
    Object.defineProperty(s.ui.stdout, 'columns', { get: () => 80 });
    s.ui.stdout.emit('resize');
    await s.signIn('2', '9999');
    await s.type(F11);
    const menu = await s.frame((f) => f.includes('Clients'));
    await s.type(/(\d)\. Clients/.exec(menu)![1]!);
    await s.frame((f) => f.includes('Chercher (nom, téléphone, e-mail, carte)') && f.includes('page 1'));
    await s.type('vasseur');
    await s.type('\r');
    await s.frame((f) => f.includes('Vasseur Lucie') && !f.includes('Lambert Sophie'));
    await s.type('\r');
    // 19 vouchers, 16 of 1 € + 16,50 € left of 20 € are valid; the lapsed and the cancelled ones are not.
    const record = await s.frame((f) => f.includes('Vasseur Lucie · FID-7001'));
    expect(record).toContain('Bons d’achat : 19, dont 17 valables pour 32,50 € · F6 le détail');

    await s.type(KEYS.f6);
    const first = await s.frame((f) => f.includes('Bons d’achat de Vasseur Lucie : 19, dont 17 valables pour 32,50 €'));
    expect(first).toContain('lignes 1–18 sur 21');
    expect(first).toMatch(new RegExp(`${formatVoucherCode(cancelled.code)}\\s+annulé\\s+0,00 € / 4,00 €\\s+jusqu’au ${formatDay(cancelled.expiresOn)}`));
    expect(first).not.toContain('CMD-77');
    for (const line of first.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);

    await s.type(PGDN);
    const last = await s.frame((f) => f.includes('lignes 4–21 sur 21'));
    expect(last).toMatch(new RegExp(`${formatVoucherCode(partly.code)}\\s+actif\\s+16,50 € / 20,00 €\\s+jusqu’au ${formatDay(partly.expiresOn)}`));
    expect(last).toMatch(/\d\d\/\d\d\/\d{4} \d\d:\d\d\s+-2,50 €\s+17,50 €\s+web · M01 · CMD-77/);
    expect(last).toMatch(/\d\d\/\d\d\/\d{4} \d\d:\d\d\s+-1,00 €\s+16,50 €\s+retrait · M01 · CMD-78/);
    // The oldest, so the last line: past its last day, it is expired, not active.
    expect(last).toMatch(new RegExp(`${formatVoucherCode(lapsed.code)}\\s+expiré\\s+7,00 € / 7,00 €\\s+jusqu’au ${formatDay(lapsedDay)}\\s*\n`));
    expect(last.split('\n').length).toBeLessThanOrEqual(24);

    await s.type(KEYS.esc);
    await s.frame((f) => f.includes('F6 le détail'));
    s.ui.unmount();
  });
});
