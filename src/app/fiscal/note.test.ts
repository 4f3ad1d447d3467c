// A note (pro forma) against real PostgreSQL: recorded and sealed in its till's chain of notes,
// never a ticket (no sale, no number taken), refused change, and `pos verify` naming a note
// changed behind the till's back.
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { noteBlocks, noteLabel } from '../../domain/noteDoc';
import { renderText } from '../../domain/receipt';
import { useTestDatabase } from '../../testing/db';
import { useTestTill } from '../../testing/till';
import { type Till } from '../till';
import { createNote } from './note';
import { verifyChains } from './verify';
import { breaksAfter } from '../../testing/tamper';

describe('notes (pro forma)', () => {
  const testDb = useTestDatabase();
  let till: Till;
  useTestTill(testDb, (t) => (till = t));

  const found = (damage: (trx: Knex.Transaction) => Promise<unknown>) => breaksAfter(testDb().owner, damage);

  it('records and seals a note of the basket, takes no ticket number, prints it as a note', async () => {
    const { db } = testDb();
    const before = await db('terminals').where({ id: till.terminal.id }).first('next_ticket_no');
    const sales = Number((await db('sales').count<{ n: string }[]>({ n: '*' }))[0]!.n);
    const note = await createNote(till, { operatorCode: '1', operatorPin: '1234', lines: [{ code: 'CAVE-001', qty: 2 }, { code: '3760000000017', qty: 3 }] });
    expect(note.totalCents).toBe(2 * 899 + 3 * 130);
    const second = await createNote(till, { operatorCode: '1', operatorPin: '1234', lines: [{ code: 'BOUL-006', qty: 1 }] });
    expect(second.noteNo).toBe(note.noteNo + 1);
    expect(await db('terminals').where({ id: till.terminal.id }).first('next_ticket_no')).toEqual(before);
    expect(Number((await db('sales').count<{ n: string }[]>({ n: '*' }))[0]!.n)).toBe(sales);
    const seal = await db('fiscal_seals').where({ chain: 'note', ref_id: note.id }).first();
    expect(seal).toMatchObject({ hash: note.seal, seq: note.noteNo });
    const text = renderText(noteBlocks(note, { lang: 'fr', timeZone: 'Europe/Paris', software: { name: 'pos-till', version: '0.1.0' } }), 42);
    expect(text).toContain('NOTE (PRO FORMA)');
    expect(text).toContain('NON PAYÉE');
    expect(text).toContain('Ce document n’est pas un ticket de caisse');
    expect(text).toContain(`Note ${noteLabel('T01', note.noteNo)}`);
    expect(text).toContain(`Sceau ${note.seal.slice(0, 10)}`);
    expect((await verifyChains(db)).breaks).toEqual([]);
  });

  it('refuses any change of a note, and names one changed behind the till’s back', async () => {
    const { db, owner } = testDb();
    const note = await createNote(till, { operatorCode: '1', operatorPin: '1234', lines: [{ code: 'EPIC-001', qty: 4 }] });
    await expect(db.raw('UPDATE pro_forma_notes SET total_cents = 1 WHERE id = ?', [note.id])).rejects.toThrow(/permission denied/);
    await expect(owner.raw('UPDATE pro_forma_notes SET total_cents = 1 WHERE id = ?', [note.id])).rejects.toThrow(/never changed/);
    const breaks = await found(async (trx) => {
      await trx.raw('ALTER TABLE pro_forma_notes DISABLE TRIGGER pro_forma_notes_frozen');
      await trx.raw('UPDATE pro_forma_notes SET total_cents = total_cents - 100 WHERE id = ?', [note.id]);
    });
    expect(breaks).toMatchObject([{ chain: 'note', kind: 'changed', ref: noteLabel('T01', note.noteNo), field: 'total', sealed: String(note.totalCents), found: String(note.totalCents - 100) }]);
  });
});
