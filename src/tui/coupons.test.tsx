import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { defineCoupon } from '../app/coupons/definitions';
import { generateCodes } from '../app/coupons/generate';
import { fields, saleWithCodes } from '../app/coupons/testFixtures';
import { commitSale } from '../app/commitSale';
import { useTestDatabase } from '../testing/db';
import { useTillScreens } from '../testing/tillScreen';
import { terminal } from '../testing/fixtures';
import { KEYS, testConfig } from '../testing/tui';

const BORDEAUX = '3760000000765'; // 8,99 €
const BAGUETTE = '3760000000017'; // 1,30 €
const F11 = '\x1b[23~';
const RIGHT = '\x1b[C';

describe('coupons on screen', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();

  /** −10 % on wines, made by the first test that needs it (the file's tests share a database, in any order). */
  async function cave10(db: Knex) {
    if (await db('coupon_definitions').where('symbol', 'CAVE10').first()) return;
    await defineCoupon(db, fields({ symbol: 'CAVE10', name: 'Cave −10 %', type: 'customer', items: '@CAVE', value: '10' }));
    await generateCodes(db, { symbol: 'CAVE10', status: 'active' }, '2026-11-22');
  }

  it('a code scanned on the sale screen: the discount on the basket, worked out again as the basket changes, then paid', async () => {
    const { db, url } = testDb();
    await cave10(db);
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn();

    // Before any wine: refused, with why, and nothing changes.
    await s.type(`${BAGUETTE}\r`);
    await s.frame((f) => f.includes('Baguette tradition'));
    await s.type('cave10\r');
    await s.frame((f) => f.includes('Bon CAVE10 non applicable : aucun article concerné sur le ticket'));

    await s.type(`${BORDEAUX}\r`);
    await s.frame((f) => f.includes('Bordeaux rouge'));
    await s.type('CAVE10\r');
    let f = await s.frame((x) => x.includes('Bon « Cave −10 % » appliqué : −0,90 €'));
    expect(f).toMatch(/Cave −10 %\s+-0,90 €/);
    expect(f).toMatch(/TOTAL\s+9,39 €/);

    // A second bottle: the discount follows.
    await s.type(`${BORDEAUX}\r`);
    f = await s.frame((x) => /Cave −10 %\s+-1,80 €/.test(x));
    expect(f).toMatch(/TOTAL\s+17,48 €/);
    // The wine voided: the coupon stays, with why it gives nothing.
    await s.type(KEYS.f4);
    f = await s.frame((x) => x.includes('CAVE10 : aucun article concerné sur le ticket'));
    expect(f).toMatch(/TOTAL\s+1,30 €/);
    expect(f).not.toContain('-1,80 €');
    // Back again, then paid: the use is logged with the ticket.
    await s.type(`${BORDEAUX}\r`);
    await s.frame((x) => /Cave −10 %\s+-0,90 €/.test(x));
    await s.type(KEYS.f12);
    await s.frame((x) => x.includes('Reste à payer'));
    await s.type('\r');
    await s.frame((x) => x.includes('Réglé'));
    await s.type('\r');
    await s.frame((x) => x.includes('enregistré'));
    const [sale] = await db('sales').orderBy('id', 'desc').limit(1);
    expect(sale.total_cents).toBe(130 + 899 - 90);
    expect(await db('coupon_uses').where('sale_id', sale.id).pluck('amount_cents')).toEqual([90]);
    s.ui.unmount();
  });

  it('the last use taken by another till before payment: said when the payment screen would open', async () => {
    const { db, url } = testDb();
    await defineCoupon(db, fields({ symbol: 'UNIQUE', name: 'Une seule fois', valueKind: 'amount', value: '2', limitScope: 'global', limit: '1' }));
    await generateCodes(db, { symbol: 'UNIQUE', status: 'active' }, '2026-11-22');
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn();
    await s.type(`${BORDEAUX}\r`);
    await s.type('UNIQUE\r');
    await s.frame((f) => f.includes('Bon « Une seule fois » appliqué : −2,00 €'));
    // The other till, T02, sells with the same code first.
    const other = await saleWithCodes(db, (await terminal(db, 'T02'))!, [[BAGUETTE, 1]], ['UNIQUE']);
    expect((await commitSale(db, other)).created).toBe(true);
    await s.type(KEYS.f12);
    const refused = await s.frame((f) => f.includes('Bon UNIQUE épuisé entre-temps (1 au total) : rescannez-le pour le retirer'));
    expect(refused).not.toContain('Reste à payer');
    await s.type('UNIQUE\r');
    await s.frame((f) => f.includes('Bon UNIQUE retiré du ticket') && /TOTAL\s+8,99 €/.test(f));
    await s.type(KEYS.f12);
    await s.frame((f) => f.includes('Reste à payer'));
    s.ui.unmount();
  });

  it('the last use taken by another till during payment: the sale is refused with why, the coupon taken off, the sale paid', async () => {
    const { db, url } = testDb();
    await defineCoupon(db, fields({ symbol: 'UNIQUE2', name: 'Une seule fois', valueKind: 'amount', value: '2', limitScope: 'global', limit: '1' }));
    await generateCodes(db, { symbol: 'UNIQUE2', status: 'active' }, '2026-11-22');
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn();
    await s.type(`${BORDEAUX}\r`);
    await s.type('UNIQUE2\r');
    await s.frame((f) => f.includes('Bon « Une seule fois » appliqué : −2,00 €'));
    await s.type(KEYS.f12);
    await s.frame((f) => f.includes('Reste à payer'));
    // While the customer pays, the other till, T02, sells with the same code first.
    const other = await saleWithCodes(db, (await terminal(db, 'T02'))!, [[BAGUETTE, 1]], ['UNIQUE2']);
    expect((await commitSale(db, other)).created).toBe(true);
    const salesBefore = await db('sales').count<{ n: string }[]>({ n: '*' });
    await s.type('\r');
    await s.frame((f) => f.includes('Réglé'));
    await s.type('\r');
    await s.frame((f) => f.includes('Bon UNIQUE2 épuisé entre-temps (1 au total) : rescannez-le pour le retirer'));
    expect(await db('sales').count<{ n: string }[]>({ n: '*' })).toEqual(salesBefore);
    // Take the cash back, go back to the basket, take the coupon off, pay the full price.
    await s.type(KEYS.f4);
    await s.type(KEYS.esc);
    await s.frame((f) => f.includes('Code, article ou quantité'));
    await s.type('UNIQUE2\r');
    await s.frame((f) => f.includes('Bon UNIQUE2 retiré du ticket') && /TOTAL\s+8,99 €/.test(f));
    await s.type(KEYS.f12);
    await s.frame((f) => f.includes('Reste à payer'));
    await s.type('\r');
    await s.type('\r');
    await s.frame((f) => f.includes('enregistré'));
    const [sale] = await db('sales').orderBy('id', 'desc').limit(1);
    expect(sale.total_cents).toBe(899);
    s.ui.unmount();
  });

  it('the same code again takes it off; a refusal rings the bell', async () => {
    const { db, url } = testDb();
    await cave10(db);
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn();
    await s.type(`${BORDEAUX}\r`);
    await s.frame((f) => f.includes('Bordeaux rouge'));
    await s.type('CAVE10\r');
    await s.frame((f) => f.includes('appliqué'));
    await s.type('CAVE10\r');
    const f = await s.frame((x) => x.includes('Bon CAVE10 retiré du ticket'));
    expect(f).toMatch(/TOTAL\s+8,99 €/);
    // Not a code of CAVE10 (CAVE10, CAVE101…) nor of any coupon, nor an item: said in one message.
    await s.type('CAVE99\r');
    await s.frame((x) => x.includes('« CAVE99 » : ni article, ni carte de fidélité, ni code promo connu'));
    await s.type('CAVE107\r');
    await s.frame((x) => x.includes('Code promo inconnu : CAVE107'));
    expect(s.bells()).toBe(2);
    s.ui.unmount();
  });

  /** The audit rows of `action` about `key` = `value` (the file's tests share a database). */
  const auditsOf = async (db: Knex, action: string, key: string, value: string) =>
    (await db('audit_log').where({ action }).orderBy('id').select('operator_id', 'approver_id', 'terminal_id', 'details')).filter((r: { details: Record<string, unknown> }) => r.details[key] === value);
  /** The manager signed in (code 2) on this till: who each change of the back room is written as. */
  const byManager = async (db: Knex) => {
    const manager = (await db('operators').where('code', '2').first('id')).id as number;
    return { operator_id: manager, approver_id: manager, terminal_id: (await terminal(db)).id };
  };

  it('the back room: a new coupon, its codes made, one blocked (manager only)', async () => {
    const { db, url } = testDb();
    const by = await byManager(db);
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn('2', '9999');
    await s.type(F11);
    const menu = await s.frame((f) => f.includes('Bons de réduction'));
    const digit = /(\d)\. Bons de réduction/.exec(menu)![1]!;
    await s.type(digit);
    // The list read (keys wait while the database answers): the demo's coupons are there.
    await s.frame((f) => f.includes('F2 nouveau') && f.includes('BONJOUR'));
    await s.type(KEYS.f2);
    await s.frame((f) => f.includes('Nouveau bon de réduction'));
    await s.type('ete\r');
    await s.type('Soldes d’été\r');
    await s.type(KEYS.f12);
    // The value is missing: said, and the form stays.
    await s.frame((f) => f.includes('Indiquez la remise'));
    expect(await auditsOf(db, 'coupon_define', 'symbol', 'ETE')).toEqual([]);
    // From the type: its nature, then the value.
    for (let i = 0; i < 2; i++) await s.type(KEYS.down);
    await s.type('15');
    await s.type(KEYS.f12);
    let f = await s.frame((x) => x.includes('Bon ETE enregistré'));
    expect(f).toMatch(/ETE\s+Soldes d’été\s+oui\s+—\s+—\s+15 %\n/);
    // The one just saved is selected: its type and schedule are said under the list.
    expect(f).toContain('Remise sur le ticket · Planning : non');
    expect(await db('coupon_definitions').where('symbol', 'ETE').first('name')).toEqual({ name: 'Soldes d’été' });
    expect(await auditsOf(db, 'coupon_define', 'symbol', 'ETE')).toEqual([{ ...by, details: expect.objectContaining({ symbol: 'ETE', via: 'till', fields: expect.objectContaining({ name: 'Soldes d’été', value: '15' }) }) }]);

    await s.type('\r');
    await s.frame((x) => x.includes('Codes du bon ETE') && x.includes('Aucun code'));
    await s.type(KEYS.f2);
    await s.frame((x) => x.includes('Créer des codes pour le bon ETE'));
    await s.type('\x7f2\r');
    for (let i = 0; i < 6; i++) await s.type(KEYS.down);
    await s.type(RIGHT);
    await s.type(KEYS.f12);
    f = await s.frame((x) => x.includes('2 codes créés') && x.includes('ETE1'));
    expect(f).toMatch(/ETE\s+—\s+—\s+actif/);
    expect(await auditsOf(db, 'coupon_codes_generate', 'symbol', 'ETE')).toEqual([{ ...by, details: expect.objectContaining({ symbol: 'ETE', created: 2, status: 'active', via: 'till' }) }]);
    await s.type(KEYS.f4);
    await s.frame((x) => x.includes('Bloquer le code ETE pour de bon'));
    await s.type('\r');
    f = await s.frame((x) => x.includes('Code ETE bloqué'));
    expect(f).toMatch(/ETE\s+—\s+—\s+bloqué/);
    expect(await db('coupon_codes').orderBy('id').pluck('status')).toEqual(expect.arrayContaining(['blocked', 'active']));
    expect(await auditsOf(db, 'coupon_codes_status', 'status', 'blocked')).toEqual([{ ...by, details: { status: 'blocked', codes: ['ETE'], changed: 1, via: 'till' } }]);
    await s.type(KEYS.esc);
    await s.frame((x) => x.includes('F2 nouveau'));
    await s.type(KEYS.esc);
    await s.type(KEYS.esc);
    await s.frame((x) => x.includes('TOTAL'));
    s.ui.unmount();
  });

  it('the back room shows and takes a coupon’s days as JJ/MM/AAAA; a day that does not exist is refused', async () => {
    const { db, url } = testDb();
    // Named to come first in the list (by name), before the demo's coupons.
    await defineCoupon(db, fields({ symbol: 'HIVER', name: 'Avent', value: '5', validUntil: '2026-12-31' }));
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn('2', '9999');
    await s.type(F11);
    const menu = await s.frame((f) => f.includes('Bons de réduction'));
    await s.type(/(\d)\. Bons de réduction/.exec(menu)![1]!);
    await s.frame((f) => /HIVER\s+Avent\s+oui\s+—\s+31\/12\/2026/.test(f));
    await s.type(KEYS.f3);
    await s.frame((f) => f.includes('Bon HIVER : modifier'));
    // Down to the days: the first is empty (its form said), the last shown as it is typed.
    for (let i = 0; i < 14; i++) await s.type(KEYS.down);
    const form = await s.frame((f) => /Valable jusqu’au\s+› 31\/12\/2026/.test(f));
    expect(form).toMatch(/Valable à partir du\s+› JJ\/MM\/AAAA/);
    for (let i = 0; i < 10; i++) await s.type('\x7f');
    await s.type('31/02/2027');
    await s.type(KEYS.f12);
    await s.frame((f) => f.includes('Date invalide : « 31/02/2027 »'));
    expect(await auditsOf(db, 'coupon_edit', 'symbol', 'HIVER')).toEqual([]);
    for (let i = 0; i < 10; i++) await s.type('\x7f');
    await s.type('28/02/2027');
    await s.type('\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D'); // the cursor moves; nothing changes
    await s.type(KEYS.f12);
    await s.frame((f) => f.includes('Bon HIVER enregistré') && /HIVER\s+Avent\s+oui\s+—\s+28\/02\/2027/.test(f));
    expect((await db('coupon_definitions').where('symbol', 'HIVER').first()).valid_until).toBeTruthy();
    expect(await auditsOf(db, 'coupon_edit', 'symbol', 'HIVER')).toEqual([{ ...(await byManager(db)), details: expect.objectContaining({ symbol: 'HIVER', via: 'till', fields: expect.objectContaining({ validUntil: '28/02/2027' }) }) }]);
    s.ui.unmount();
  });

  it('a cashier has no coupons in the back room', async () => {
    const { url } = testDb();
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none' }));
    await s.signIn();
    await s.type(F11);
    const menu = await s.frame((f) => f.includes('Gestion'));
    expect(menu).not.toContain('Bons de réduction');
    s.ui.unmount();
  });
});
