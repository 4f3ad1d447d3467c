import { describe, expect, it } from 'vitest';
import { useCli } from '../testCli';

// The shop's ceilings (config/default.json: 10 000 € a unit price, 50 000 € a line, 100 000 € a
// ticket, 5 000 € a voucher, 100 € paid ahead onto an account without confirming).
describe("the shop's ceilings on the command line", () => {
  const { db, pos } = useCli();
  const count = async (table: string) => Number((await db().db(table).count<{ n: string }[]>({ n: '*' }))[0]!.n);

  it('refuses a sale whose line or ticket is above its ceiling, and a voucher above its own, writing nothing', async () => {
    const sales = await count('sales');
    // 5 600 bottles of Bordeaux at 8,99 €: 50 344 €.
    expect(await pos('sale', 'create', '--operator', '1', '--line', 'CAVE-001:5600', '--tender', 'cash:50344')).toEqual({
      code: 1, stdout: '', stderr: 'Ligne refusée : plus de 50 000,00 €, le plafond (limits.lineTotalCents)\n',
    });
    // A thousand each of champagne, calvados, cognac and gin: 124 600 €, no line above 50 000 €.
    const four = ['CAVE-006', 'CAVE-012', 'CAVE-013', 'CAVE-016'].flatMap((sku) => ['--line', `${sku}:1000`]);
    expect((await pos('sale', 'create', '--operator', '1', ...four, '--tender', 'cash:124600')).stderr).toBe('Ticket refusé : plus de 100 000,00 €, le plafond (limits.ticketCents)\n');
    expect(await count('sales')).toBe(sales);
    const vouchers = await count('vouchers');
    expect(await pos('voucher', 'issue', '--amount', '5000,01', '--manager', '2')).toEqual({
      code: 1, stdout: '', stderr: 'Bon d’achat refusé : plus de 5 000,00 €, le plafond (limits.voucherCents)\n',
    });
    expect(await count('vouchers')).toBe(vouchers);
  });

  it('asks for --confirm before taking a payment onto an account far above what is owed', async () => {
    expect((await pos('customer', 'add', '--operator', '1', '--last-name', 'Roux', '--card', 'FID-500')).code).toBe(0);
    expect(await pos('account', 'pay', 'FID-500', '--operator', '1', '2500')).toEqual({
      code: 1, stdout: '', stderr: 'Règlement de 2 500,00 € pour 0,00 € dû (2 500,00 € d’avance) : ajoutez --confirm si c’est bien le montant\n',
    });
    expect(await count('account_movements')).toBe(0);
    // Paying ahead within the margin needs nothing.
    expect(JSON.parse((await pos('account', 'pay', 'FID-500', '--operator', '1', '100', '--json')).stdout)).toMatchObject({ balance_cents: 10000 });
    expect(JSON.parse((await pos('account', 'pay', 'FID-500', '--operator', '1', '2500', '--confirm', '--json')).stdout)).toMatchObject({ amount_cents: 250000, balance_cents: 260000 });
  });
});
