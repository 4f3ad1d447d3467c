import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeTill, openTill, type Till } from '../../app/till';
import { loadConfig } from '../../config/load';
import { formatGiftCardCode } from '../../domain/giftCardCode';
import { checkSymbol } from '../../domain/voucherCode';
import { preprintedNumber, sellGiftCard } from '../../testing/giftCards';
import { useCli } from '../testCli';

describe('pos giftcard', () => {
  const { db, root, pos } = useCli();
  async function withShop<T>(work: (till: Till) => Promise<T>): Promise<T> {
    const till = await openTill(loadConfig({ root: '/nonexistent', env: { DATABASE_URL: db().url } }));
    try {
      return await work(till);
    } finally {
      await closeTill(till);
    }
  }

  it('show: the balance, the last day and every movement, as text and --json; sale create --tender gift_card pays with it', async () => {
    const code = await withShop((till) => sellGiftCard(till, 30_00));
    const shown = formatGiftCardCode(code);
    const sale = await pos('sale', 'create', '--operator', '1', '--line', 'CAVE-001', '--tender', `gift_card:${shown}:5`, '--tender', 'cash:3,99', '--json');
    expect(sale).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(sale.stdout).notes).toEqual([`Carte ${shown} : reste 25,00 €`]);
    expect(await readFile(join(root(), '.pos', 'receipts.txt'), 'utf8')).toMatch(new RegExp(`Solde carte ${shown}\\s+25,00 €`));

    const text = await pos('giftcard', 'show', shown.toLowerCase());
    expect(text).toMatchObject({ code: 0, stderr: '' });
    const lines = text.stdout.split('\n');
    expect(lines[0]).toBe(`Carte cadeau ${shown} · active`);
    expect(lines[1]).toBe('Vendue 30,00 € · solde 25,00 €');
    expect(lines[2]).toMatch(/^Vendue le \d\d\/\d\d\/\d{4} \d\d:\d\d \(ticket T01-\d{6}\) · valable jusqu’au \d\d\/\d\d\/\d{4}$/);
    expect(lines[3]).toMatch(/Vente\s+30,00 €\s+30,00 €\s+magasin · M01 · T01-\d{6}$/);
    expect(lines[4]).toMatch(/Utilisation\s+-5,00 €\s+25,00 €\s+magasin · M01 · T01-\d{6}$/);
    const json = JSON.parse((await pos('giftcard', 'show', code, '--json')).stdout);
    expect(json).toMatchObject({ code, code_display: shown, kind: 'generated', status: 'active', initial_cents: 3000, balance_cents: 2500, store: 'M01' });
    expect(json.movements.map((m: { kind: string; amount_cents: number; channel: string }) => [m.kind, m.amount_cents, m.channel])).toEqual([['sold', 3000, 'store'], ['spent', -500, 'store']]);
    // In English too.
    expect((await pos('giftcard', 'show', code, '--lang', 'en')).stdout.split('\n')[0]).toBe(`Gift card ${shown} · active`);
  });

  it('refuses a typo, an unknown or unsold card and an amount above the balance, with exit 1 and one line', async () => {
    const code = await withShop((till) => sellGiftCard(till, 10_00));
    const typo = code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A');
    expect(await pos('giftcard', 'show', typo)).toEqual({ code: 1, stdout: '', stderr: `Code de carte cadeau mal saisi (caractère de contrôle faux) : « ${typo} »\n` });
    const stranger = 'MMMMMMMMMMMMMMM' + checkSymbol('MMMMMMMMMMMMMMM');
    expect(await pos('giftcard', 'show', stranger)).toEqual({ code: 1, stdout: '', stderr: `Carte cadeau inconnue : ${formatGiftCardCode(stranger)}\n` });
    const unsold = preprintedNumber();
    expect(await pos('giftcard', 'show', unsold)).toEqual({ code: 1, stdout: '', stderr: `Carte cadeau ${formatGiftCardCode(unsold)} jamais vendue : elle n’est pas active\n` });
    expect(await pos('giftcard', 'show', 'n’importe quoi')).toMatchObject({ code: 1, stderr: 'Code de carte cadeau invalide : « n’importe quoi »\n' });
    expect(await pos('sale', 'create', '--operator', '1', '--line', 'CAVE-001:2', '--tender', `gift_card:${code}:10,01`, '--tender', 'cash:7,97')).toMatchObject({ code: 1, stderr: expect.stringContaining('Montant supérieur au solde disponible (10,00 €)') });
    expect(await pos('giftcard', 'redeem', code, '--operator', '1', '--amount', '12', '--channel', 'web', '--order', 'CMD-9')).toMatchObject({ code: 1, stderr: `La carte ${formatGiftCardCode(code)} ne contient que 10,00 € : montant refusé\n` });
    expect(JSON.parse((await pos('giftcard', 'show', code, '--json')).stdout).balance_cents).toBe(1000);
  });

  it('cancel by a manager, then expire from cron: each once, written off in the ledger', async () => {
    const code = await withShop((till) => sellGiftCard(till, 15_00));
    expect(await pos('giftcard', 'cancel', code, '--manager', '1')).toMatchObject({ code: 1, stderr: 'Camille n’est pas responsable : validation refusée\n' });
    expect(await pos('giftcard', 'cancel', code, '--manager', '2', '--reason', 'volée')).toEqual({ code: 0, stderr: '', stdout: `Carte cadeau ${formatGiftCardCode(code)} annulée : 15,00 € passés en perte\n` });
    expect(await pos('giftcard', 'cancel', code, '--manager', '2')).toMatchObject({ code: 1, stderr: `Carte cadeau ${formatGiftCardCode(code)} annulée\n` });
    const old = await withShop((till) => sellGiftCard(till, 7_00));
    await db().owner.raw("UPDATE gift_cards SET created_at = now() - interval '2 years', expires_on = current_date - 400, expires_at = now() - interval '400 days' WHERE code = ?", [old]);
    const run = JSON.parse((await pos('giftcard', 'expire', '--operator', '1', '--json')).stdout);
    expect(run.cards).toContainEqual({ code: old, amount_cents: 700 });
    expect(await pos('giftcard', 'expire', '--operator', '1')).toEqual({ code: 0, stderr: '', stdout: '0 carte expirée : 0,00 € de solde passés en perte\n' });
    expect(JSON.parse((await pos('giftcard', 'show', old, '--json')).stdout)).toMatchObject({ status: 'expired', balance_cents: 0 });
  });
});
