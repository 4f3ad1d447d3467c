import { describe, expect, it } from 'vitest';
import { fakeNetworkPrinter } from '../../../drivers/fakes/networkPrinter';
import { decodeEscPos } from '../../testing/escpos';
import { runCli, useCli } from '../testCli';

describe('pos loyalty slip', () => {
  const { db, root } = useCli();
  const pos = (env: Record<string, string>, ...args: string[]) => runCli(root(), { DATABASE_URL: db().url, ...env }, args);
  const jobCount = async () => Number((await db().db('print_jobs').count<{ n: string }[]>({ n: '*' }))[0]!.n);

  it('prints the customer’s slip on the configured printer (kept as a print job): card as CODE128, points, visits, the reward reached', async () => {
    const printer = await fakeNetworkPrinter();
    try {
      const env = { POS_DEVICES_PRINTER_URI: printer.uri };
      const r = await pos(env, 'loyalty', 'slip', 'fid-000001');
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(r.stdout).toMatch(new RegExp(`^Relevé de fidélité de .*Sophie.* imprimé sur ${printer.uri.replace(/[./]/g, '\\$&')}\n$`));
      const printed = await decodeEscPos(printer.bytes());
      expect(printed.barcodes).toEqual([{ type: 73, data: 'FID-000001' }]);
      expect(printed.unknown).toEqual([]);
      expect(printed.text).toContain('Épicerie du Centre');
      expect(printed.text).toContain('FIDÉLITÉ');
      expect(printed.text).toMatch(/Client +.*Sophie/);
      expect(printed.text).toMatch(/Carte +FID-000001/);
      expect(printed.text).toMatch(/Solde de points +230\n/);
      expect(printed.text).toMatch(/Passages +4\n/);
      // Too long for one row of 42: the label, then the reward on the right.
      expect(printed.text).toMatch(/Récompense disponible\n +10 € offerts \(10,00 € de remise\)\n/);
      expect(await db().db('print_jobs').orderBy('id', 'desc').first()).toMatchObject({ kind: 'slip', title: 'FID-000001', state: 'printed', attempts: 1, printer: printer.uri });
    } finally {
      await printer.close();
    }
  });

  it('a printer away: exit 1 naming the job, which `pos devices print` prints once the printer is back', async () => {
    const printer = await fakeNetworkPrinter();
    try {
      await printer.stop();
      const env = { POS_DEVICES_PRINTER_URI: printer.uri };
      const r = await pos(env, 'loyalty', 'slip', 'FID-000002', '--json');
      expect(r.code).toBe(1);
      const doc = JSON.parse(r.stdout);
      expect(doc).toMatchObject({ printed: false, error: 'refused', customer: { code: 'FID-000002' } });
      expect(r.stderr).toMatch(new RegExp(`^Relevé de fidélité de .*Hugo.* non imprimé \\(connexion refusée, .*\\) : « pos devices print ${doc.job} » pour l’imprimer\n$`));
      expect(await db().db('print_jobs').where('id', doc.job).first()).toMatchObject({ kind: 'slip', state: 'failed', last_error: 'refused' });

      await printer.start();
      expect(await pos(env, 'devices', 'print', String(doc.job))).toMatchObject({ code: 0, stderr: '' });
      const printed = await decodeEscPos(printer.bytes());
      expect(printed.barcodes).toEqual([{ type: 73, data: 'FID-000002' }]);
      expect(printed.text).toMatch(/Solde de points +40\n/);
    } finally {
      await printer.close();
    }
  });

  it('an unknown customer is refused with one line, and nothing is queued', async () => {
    const before = await jobCount();
    expect(await pos({}, 'loyalty', 'slip', 'FID-999999')).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^[^\n]*FID-999999[^\n]*\n$/) });
    expect(await pos({}, 'loyalty', 'slip')).toMatchObject({ code: 2 });
    expect(await jobCount()).toBe(before);
  });
});
