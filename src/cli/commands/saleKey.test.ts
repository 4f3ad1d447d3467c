// `pos sale create --key`: a key names one request, made on one till; a retry gets its ticket.
import { describe, expect, it } from 'vitest';
import { useCli } from '../testCli';

const BORDEAUX = 'CAVE-001'; // 8,99 € at 20 %

describe('pos sale create --key', () => {
  const { db, pos } = useCli();
  const sales = (key: string) => db().db('sales as s').join('terminals as t', 't.id', 's.terminal_id').where('s.idempotency_key', key).pluck('t.code');

  it('refuses a key another till used, and the same key with other tenders, another customer or another voucher; a true retry answers created: false with the first ticket', async () => {
    const issue = async () => JSON.parse((await pos('voucher', 'issue', '--amount', '5', '--manager', '2', '--json')).stdout).voucher.code as string;
    const [v1, v2] = [await issue(), await issue()];
    const sale = (...more: string[]) => ['sale', 'create', '--operator', '1', '--line', BORDEAUX, '--key', 'K1', ...more];
    const asked = sale('--customer', 'FID-000001', '--tender', `voucher:${v1}:5`, '--tender', 'cash:5');
    const first = await pos(...asked, '--json');
    expect(first).toMatchObject({ code: 0, stderr: '' });
    const made = JSON.parse(first.stdout);
    expect(made).toMatchObject({ created: true, sale: { terminal: 'T01' } });

    const refusal = { code: 1, stdout: '', stderr: 'La clé K1 a déjà servi pour une autre vente\n' };
    expect(await pos('--terminal', 'T02', ...asked, '--json')).toEqual(refusal);
    expect(await pos(...sale('--customer', 'FID-000001', '--tender', `voucher:${v1}:5`, '--tender', 'card:3.99'))).toEqual(refusal);
    expect(await pos(...sale('--customer', 'FID-000002', '--tender', `voucher:${v1}:5`, '--tender', 'cash:5'))).toEqual(refusal);
    expect(await pos(...sale('--tender', `voucher:${v1}:5`, '--tender', 'cash:5'))).toEqual(refusal);
    expect(await pos(...sale('--customer', 'FID-000001', '--tender', `voucher:${v2}:5`, '--tender', 'cash:5'))).toEqual(refusal);
    expect(await pos('--lang', 'en', '--terminal', 'T02', ...asked)).toMatchObject({ code: 1, stderr: 'Key K1 was already used for another sale\n' });

    const retry = await pos(...asked, '--json');
    expect(retry.code).toBe(0);
    expect(JSON.parse(retry.stdout)).toMatchObject({ created: false, printed: false, sale: { ticket: made.sale.ticket, key: 'K1', terminal: 'T01' } });
    expect(await sales('K1')).toEqual(['T01']);
    const balances = await db().db('vouchers').whereIn('code', [v1, v2].map((c) => c.replace(/-/g, ''))).orderBy('id').pluck('balance_cents');
    expect(balances).toEqual([0, 500]);
  });
});
