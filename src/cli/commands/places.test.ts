// `pos store` and `pos terminal`: an admin makes and changes stores and tills (PIN, audit row),
// the store's SIRET and lines reach the receipt, and a retired till keeps its tickets and is
// refused a new one by the database.
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useCli } from '../testCli';

const BAGUETTE = '3760000000017';
const SLOW = 180_000;

describe('pos store and pos terminal', () => {
  const { db, pos, posEnv, root } = useCli();
  const lastAudit = async (action: string) =>
    (await db().db('audit_log').where('action', action).orderBy('id', 'desc').first('operator_id', 'approver_id', 'details')) as { operator_id: number; approver_id: number | null; details: Record<string, unknown> } | undefined;

  it('an admin makes a store with a checked SIRET and time zone; a manager is refused; bad input changes nothing', async () => {
    expect(await pos('store', 'add', 'M05', '--name', 'Épicerie du Port', '--siret', '123 456 789 00012', '--operator', '3')).toEqual({
      code: 1, stdout: '', stderr: 'SIRET invalide (123 456 789 00012) : 14 chiffres dont le dernier est la clé de contrôle (Luhn)\n',
    });
    expect(await pos('store', 'add', 'M05', '--name', 'Épicerie du Port', '--time-zone', 'Europe/Lyon', '--operator', '3')).toMatchObject({
      code: 1, stderr: 'Fuseau horaire inconnu (Europe/Lyon) : un nom IANA comme Europe/Paris\n',
    });
    expect(await pos('store', 'add', 'M05', '--name', 'Épicerie du Port', '--operator', '2')).toMatchObject({
      code: 1, stderr: 'Dominique n’est pas administrateur : ce changement demande un administrateur\n',
    });
    expect(await lastAudit('approval.refused')).toMatchObject({ details: { action: 'store.add', role: 'manager', via: 'cli' } });
    expect(await db().db('stores').where('code', 'M05').first()).toBeUndefined();

    const made = await pos('--json', 'store', 'add', 'm05', '--name', 'Épicerie du Port', '--address', '1 quai Rambaud', '--address', '69002 Lyon',
      '--siret', '732 829 320 00074', '--time-zone', 'Europe/Paris', '--header', 'Ouvert 7j/7', '--footer', 'À bientôt', '--operator', '3');
    expect(made).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(made.stdout)).toEqual({
      code: 'M05', name: 'Épicerie du Port', address: ['1 quai Rambaud', '69002 Lyon'], siret: '73282932000074', time_zone: 'Europe/Paris',
      receipt_header: ['Ouvert 7j/7'], receipt_footer: ['À bientôt'],
    });
    const alex = (await db().db('operators').where('code', '3').first('id')) as { id: number };
    expect(await lastAudit('store.add')).toMatchObject({ operator_id: alex.id, approver_id: alex.id, details: { store: 'M05', siret: '73282932000074', via: 'cli' } });
    expect(await pos('store', 'add', 'M05', '--name', 'Autre', '--operator', '3')).toMatchObject({ code: 1, stderr: 'Le magasin M05 existe déjà (pos store edit pour le changer)\n' });

    // What receipts print at their top: the address, the SIRET, the header lines.
    expect((await db().db('stores').where('code', 'M05').first('address')).address).toEqual(['1 quai Rambaud', '69002 Lyon', 'SIRET 732 829 320 00074', 'Ouvert 7j/7']);
    expect(await pos('store', 'edit', 'M05', '--siret', '', '--header', 'Livraison gratuite', '--operator', '3')).toMatchObject({ code: 0 });
    expect((await db().db('stores').where('code', 'M05').first('address')).address).toEqual(['1 quai Rambaud', '69002 Lyon', 'Livraison gratuite']);
    const list = await pos('store', 'list');
    expect(list.stdout).toContain('M05  Épicerie du Port\n  1 quai Rambaud\n  69002 Lyon\n  fuseau Europe/Paris\n  en-tête : Livraison gratuite\n  pied : À bientôt\n');
  }, SLOW);

  it('an admin makes a till with its devices, checked; it sells; retired, it keeps its tickets and the database refuses it a sale', async () => {
    expect(await pos('terminal', 'add', 'T07', '--store', 'M01', '--name', 'Caisse 7', '--printer', 'ftp://x', '--operator', '3')).toMatchObject({
      code: 1, stderr: 'Adresse de périphérique refusée pour printer : ftp://x\n',
    });
    expect(await pos('terminal', 'add', 'T07', '--store', 'M99', '--name', 'Caisse 7', '--operator', '3')).toMatchObject({ code: 1, stderr: 'Magasin inconnu : M99 (pos store list)\n' });
    const made = await pos('--json', 'terminal', 'add', 't07', '--store', 'M01', '--name', 'Caisse 7', '--printer', 'tcp://192.168.1.50:9100', '--drawer', 'printer', '--scanner', 'hid:0c2e:0b61', '--operator', '3');
    expect(made).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(made.stdout)).toEqual({
      code: 'T07', name: 'Caisse 7', store: 'M01', devices: { printer: 'tcp://192.168.1.50:9100', drawer: 'printer', scanners: ['hid:0c2e:0b61'] }, retired_at: null, tickets: 0,
    });
    expect(await pos('terminal', 'edit', 'T07', '--printer', '', '--name', 'Caisse sept', '--operator', '3')).toMatchObject({ code: 0 });
    expect((await pos('terminal', 'list')).stdout).toMatch(/T07 +Caisse sept +M01 +en service +0 +drawer=printer scanner=hid:0c2e:0b61\n/);

    const sell = () => posEnv({ POS_TERMINAL: 'T07' }, '--json', 'sale', 'create', '--operator', '1', '--line', BAGUETTE, '--tender', 'cash:5');
    expect(await sell()).toMatchObject({ code: 0, stderr: '' });
    // A till with tickets stays in its store.
    await pos('store', 'add', 'M06', '--name', 'Autre', '--operator', '3');
    expect(await pos('terminal', 'edit', 'T07', '--store', 'M06', '--operator', '3')).toMatchObject({ code: 1, stderr: expect.stringContaining('a des tickets dans son magasin') });

    expect(await pos('terminal', 'retire', 'T07', '--operator', '3')).toEqual({ code: 0, stdout: 'Caisse T07 retirée du service : ses 1 ticket(s) restent, elle ne vend plus\n', stderr: '' });
    expect(await lastAudit('terminal.retire')).toMatchObject({ details: { till: 'T07', via: 'cli' } });
    expect(await sell()).toMatchObject({ code: 1, stdout: '', stderr: 'Cette caisse est retirée du service : elle ne vend plus (ses tickets restent) ; utilisez une autre caisse\n' });
    const t07 = (await db().db('terminals').where('code', 'T07').first('id')) as { id: number };
    expect(await db().db('sales').where('terminal_id', t07.id).count<{ n: number }[]>({ n: '*' })).toEqual([{ n: 1 }]);
    // Retired for good, by the database too.
    expect(await pos('terminal', 'retire', 'T07', '--operator', '3')).toMatchObject({ code: 1, stderr: 'La caisse T07 est retirée du service : elle ne change plus\n' });
    await expect(db().db('terminals').where('code', 'T07').update({ retired_at: null })).rejects.toThrow(/retired for good/);
    expect((await pos('terminal', 'list')).stdout).not.toContain('T07');
    expect((await pos('terminal', 'list', '--all')).stdout).toMatch(/T07 +Caisse sept +M01 +retirée le \d{4}-\d\d-\d\d +1/);
  }, SLOW);

  it('prints the store’s SIRET and header lines at the top of its receipts, its footer at the foot, its time in the store’s zone', async () => {
    expect(await pos('store', 'edit', 'M01', '--header', 'Tél. 04 00 00 00 00', '--footer', 'À demain !', '--time-zone', 'Pacific/Kiritimati', '--operator', '3')).toMatchObject({ code: 0 });
    try {
      const sold = await posEnv({ POS_RECEIPT_OUTPUT: 'file' }, '--json', 'sale', 'create', '--operator', '1', '--line', BAGUETTE, '--tender', 'cash:5');
      expect(sold).toMatchObject({ code: 0 });
      const { created_at } = (await db().db('sales').orderBy('id', 'desc').first('created_at')) as { created_at: Date };
      const receipts = await readFile(join(root(), '.pos', 'receipts.txt'), 'utf8');
      const last = receipts.slice(receipts.lastIndexOf('Épicerie du Centre'));
      expect(last).toMatch(/12 rue de la République\n.*69002 Lyon\n.*SIRET 123 456 789 00015\n.*Tél\. 04 00 00 00 00\n/);
      const kiritimati = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Pacific/Kiritimati', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(created_at);
      expect(last).toContain(kiritimati);
      expect(last).toContain('À demain !');
      expect(last).not.toContain('Merci de votre visite');
    } finally {
      await pos('store', 'edit', 'M01', '--header', '', '--footer', '', '--time-zone', '', '--operator', '3');
    }
  }, SLOW);
});
