import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSale } from '../app/createSale';
import { closeTill, openTill } from '../app/till';
import type { Config } from '../config/schema';
import { useTestDatabase } from '../testing/db';
import { ledgerMismatches } from '../testing/ledgers';
import { useTillScreens } from '../testing/tillScreen';
import { KEYS, testConfig } from '../testing/tui';

const CTRL_E = '\x05';
type Size = { columns: number; rows: number };

/** The frame fits the terminal (one row short, see App) and nothing in it is cut. */
function fits(frame: string, size: Size): string {
  // A long name ends with "…" in the basket's narrow name column (as in screenSize.test.tsx).
  const elided = frame.match(/\S[^\n]*?\(retour[^)\n]*…/g) ?? [];
  const lines = frame.split('\n');
  expect(lines.length, frame).toBeLessThanOrEqual(size.rows - 1);
  for (const line of lines) expect([...line].length, `${line}\n${frame}`).toBeLessThanOrEqual(size.columns);
  expect([...elided, 'Un instant…'].reduce((f, e) => f.replaceAll(e, ''), frame), 'nothing cut').not.toContain('…');
  return frame;
}

describe('Retour sur ticket on screen', () => {
  const testDb = useTestDatabase();
  const start = useTillScreens();

  /** A ticket of the Brasserie (5 % off): 3 bottles and 2 baguettes by bank card, one bottle already back; its label. */
  async function soldTicket(config: Config): Promise<string> {
    const till = await openTill(config);
    try {
      const { sale } = await createSale(till, { operatorCode: '1', operatorPin: '1234', key: randomUUID(), customerCode: 'FID-000003', lines: [{ code: 'CAVE-001', qty: 3 }, { code: '3760000000017', qty: 2 }], tenders: [{ kind: 'card', cents: 2809 }] }, { receipt: false });
      const label = `T01-${String(sale.ticketNo).padStart(6, '0')}`;
      await createSale(till, { operatorCode: '1', operatorPin: '1234', key: randomUUID(), lines: [], tenders: [], returns: [{ ticket: label, lineNo: 1, qty: 1 }] }, { receipt: false });
      return label;
    } finally {
      await closeTill(till);
    }
  }

  for (const size of [{ columns: 80, rows: 24 }, { columns: 60, rows: 20 }]) {
    it(`Ctrl+E: the ticket, its lines, the quantities picked, the basket, the refund by card, at ${size.columns}×${size.rows}`, async () => {
      const { db, url } = testDb();
      const config = testConfig(url, { POS_RECEIPT_OUTPUT: 'none' });
      const ticket = await soldTicket(config);
      const s = start(config, {}, size);
      const screen = (check: (f: string) => boolean) => s.frame(check).then((f) => fits(f, size));
      /** A text on the screen whole, maybe wrapped over lines. */
      const says = (text: string) => (f: string) => f.split('\n').map((l) => l.trim()).join(' ').includes(text);
      await s.signIn();

      await s.type(CTRL_E);
      await screen((f) => f.includes('Retour sur ticket') && f.includes('Ticket (scanner ou taper)'));
      // An unknown ticket is said, and nothing else happens; Esc goes back to the sale.
      await s.type('T01-999999\r');
      await screen(says('Ticket introuvable : T01-999999'));
      await s.type(KEYS.esc);
      await screen((f) => f.includes('TOTAL') && !f.includes('Ticket (scanner'));

      // The receipt's barcode (its label) scanned: the lines, what was sold and what came back.
      await s.type(CTRL_E);
      await screen((f) => f.includes('Ticket (scanner ou taper)'));
      await s.type(`${ticket}\r`);
      const lines = await screen((f) => f.includes(`Ticket ${ticket}`) && f.includes('Vendu'));
      expect(lines).toMatch(/1\. Bordeaux rouge 75 cl\s+·\s+3\s+1\s+25,62 €/);
      expect(lines).toMatch(/2\. Baguette tradition\s+·\s+2\s+0/);
      // Three more bottles: only two are left.
      await s.type('3');
      await screen(says(`Ligne 1 du ticket ${ticket} : 2 au plus peuvent encore revenir`));
      await s.type('2');
      await screen((f) => /1\. Bordeaux rouge 75 cl\s+-2\s+3\s+1/.test(f));
      await s.type(KEYS.down + '+');
      await screen((f) => /2\. Baguette tradition\s+-1\s+2\s+0/.test(f));
      await s.type('\r');
      // On the ticket as returns of that ticket, each credited what was paid for it.
      const basket = await screen((f) => f.includes('À REMBOURSER') && says('2 lignes rendues du ticket')(f));
      expect(basket).toMatch(size.columns === 80 ? `(retour ${ticket})` : /Bordeaux rouge 75 cl \(retour/);
      expect(basket).toMatch(/À REMBOURSER\s+18,32 €/);
      // A returned line is not changed, only voided.
      await s.type(KEYS.f3);
      await s.type('1\r');
      await screen(says('Ligne rendue sur ticket'));
      await s.type(KEYS.esc);

      // The payment screen proposes the refund the way the ticket was paid: by bank card.
      await s.type(KEYS.f12);
      await screen(says('Remboursement proposé : carte bancaire 18,32 €'));
      await s.type(KEYS.f3);
      await screen((f) => f.includes('Réglé'));
      await s.type('\r');
      await screen((f) => f.includes('enregistré'));
      await new Promise((r) => setTimeout(r, 100));
      const [refund] = await db('sales').orderBy('id', 'desc').limit(1);
      expect(refund.total_cents).toBe(-1832);
      expect(await db('sale_line_origins').where('sale_id', refund.id).orderBy('line_no').select('origin_line_no', 'qty')).toEqual([{ origin_line_no: 1, qty: 2 }, { origin_line_no: 2, qty: 1 }]);
      expect(await ledgerMismatches(db)).toEqual([]);
      s.ui.unmount();
    });
  }

  it('a return without its ticket, where the shop asks it, waits for a manager before the payment', async () => {
    const { db, url } = testDb();
    const s = start(testConfig(url, { POS_RECEIPT_OUTPUT: 'none', POS_RETURNS_WITHOUT_TICKET: 'manager' }));
    await s.signIn();
    await s.type('-1*3760000000062\r');
    await s.frame((f) => /Croissant\s+-1/.test(f));
    await s.type(KEYS.f12);
    await s.frame((f) => f.includes('Responsable (retour sans ticket)'));
    await s.type('1\r1234\r');
    await s.frame((f) => f.includes('Camille n’est pas responsable'));
    await s.type('2\r9999\r');
    await s.frame((f) => f.includes('Reste à rendre'));
    await s.type('\r');
    await s.frame((f) => f.includes('Réglé'));
    await s.type('\r');
    await s.frame((f) => f.includes('enregistré'));
    await new Promise((r) => setTimeout(r, 100));
    const [refund] = await db('sales').orderBy('id', 'desc').limit(1);
    expect(refund.total_cents).toBe(-120);
    expect(await db('audit_log').where({ sale_id: refund.id, action: 'return_approved' }).first()).toMatchObject({ approver_id: 2, operator_id: 1 });
    s.ui.unmount();
  });

  it('a refund paid out otherwise than its ticket was paid waits for a manager on the payment screen', async () => {
    const { db, url } = testDb();
    const config = testConfig(url, { POS_RECEIPT_OUTPUT: 'none' });
    const ticket = await soldTicket(config);
    const s = start(config);
    await s.signIn();
    await s.type(CTRL_E);
    await s.frame((f) => f.includes('Ticket (scanner ou taper)'));
    await s.type(`${ticket}\r`);
    await s.frame((f) => f.includes('Vendu'));
    await s.type(KEYS.down + '1\r');
    await s.frame((f) => /À REMBOURSER\s+1,24 €/.test(f));
    await s.type(KEYS.f12);
    await s.frame((f) => f.includes('Remboursement proposé : carte bancaire 1,24 €'));
    // In cash instead: the ticket is not saved until a manager approves.
    await s.type('\r');
    await s.frame((f) => f.includes('Réglé'));
    await s.type('\r');
    await s.frame((f) => f.includes('Responsable (remboursement)') && f.includes('code et PIN d’un responsable'));
    await s.type('1\r1234\r');
    await s.frame((f) => f.includes('Camille n’est pas responsable'));
    await s.type('2\r9999\r');
    await s.frame((f) => f.includes('enregistré'));
    await new Promise((r) => setTimeout(r, 100));
    const [refund] = await db('sales').orderBy('id', 'desc').limit(1);
    expect(await db('sale_tenders').where('sale_id', refund.id).select('kind', 'amount_cents')).toEqual([{ kind: 'cash', amount_cents: -124 }]);
    expect(await db('audit_log').where({ sale_id: refund.id, action: 'return_approved' }).first()).toMatchObject({ approver_id: 2 });
    s.ui.unmount();
  });
});
