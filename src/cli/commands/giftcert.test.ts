import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { debitCertificate } from '../../app/giftcerts/debit';
import { giftcertProvider } from '../../app/giftcerts/providers';
import { certificate, FakeBigCommerce } from '../../app/giftcerts/testing/fakeBigCommerce';
import { loadContract } from '../../app/giftcerts/testing/openapi';
import { closeTill, openTill, type Till } from '../../app/till';
import { testConfig } from '../../testing/tui';
import { runCli, useCli } from '../testCli';

describe('pos giftcert show, pending, recredit; pos sale create --tender giftcert:#N', () => {
  const { db, root } = useCli();
  let fake: FakeBigCommerce;
  let till: Till;
  let nextId = 300;
  beforeAll(async () => {
    fake = new FakeBigCommerce(await loadContract());
    await fake.start();
    till = await openTill(testConfig(db().url, fake.env()));
  });
  afterAll(async () => {
    await closeTill(till);
    await fake.close();
  });

  const pos = (env: Record<string, string>, ...args: string[]) => runCli(root(), { DATABASE_URL: db().url, ...env }, args);
  const withStore = (...args: string[]) => pos(fake.env(), ...args);
  const newCert = (amount: string, balance = amount, extra = {}) => {
    const id = (nextId += 1);
    return fake.add(certificate(id, `GC7-K2P-${id}`, amount, balance, extra)) as { id: number; code: string };
  };
  /** A debit made at a till that stopped before its ticket. */
  async function orphan(amountCents: number) {
    const c = newCert('50.0000');
    const d = await debitCertificate(till.db, giftcertProvider(till.config)!, {
      certificateId: String(c.id), amountCents, saleKey: 'lost-basket', place: { storeId: till.terminal.storeId, terminalId: till.terminal.id, operatorId: 1 },
      currency: 'EUR', timeZone: 'Europe/Paris', timeoutMs: 3000,
    });
    return { c, useId: d.useId };
  }

  it('show: the balance as BigCommerce says, and the uses in store from our ledger', async () => {
    const c = newCert('100.0000', '37.5000', { expiry_date: '1798675200' });
    const text = await withStore('giftcert', 'show', c.code);
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout).toBe([
      `Chèque-cadeau BigCommerce …${c.code.slice(-4)} : actif`,
      'Valeur 100,00 € · solde 37,50 €',
      'Valable jusqu’au 31/12/2026',
      'Pour : Claire Martin',
      'En magasin (notre registre) : aucune utilisation',
      '',
    ].join('\n'));
    const json = JSON.parse((await withStore('giftcert', 'show', c.code, '--json')).stdout);
    expect(json).toEqual({
      provider: 'bigcommerce', id: String(c.id), code: `…${c.code.slice(-4)}`, status: 'active', amount_cents: 10000, balance_cents: 3750,
      expires_at: '2026-12-31T00:00:00.000Z', currency: 'EUR', to_name: 'Claire Martin', uses: [],
    });
    expect((await withStore('--lang', 'en', 'giftcert', 'show', c.code)).stdout).toContain('Value €100.00 · balance €37.50');
  });

  it('refuses with one line and exit 1: an unknown code, a wrong token (never printed), a till not configured', async () => {
    expect(await withStore('giftcert', 'show', 'NOPE-4321')).toEqual({ code: 1, stdout: '', stderr: 'Chèque-cadeau inconnu de BigCommerce : …4321\n' });
    const wrong = await pos(fake.env({ POS_GIFTCERTS_BIGCOMMERCE_ACCESS_TOKEN: 'tok-WRONG-zz81' }), 'giftcert', 'show', 'NOPE-4321');
    expect(wrong).toEqual({ code: 1, stdout: '', stderr: 'BigCommerce refuse le jeton d’API (HTTP 401) ; rien n’est débité\n' });
    expect(await pos({}, 'giftcert', 'show', 'ANY-CODE')).toMatchObject({ code: 1, stderr: 'Chèques-cadeaux web non configurés sur cette caisse (giftcerts.bigcommerce)\n' });
    // A bad setting names its key, never the token.
    const half = await pos({ POS_GIFTCERTS_BIGCOMMERCE_STORE_HASH: 'abc123' }, 'giftcert', 'pending');
    expect(half).toMatchObject({ code: 2, stderr: expect.stringContaining('giftcerts.bigcommerce') });
    const spaced = await pos(fake.env({ POS_GIFTCERTS_BIGCOMMERCE_ACCESS_TOKEN: 'tok SECRET bad' }), 'giftcert', 'pending');
    expect(spaced).toMatchObject({ code: 2, stderr: expect.stringContaining('giftcerts.bigcommerce.accessToken') });
    const log = join(root(), '.pos', 'logs', 'current.log');
    for (const out of [wrong, half, spaced, { stdout: existsSync(log) ? readFileSync(log, 'utf8') : '', stderr: '' }]) {
      expect(out.stdout + out.stderr).not.toMatch(/tok-WRONG|SECRET/);
    }
  });

  it('pending lists a debit left without a ticket; sale create attaches it by its number, whole, and it leaves the list', async () => {
    const { c, useId } = await orphan(899);
    const listed = await withStore('giftcert', 'pending');
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(listed.stdout).toMatch(new RegExp(`^#${useId}\\s+\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d\\s+M01 T01\\s+Camille\\s+…${c.code.slice(-4)}\\s+8,99 €\\s+débité, sans ticket$`, 'm'));
    expect(listed.stdout).toContain('pos giftcert recredit N --manager CODE (PIN dans POS_MANAGER_PIN)');
    expect(JSON.parse((await withStore('giftcert', 'pending', '--json')).stdout).uses).toContainEqual(expect.objectContaining({ use: useId, state: 'debited', amount_cents: 899, balance_after_cents: 4101, ticket: null }));
    expect(await withStore('sale', 'create', '--operator', '1', '--line', 'CAVE-001', '--tender', `giftcert:${c.code}:8,99`)).toMatchObject({ code: 1, stderr: expect.stringContaining('Chèque-cadeau web non débité') });
    const sale = await withStore('sale', 'create', '--operator', '1', '--line', 'CAVE-001', '--tender', `giftcert:#${useId}:8,99`, '--json');
    expect(sale).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(sale.stdout).sale.tenders).toEqual([expect.objectContaining({ kind: 'giftcert', amount_cents: 899 })]);
    expect((await withStore('giftcert', 'pending')).stdout).not.toContain(`#${useId} `);
    expect((await withStore('giftcert', 'show', c.code)).stdout).toMatch(new RegExp(`#${useId} .* payé T01-\\d{6}`));
  });

  it('recredit: a manager gives a debit on no ticket back to its certificate, once', async () => {
    const { c, useId } = await orphan(1250);
    expect(await withStore('giftcert', 'recredit', String(useId), '--manager', '1')).toMatchObject({ code: 1, stderr: 'Camille n’est pas responsable : validation refusée\n' });
    expect(fake.balance(c.id)).toBe('37.5000');
    const done = await withStore('giftcert', 'recredit', `#${useId}`, '--manager', '2');
    expect(done).toEqual({ code: 0, stderr: '', stdout: `Débit #${useId} rendu au chèque-cadeau …${c.code.slice(-4)} : 12,50 €, solde 50,00 €\n` });
    expect(fake.balance(c.id)).toBe('50.0000');
    expect(await withStore('giftcert', 'recredit', String(useId), '--manager', '2')).toMatchObject({ code: 1, stderr: `Débit #${useId} : déjà rendu au chèque-cadeau\n` });
    expect(await withStore('giftcert', 'recredit', 'abc', '--manager', '2')).toMatchObject({ code: 1, stderr: 'Numéro de débit invalide : « abc » (exemple : 17)\n' });
    const rows = await db().db('giftcert_uses').where('use_id', useId).orderBy('id').select('kind', 'reason', 'operator_id');
    expect(rows).toEqual([{ kind: 'debited', reason: null, operator_id: 1 }, { kind: 'recredit', reason: 'pending', operator_id: 2 }, { kind: 'recredited', reason: null, operator_id: 2 }]);
  });
});
