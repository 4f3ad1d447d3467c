import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSymbol, formatVoucherCode } from '../../domain/voucherCode';
import { useCli } from '../testCli';

const BORDEAUX = 'CAVE-001'; // 8,99 €

describe('pos voucher, pos report vouchers, pos api-key', () => {
  const { db, root, pos, posEnv } = useCli();
  const issue = async (...extra: string[]) => {
    const r = await pos('voucher', 'issue', '--amount', '20', '--manager', '2', '--json', ...extra);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(r.stdout).voucher as { code: string; code_display: string; balance_cents: number; expires_on: string };
  };

  it('issue: a manager issues a voucher; its slip is printed with the code three ways', async () => {
    const r = await pos('voucher', 'issue', '--amount', '12,50', '--manager', '2', '--origin', 'trade_in', '--note', 'vélo enfant', '--expires', '31/12/2030', '--json');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const { printed, voucher } = JSON.parse(r.stdout);
    expect(printed).toBe(true);
    expect(voucher).toMatchObject({ status: 'active', origin: 'trade_in', initial_cents: 1250, balance_cents: 1250, expires_on: '2030-12-31', store: 'M01', note: 'vélo enfant' });
    const paper = await readFile(join(root(), '.pos', 'receipts.txt'), 'utf8');
    expect(paper).toContain(voucher.code_display);
    expect(paper).toContain(`|| ${voucher.code} ||`);
    expect(paper).toContain(`[QR ${voucher.code}]`);
    expect(paper).toMatch(/Valable jusqu’au\s+31\/12\/2030/);
    const text = await pos('voucher', 'issue', '--amount', '5', '--manager', '2');
    expect(text.stdout).toMatch(/^Bon d’achat [2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2} émis : 5,00 €, valable jusqu’au \d\d\/\d\d\/\d{4}\n$/);
  });

  it('refuses bad input with exit 1 and one line on stderr, changing nothing', async () => {
    const before = await db().db('vouchers').count<{ n: string }[]>({ n: '*' });
    expect(await pos('voucher', 'issue', '--amount', '20', '--manager', '1')).toMatchObject({ code: 1, stdout: '', stderr: 'Camille n’est pas responsable : validation refusée\n' });
    expect(await pos('voucher', 'issue', '--amount', '0', '--manager', '2')).toMatchObject({ code: 1, stderr: 'Montant nul refusé\n' });
    expect(await pos('voucher', 'issue', '--amount', '-3', '--manager', '2')).toMatchObject({ code: 1, stderr: 'Montant négatif refusé\n' });
    expect(await pos('voucher', 'issue', '--amount', '3', '--manager', '2', '--expires', '2026-02-30')).toMatchObject({ code: 1, stderr: expect.stringContaining('Date invalide') });
    expect(await pos('voucher', 'issue', '--amount', '3', '--manager', '2', '--origin', 'gift')).toMatchObject({ code: 1, stderr: expect.stringContaining('Origine inconnue') });
    expect(await db().db('vouchers').count<{ n: string }[]>({ n: '*' })).toEqual(before);
    const v = await issue();
    const typo = v.code.slice(0, 13) + (v.code[13] === 'A' ? 'B' : 'A');
    expect(await pos('voucher', 'show', typo)).toMatchObject({ code: 1, stderr: `Code de bon d’achat mal saisi (caractère de contrôle faux) : « ${typo} »\n` });
    const unknown = 'MMMMMMMMMMMMM' + checkSymbol('MMMMMMMMMMMMM');
    expect(await pos('voucher', 'show', unknown)).toMatchObject({ code: 1, stderr: `Bon d’achat inconnu : ${formatVoucherCode(unknown)}\n` });
    expect(await pos('voucher', 'redeem', v.code, '--operator', '1', '--amount', '25', '--channel', 'web', '--order', 'CMD-1')).toMatchObject({ code: 1, stderr: `Le bon ${v.code_display} ne contient que 20,00 € : montant refusé\n` });
    expect(await pos('voucher', 'redeem', v.code, '--operator', '1', '--amount', '5', '--channel', 'mail', '--order', 'CMD-1')).toMatchObject({ code: 1, stderr: expect.stringContaining('Canal invalide') });
    expect(await pos('voucher', 'search', '--status', 'perdu')).toMatchObject({ code: 1, stderr: expect.stringContaining('Statut inconnu') });
    expect(await pos('report', 'vouchers', '--as-of', 'hier')).toMatchObject({ code: 1, stderr: expect.stringContaining('Date invalide') });
  });

  it('sale create --tender voucher:CODE:AMOUNT pays with it; show tells every use with its channel', async () => {
    const v = await issue();
    const sale = await pos('sale', 'create', '--operator', '1', '--line', BORDEAUX, '--tender', `voucher:${v.code_display}:5`, '--tender', 'cash:3,99', '--json');
    expect(sale).toMatchObject({ code: 0, stderr: '' });
    const ticket = JSON.parse(sale.stdout).sale.ticket;
    const paper = await readFile(join(root(), '.pos', 'receipts.txt'), 'utf8');
    expect(paper).toMatch(new RegExp(`Solde bon ${v.code_display}\\s+15,00 €`));
    const web = await pos('voucher', 'redeem', v.code, '--operator', '1', '--amount', '2,50', '--channel', 'web', '--order', 'CMD-77', '--key', 'order-77', '--json');
    expect(JSON.parse(web.stdout)).toMatchObject({ replayed: false, amount_cents: 250, balance_cents: 1250 });
    const again = await pos('voucher', 'redeem', v.code, '--operator', '1', '--amount', '2,50', '--channel', 'web', '--order', 'CMD-77', '--key', 'order-77');
    expect(again).toMatchObject({ code: 0, stdout: `Déjà enregistré sous cette clé, rien de plus n’a été pris : bon ${v.code_display}, 2,50 €, reste 12,50 €\n` });
    const shown = JSON.parse((await pos('voucher', 'show', v.code, '--json')).stdout);
    expect(shown).toMatchObject({ balance_cents: 1250, status: 'active' });
    expect(shown.movements.map((m: { kind: string; amount_cents: number; channel: string | null; ticket: string | null; order_ref: string | null }) => [m.kind, m.amount_cents, m.channel, m.ticket ?? m.order_ref])).toEqual([
      ['issue', 2000, null, null],
      ['use', -500, 'store', ticket],
      ['use', -250, 'web', 'CMD-77'],
    ]);
    const text = await pos('voucher', 'show', v.code);
    expect(text.stdout).toContain(`Bon d’achat ${v.code_display} · actif`);
    expect(text.stdout).toMatch(/Utilisation\s+-5,00 €\s+15,00 €\s+magasin · M01 · T01-\d{6}\n/);
    expect(text.stdout).toMatch(/Utilisation\s+-2,50 €\s+12,50 €\s+web · M01 · T01 · CMD-77/);
  });

  it('sale create: a refund paid out with --tender voucher:AMOUNT issues a voucher and says its code', async () => {
    const r = await pos('sale', 'create', '--operator', '1', '--line', `${BORDEAUX}:-1`, '--tender', 'voucher:8,99', '--key', 'refund-1', '--json');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const { sale, notes } = JSON.parse(r.stdout);
    const ref = sale.tenders[0].ref as string;
    expect(sale.tenders).toEqual([{ kind: 'voucher', amount_cents: -899, ref }]);
    expect(notes).toEqual([expect.stringMatching(new RegExp(`^Bon ${ref} émis : 8,99 €, valable jusqu’au \\d\\d/\\d\\d/\\d{4}$`))]);
    expect(JSON.parse((await pos('voucher', 'show', ref, '--json')).stdout)).toMatchObject({ origin: 'refund', balance_cents: 899, ticket: sale.ticket });
    // Sent again under its key: the same ticket, the same voucher, nothing new.
    const again = await pos('sale', 'create', '--operator', '1', '--line', `${BORDEAUX}:-1`, '--tender', 'voucher:8,99', '--key', 'refund-1');
    expect(again).toMatchObject({ code: 0, stdout: `Ticket ${sale.ticket} déjà enregistré sous cette clé : rien de nouveau n’a été enregistré\n` });
    expect(await db().db('vouchers').where('origin', 'refund')).toHaveLength(1);
  });

  it('search pages through; cancel by a manager; expire from cron; report vouchers as of a day', async () => {
    await db().db('customers').insert({ code: 'C-9', first_name: 'Zoé', last_name: 'Petit' });
    // Other tests of this file cancel vouchers too: this one counts its own.
    const cancelledBefore = JSON.parse((await pos('report', 'vouchers', '--json')).stdout).cancelled_cents as number;
    for (let i = 0; i < 3; i++) await issue('--customer', 'C-9');
    const page2 = JSON.parse((await pos('voucher', 'search', '--customer', 'petit', '--limit', '2', '--page', '2', '--json')).stdout);
    expect(page2).toMatchObject({ total: 3, page: 2, pages: 2, vouchers: [{ customer: { code: 'C-9', name: 'Petit Zoé' } }] });
    const text = await pos('voucher', 'search', '--customer', 'C-9', '--status', 'active');
    expect(text.stdout).toContain('Page 1/1 · 3 bons');
    const target = page2.vouchers[0].code;
    expect(await pos('voucher', 'cancel', target, '--manager', '1')).toMatchObject({ code: 1 });
    expect(await pos('voucher', 'cancel', target, '--manager', '2', '--reason', 'erreur')).toMatchObject({ code: 0, stdout: `Bon ${formatVoucherCode(target)} annulé\n` });
    expect(await pos('voucher', 'cancel', target, '--manager', '2')).toMatchObject({ code: 1, stderr: `Bon d’achat ${formatVoucherCode(target)} annulé\n` });
    expect(JSON.parse((await pos('voucher', 'search', '--customer', 'C-9', '--status', 'cancelled', '--json')).stdout).total).toBe(1);

    const expire = await pos('voucher', 'expire', '--operator', '1', '--json');
    expect(expire).toMatchObject({ code: 0 });
    expect(JSON.parse(expire.stdout)).toMatchObject({ expired: 0, total_cents: 0 });
    const report = JSON.parse((await pos('report', 'vouchers', '--json')).stdout);
    expect(report.issued_cents - report.used_cents - report.cancelled_cents - report.expired_cents - report.lapsed_cents).toBe(report.outstanding_cents);
    expect(report.cancelled_cents - cancelledBefore).toBe(2000);
    const old = JSON.parse((await pos('report', 'vouchers', '--as-of', '2020-01-01', '--json')).stdout);
    expect(old).toMatchObject({ as_of: '2020-01-01', outstanding_cents: 0, issued_cents: 0 });
    expect((await pos('report', 'vouchers')).stdout).toMatch(/Encours dû aux clients \(\d+ bon\(s\)\)\s+[\d ]+,\d\d €/);
  });

  it('api-key: create shows the key once and keeps its hash; list; revoke', async () => {
    const made = JSON.parse((await pos('api-key', 'create', '--operator', '2', 'eshop', '--json')).stdout);
    expect(made).toMatchObject({ name: 'eshop', store: 'M01', key: expect.stringMatching(/^pos_[A-Za-z0-9_-]{43}$/) });
    const [row] = await db().db('api_keys').where('name', 'eshop');
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(made.key);
    expect(await pos('api-key', 'create', '--operator', '2', 'eshop')).toMatchObject({ code: 1, stderr: 'Une clé nommée eshop existe déjà\n' });
    expect(await pos('api-key', 'create', '--operator', '2', 'shop two')).toMatchObject({ code: 1 });
    expect((await pos('api-key', 'list')).stdout).toMatch(/eshop\s+pos_\S+…\s+M01\s+active/);
    expect(await pos('api-key', 'revoke', '--operator', '2', 'eshop')).toMatchObject({ code: 0, stdout: 'Clé eshop révoquée\n' });
    expect(await pos('api-key', 'revoke', '--operator', '2', 'eshop')).toMatchObject({ code: 1, stderr: 'Aucune clé active nommée eshop\n' });
  });

  it("issue and cancel need the manager's PIN: a wrong one is refused with one line and writes nothing", async () => {
    const count = async (table: string) => Number((await db().db(table).count<{ n: string }[]>({ n: '*' }))[0]!.n);
    const before = { vouchers: await count('vouchers'), audit: await count('audit_log') };
    expect(await posEnv({ POS_MANAGER_PIN: '1234' }, 'voucher', 'issue', '--amount', '20', '--manager', '2')).toEqual({ code: 1, stdout: '', stderr: 'Code ou PIN incorrect\n' });
    // An unknown operator is told as a wrong code or PIN: codes cannot be probed.
    expect(await posEnv({ POS_PIN: '1234' }, 'voucher', 'issue', '--amount', '20', '--manager', '2', '--operator', '9')).toMatchObject({ code: 1, stderr: 'Code ou PIN incorrect\n' });
    expect(await posEnv({ POS_MANAGER_PIN: undefined }, 'voucher', 'issue', '--amount', '20', '--manager', '2')).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('POS_MANAGER_PIN') });
    // Nothing written but the log of the wrong PIN and of the unknown code.
    expect({ vouchers: await count('vouchers'), audit: await count('audit_log') }).toEqual({ ...before, audit: before.audit + 2 });
    expect(await db().db('audit_log').orderBy('id', 'desc').limit(2).pluck('action')).toEqual(['pin.unknownOperator', 'pin.failed']);

    // The cashier issues it, the manager approves it: both are on the voucher.
    const v = await issue('--operator', '1');
    expect(await db().db('vouchers').where('code', v.code).first('issued_by', 'approved_by')).toEqual({ issued_by: 1, approved_by: 2 });
    expect(await posEnv({ POS_MANAGER_PIN: '0000' }, 'voucher', 'cancel', v.code, '--manager', '2')).toEqual({ code: 1, stdout: '', stderr: 'Code ou PIN incorrect\n' });
    expect(await db().db('vouchers').where('code', v.code).first('status', 'balance_cents')).toEqual({ status: 'active', balance_cents: 2000 });
    expect(await db().db('voucher_movements as m').join('vouchers as v', 'v.id', 'm.voucher_id').where('v.code', v.code).pluck('m.kind')).toEqual(['issue']);
    expect(await pos('voucher', 'cancel', v.code, '--manager', '2')).toMatchObject({ code: 0, stdout: `Bon ${v.code_display} annulé\n` });
  });
});
