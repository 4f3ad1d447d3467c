import { describe, expect, it } from 'vitest';
import { fakeNetworkPrinter } from '../../../drivers/fakes/networkPrinter';
import { READY, STATUS_QUERY } from '../../../drivers/printer/status';
import { decodeEscPos } from '../../testing/escpos';
import { ptyPair } from '../../testing/socat';
import { needs } from '../../testing/tools';
import { openSerial } from '../../../drivers/link/serial';
import { displayBytes } from '../../../drivers/display/display';
import { mkdtempSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createSale } from '../../app/createSale';
import { closeTill, openTill } from '../../app/till';
import { loadConfig } from '../../config/load';
import { ticketLabel } from '../../domain/sale';
import { runCli, useCli } from '../testCli';

const socat = needs('socat', 'pos devices test scanner and display on a serial line');

describe('pos devices', () => {
  const { db, root } = useCli();
  const pos = (env: Record<string, string>, ...args: string[]) => runCli(root(), { DATABASE_URL: db().url, ...env }, args);

  it('lists the devices with their state, in text and JSON', async () => {
    const printer = await fakeNetworkPrinter();
    try {
      printer.status = { ...READY, paperLow: true };
      const env = { POS_DEVICES_PRINTER_URI: printer.uri, POS_DEVICES_SCANNERS_URIS: 'serial:/dev/pos-no-such-scanner', POS_DEVICES_POLL_MS: '200' };
      const text = await pos(env, 'devices');
      expect(text).toMatchObject({ code: 0, stderr: '' });
      expect(text.stdout).toMatch(new RegExp(`Imprimante +${printer.uri.replace(/[./]/g, '\\$&')} +papier bientôt fini`));
      expect(text.stdout).toMatch(/Lecteur +serial:\/dev\/pos-no-such-scanner\?baud=9600 +absent/);
      expect(text.stdout).toMatch(/Lecteur +clavier/);
      const json = JSON.parse((await pos(env, 'devices', '--json')).stdout);
      expect(json.devices).toEqual([
        { role: 'printer', address: printer.uri, ok: true, error: null, warning: 'paperLow' },
        { role: 'drawer', address: `printer (${printer.uri})`, ok: true, error: null, warning: 'paperLow' },
        { role: 'scanner', address: 'serial:/dev/pos-no-such-scanner?baud=9600', ok: false, error: 'missing', warning: null },
      ]);
      await printer.stop();
      const down = JSON.parse((await pos(env, '--lang', 'en', 'devices', '--json')).stdout);
      expect(down.devices[0]).toMatchObject({ ok: false, error: 'refused' });
    } finally {
      await printer.close();
    }
  });

  it('test printer: a test page with accents, CODE128, EAN-13 and QR; a printer away is exit 1 with the reason', async () => {
    const printer = await fakeNetworkPrinter();
    try {
      const env = { POS_DEVICES_PRINTER_URI: printer.uri };
      const r = await pos(env, 'devices', 'test', 'printer');
      expect(r).toMatchObject({ code: 0, stderr: '', stdout: `Page de test imprimée sur ${printer.uri}\n` });
      const printed = await decodeEscPos(printer.bytes());
      expect(printed.text).toContain('àâäéèêëîïôöùûüÿç ÀÉÈÇ € « »');
      expect(printed.barcodes).toEqual([{ type: 73, data: 'TEST-1234' }, { type: 67, data: '3760000000017' }]);
      expect(printed.qr[0]).toMatch(/^pos test T01 /);
      printer.status = { ...READY, coverOpen: true };
      const open = await pos(env, 'devices', 'test', 'printer');
      expect(open).toMatchObject({ code: 1, stderr: `Page de test non imprimée sur ${printer.uri} : capot ouvert\n` });
    } finally {
      await printer.close();
    }
  });

  it('test drawer: a manager and an audit line, or refused', async () => {
    const printer = await fakeNetworkPrinter();
    try {
      const env = { POS_DEVICES_PRINTER_URI: printer.uri };
      expect(await pos(env, 'devices', 'test', 'drawer')).toMatchObject({ code: 1, stderr: 'Ouvrir le tiroir demande un responsable : --manager CODE (PIN dans POS_MANAGER_PIN)\n' });
      expect(await pos(env, 'devices', 'test', 'drawer', '--manager', '1')).toMatchObject({ code: 1, stderr: 'Camille n’est pas responsable : validation refusée\n' });
      expect(await pos({ ...env, POS_MANAGER_PIN: '0000' }, 'devices', 'test', 'drawer', '--manager', '2')).toMatchObject({ code: 1 });
      expect((await decodeEscPos(printer.bytes())).drawer).toEqual([]);
      const ok = await pos(env, 'devices', 'test', 'drawer', '--manager', '2', '--json');
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout)).toMatchObject({ device: 'drawer', ok: true });
      expect((await decodeEscPos(printer.bytes())).drawer).toEqual([{ m: 0, t1: 25, t2: 250 }]);
      expect(await db().db('audit_log').where({ action: 'no_sale', approver_id: 2 })).toHaveLength(1);
    } finally {
      await printer.close();
    }
  });

  it('test with an unknown device, or a display not configured: exit 1, one line', async () => {
    expect(await pos({}, 'devices', 'test', 'toaster')).toMatchObject({ code: 1, stderr: 'Périphérique inconnu : toaster (printer, drawer, scanner, display)\n' });
    expect(await pos({}, 'devices', 'test', 'display')).toMatchObject({ code: 1, stderr: 'Afficheur : non configuré(e)\n' });
    expect(await pos({ POS_DEVICES_PRINTER_URI: 'bluetooth:aa' }, 'devices')).toMatchObject({ code: 2 });
  });

  it.skipIf(!socat)('test scanner: waits for a code from a serial scanner (socat pty pair); none in time is exit 1', async () => {
    const pair = await ptyPair();
    try {
      const env = { POS_DEVICES_SCANNERS_URIS: `serial:${pair.till}?baud=9600&end=cr` };
      const waiting = pos(env, 'devices', 'test', 'scanner', '--timeout', '5', '--json');
      const device = await openSerial(pair.device, 9600);
      // Scanned again until the command, a process of its own, has opened its end and read one.
      let answered = false;
      void waiting.then(() => (answered = true));
      while (!answered) {
        await device.write(Buffer.from('3760000000017\r'));
        await new Promise((next) => setTimeout(next, 200));
      }
      const r = await waiting;
      await device.close();
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ device: 'scanner', ok: true, code: '3760000000017', source: `serial:${pair.till}?baud=9600&end=cr` });
      expect(await pos(env, 'devices', 'test', 'scanner', '--timeout', '1')).toMatchObject({ code: 1, stderr: 'Aucun code lu en 1 s\n' });
    } finally {
      await pair.close();
    }
  });

  it.skipIf(!socat)('test display: writes the test rows to a serial display (socat pty pair); unplugged is exit 1 with the reason', async () => {
    const pair = await ptyPair();
    try {
      const device = await openSerial(pair.device, 9600);
      const expected = displayBytes(['PAGE DE TEST', '12345678901234567890']);
      let received = Buffer.alloc(0);
      const arrived = new Promise<void>((done) =>
        device.onData((d) => {
          received = Buffer.concat([received, d]);
          if (received.length >= expected.length) done();
        }),
      );
      const env = { POS_DEVICES_DISPLAY_URI: `serial:${pair.till}?baud=9600` };
      const r = await pos(env, 'devices', 'test', 'display');
      expect(r).toMatchObject({ code: 0, stderr: '', stdout: `Afficheur : texte de test écrit (serial:${pair.till}?baud=9600)\n` });
      await arrived;
      expect(received).toEqual(expected);
      await device.close();
      await pair.close();
      const gone = await pos(env, '--lang', 'en', 'devices', 'test', 'display');
      expect(gone).toMatchObject({ code: 1, stdout: '', stderr: `Display (serial:${pair.till}?baud=9600): missing\n` });
    } finally {
      await pair.close();
    }
  });

  it('test printer on a file: printer: the page is in the file, read back with npos', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pos-file-printer-')), 'printer.bin');
    const r = await pos({ POS_DEVICES_PRINTER_URI: `file:${file}` }, 'devices', 'test', 'printer');
    expect(r).toMatchObject({ code: 0, stderr: '', stdout: `Page de test imprimée sur ${file}\n` });
    const printed = await decodeEscPos(await readFile(file));
    expect(printed.text).toContain('PAGE DE TEST');
    expect(printed.barcodes).toEqual([{ type: 73, data: 'TEST-1234' }, { type: 67, data: '3760000000017' }]);
  });

  it('a printer (or print server) that never answers a status query: listed as taking jobs with its status unknown; a sale\'s receipt reaches it and is recorded printed, status unknown', async () => {
    const printer = await fakeNetworkPrinter();
    printer.mute = true;
    try {
      const env = { POS_DEVICES_PRINTER_URI: printer.uri, POS_DEVICES_PRINTER_TIMEOUT_MS: '300', POS_DEVICES_DRAWER_URI: '' };
      const list = await pos(env, 'devices');
      expect(list).toMatchObject({ code: 0, stderr: '' });
      expect(list.stdout).toMatch(/Imprimante +tcp:\S+ +reçoit les tickets, état inconnu : ne répond pas aux demandes d’état \(devices\.printer\.statusQueries à false pour ne plus les envoyer\)/);
      expect(JSON.parse((await pos(env, 'devices', '--json')).stdout).devices[0]).toEqual({ role: 'printer', address: printer.uri, ok: true, error: null, warning: 'statusUnknown' });

      printer.clear();
      const made = await pos(env, 'sale', 'create', '--operator', '1', '--line', '3760000000017', '--tender', 'card:1.30', '--json');
      expect(made).toMatchObject({ code: 0, stderr: '' });
      const { printed, sale } = JSON.parse(made.stdout);
      expect(printed).toBe(true);
      const [job] = printer.jobs();
      expect(job!.subarray(0, STATUS_QUERY.length)).toEqual(STATUS_QUERY);
      const paper = await decodeEscPos(job!.subarray(STATUS_QUERY.length));
      expect(paper.text).toContain('Baguette tradition');
      expect(paper.barcodes).toEqual([{ type: 73, data: sale.ticket }]);
      expect(await db().db('print_jobs').where('title', sale.ticket)).toMatchObject([{ state: 'printed', last_error: null, status_unknown: true }]);
      const jobs = await pos(env, 'devices', 'jobs', '--limit', '1');
      expect(jobs.stdout).toMatch(new RegExp(`${sale.ticket} +printed +état inconnu`));
      expect(JSON.parse((await pos(env, 'devices', 'jobs', '--limit', '1', '--json')).stdout).jobs[0]).toMatchObject({ title: sale.ticket, state: 'printed', error: null, status_unknown: true });
    } finally {
      await printer.close();
    }
  });

  it('status queries turned off for the printer (configuration): no DLE EOT is ever sent; the receipt alone goes out', async () => {
    const printer = await fakeNetworkPrinter();
    printer.mute = true;
    try {
      const file = join(root(), 'no-status.json');
      await writeFile(file, JSON.stringify({ devices: { printer: { uri: printer.uri, statusQueries: false } } }));
      const env = { POS_CONFIG: file };
      const json = JSON.parse((await pos(env, 'devices', '--json')).stdout);
      expect(json.devices[0]).toEqual({ role: 'printer', address: printer.uri, ok: true, error: null, warning: 'statusOff' });
      expect((await pos(env, '--lang', 'en', 'devices')).stdout).toMatch(/Printer +tcp:\S+ +takes jobs, status not asked \(devices\.printer\.statusQueries is false\)/);
      const made = JSON.parse((await pos(env, 'sale', 'create', '--operator', '1', '--line', '3760000000017', '--tender', 'card:1.30', '--json')).stdout);
      expect(made.printed).toBe(true);
      expect(printer.bytes().includes(Buffer.from([0x10, 0x04]))).toBe(false);
      expect((await decodeEscPos(printer.bytes())).barcodes).toEqual([{ type: 73, data: made.sale.ticket }]);
      expect(await db().db('print_jobs').where('title', made.sale.ticket)).toMatchObject([{ state: 'printed', status_unknown: true }]);
      const test = await pos(env, 'devices', 'test', 'printer', '--json');
      expect(JSON.parse(test.stdout)).toEqual({ device: 'printer', address: printer.uri, ok: true, status_unknown: true });
      expect(printer.bytes().includes(Buffer.from([0x10, 0x04]))).toBe(false);
    } finally {
      await printer.close();
    }
  });

  it('jobs: the latest print jobs and what became of them', async () => {
    const printer = await fakeNetworkPrinter();
    try {
      await printer.stop();
      const env = { POS_DEVICES_PRINTER_URI: printer.uri };
      const sale = await pos(env, 'sale', 'create', '--operator', '1', '--line', '3760000000017', '--tender', 'card:1.30', '--json');
      expect(sale.code).toBe(0);
      const { printed, sale: s } = JSON.parse(sale.stdout);
      expect(printed).toBe(false);
      const jobs = JSON.parse((await pos(env, 'devices', 'jobs', '--unprinted', '--json')).stdout).jobs;
      expect(jobs[0]).toMatchObject({ kind: 'receipt', title: s.ticket, state: 'failed', error: 'refused', attempts: 1 });
      expect(sale.stderr).toBe(`Ticket ${s.ticket} enregistré mais non imprimé (connexion refusée, connect ECONNREFUSED 127.0.0.1:${printer.port}) : « pos devices print ${jobs[0].id} » pour l’imprimer\n`);
    } finally {
      await printer.close();
    }
  });

  it('print: a job `sale create` could not print is sent again by its number, each attempt recorded; bad numbers change nothing', async () => {
    const printer = await fakeNetworkPrinter();
    try {
      await printer.stop();
      const env = { POS_DEVICES_PRINTER_URI: printer.uri };
      const { sale: s } = JSON.parse((await pos(env, 'sale', 'create', '--operator', '1', '--line', '3760000000062', '--tender', 'card:1.20', '--json')).stdout);
      const [job] = await db().db('print_jobs').where('title', s.ticket);
      expect(job).toMatchObject({ state: 'failed', attempts: 1 });
      const id = String(job.id);

      expect(await pos(env, 'devices', 'print')).toMatchObject({ code: 1, stdout: '', stderr: 'Quelle impression ? Son numéro (pos devices jobs) ou --unprinted\n' });
      expect(await pos(env, 'devices', 'print', id, '--unprinted')).toMatchObject({ code: 1, stderr: 'Quelle impression ? Son numéro (pos devices jobs) ou --unprinted\n' });
      expect(await pos(env, 'devices', 'print', 'abc')).toMatchObject({ code: 1, stdout: '' });
      expect(await pos(env, 'devices', 'print', id, '99999999')).toMatchObject({ code: 1, stderr: 'Impression n° 99999999 inconnue sur la caisse T01\n' });
      expect(await pos(env, '--terminal', 'T02', 'devices', 'print', id)).toMatchObject({ code: 1, stderr: `Impression n° ${id} inconnue sur la caisse T02\n` });
      expect(await db().db('print_jobs').where('id', job.id).first()).toMatchObject({ state: 'failed', attempts: 1 });

      // Still away: tried, recorded, exit 1 with the reason.
      const away = await pos(env, 'devices', 'print', id);
      expect(away).toMatchObject({ code: 1, stdout: '' });
      expect(away.stderr).toMatch(new RegExp(`^Impression n° ${id} \\(${s.ticket}\\) non imprimée sur tcp://127\\.0\\.0\\.1:${printer.port} : connexion refusée`));
      expect(await db().db('print_jobs').where('id', job.id).first()).toMatchObject({ state: 'failed', attempts: 2, last_error: 'refused' });

      await printer.start();
      const ok = await pos(env, 'devices', 'print', id);
      expect(ok).toMatchObject({ code: 0, stderr: '', stdout: `Impression n° ${id} (${s.ticket}) imprimée sur ${printer.uri}\n` });
      const printed = await decodeEscPos(printer.bytes());
      expect(printed.text).toContain('Croissant');
      expect(printed.text).not.toContain('DUPLICATA');
      expect(printed.barcodes).toEqual([{ type: 73, data: s.ticket }]);
      expect(await db().db('print_jobs').where('id', job.id).first()).toMatchObject({ state: 'printed', attempts: 3, last_error: null, printer: printer.uri });

      printer.clear();
      expect(await pos(env, 'devices', 'print', id)).toMatchObject({ code: 1, stderr: `Impression n° ${id} (${s.ticket}) déjà imprimée\n` });
      expect(printer.bytes().length).toBe(0);
    } finally {
      await printer.close();
    }
  });

  it('print: the receipt a sale still owes (its run died before printing it) is made from the sale and printed once', async () => {
    const printer = await fakeNetworkPrinter();
    try {
      const till = await openTill(loadConfig({ root: root(), env: { DATABASE_URL: db().url, POS_TERMINAL: 'T02' } }));
      let ticket: string;
      try {
        const { sale } = await createSale(till, { operatorCode: '1', operatorPin: '1234', lines: [{ code: '3760000000017', qty: 2 }], tenders: [{ kind: 'card', cents: 260 }], key: randomUUID() });
        ticket = ticketLabel(sale.terminalCode, sale.ticketNo);
      } finally {
        await closeTill(till);
      }
      const env = { POS_DEVICES_PRINTER_URI: printer.uri };
      const { jobs } = JSON.parse((await pos(env, '--terminal', 'T02', 'devices', 'jobs', '--unprinted', '--json')).stdout);
      // Other tests may leave jobs of their own on T02: this sale's is the one looked at.
      expect(jobs.filter((j: { title: string }) => j.title === ticket)).toMatchObject([{ title: ticket, kind: 'receipt', state: 'queued', attempts: 0 }]);
      const id = String(jobs[0].id);
      expect(await pos(env, '--terminal', 'T02', 'devices', 'print', id)).toMatchObject({ code: 0, stderr: '' });
      const printed = await decodeEscPos(printer.bytes());
      expect(printed.barcodes).toEqual([{ type: 73, data: ticket }]);
      expect(printed.text).toContain('Baguette tradition');
      expect(await pos(env, '--terminal', 'T02', 'devices', 'print', id)).toMatchObject({ code: 1, stderr: `Impression n° ${id} (${ticket}) déjà imprimée\n` });
    } finally {
      await printer.close();
    }
  });

  it('print --unprinted: every job of this till not printed, oldest first', async () => {
    const printer = await fakeNetworkPrinter();
    try {
      await printer.stop();
      const env = { POS_DEVICES_PRINTER_URI: printer.uri };
      const tickets: string[] = [];
      for (const [line, card] of [['3760000000017', '1.30'], ['3760000000260', '1.29']]) {
        tickets.push(JSON.parse((await pos(env, 'sale', 'create', '--operator', '1', '--line', line!, '--tender', `card:${card}`, '--json')).stdout).sale.ticket);
      }
      // With what other tests left unprinted on this till (not discarded), in the order they were made.
      const waiting: string[] = await db().db('print_jobs as j').join('terminals as t', 't.id', 'j.terminal_id').where('t.code', 'T01').whereIn('j.state', ['queued', 'failed']).orderBy('j.id').pluck('j.title');
      expect(waiting.slice(-2)).toEqual(tickets);
      await printer.start();
      const r = await pos(env, 'devices', 'print', '--unprinted', '--json');
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(r.stdout).jobs.map((j: { title: string; printed: boolean }) => [j.title, j.printed])).toEqual(waiting.map((t) => [t, true]));
      expect((await decodeEscPos(printer.bytes())).barcodes.map((b) => b.data)).toEqual(waiting);
      expect(await pos(env, 'devices', 'print', '--unprinted')).toMatchObject({ code: 0, stdout: 'Rien à imprimer sur la caisse T01\n' });
    } finally {
      await printer.close();
    }
  });

  it('discard: with a manager, a job is marked discarded with an audit line and is no longer listed, printed or offered; bad input changes nothing', async () => {
    const printer = await fakeNetworkPrinter();
    try {
      await printer.stop();
      const env = { POS_DEVICES_PRINTER_URI: printer.uri };
      // Nothing of this terminal waits, whatever other tests left: their jobs set aside first.
      expect(await pos(env, 'devices', 'discard', '--unprinted', '--manager', '2')).toMatchObject({ code: 0 });
      const tickets: string[] = [];
      for (const [line, card] of [['3760000000017', '1.30'], ['3760000000062', '1.20']]) {
        tickets.push(JSON.parse((await pos(env, 'sale', 'create', '--operator', '1', '--line', line!, '--tender', `card:${card}`, '--json')).stdout).sale.ticket);
      }
      const [left, kept] = await db().db('print_jobs').whereIn('title', tickets).orderBy('id');
      expect([left, kept]).toMatchObject([{ state: 'failed', title: tickets[0] }, { state: 'failed', title: tickets[1] }]);
      const id = String(left.id);
      const discards = (jobIds: number[]) => db().db('audit_log').where('action', 'print_job_discarded').whereRaw("(details->>'job_id')::bigint = ANY(?)", [jobIds]);
      const unchanged = async () => {
        expect(await db().db('print_jobs').where('id', left.id).first()).toMatchObject({ state: 'failed', attempts: 1 });
        expect(await discards([left.id])).toEqual([]);
      };

      expect(await pos(env, 'devices', 'discard', '--manager', '2')).toMatchObject({ code: 1, stdout: '', stderr: 'Quelle impression ? Son numéro (pos devices jobs) ou --unprinted\n' });
      expect(await pos(env, 'devices', 'discard', id)).toMatchObject({ code: 1, stdout: '', stderr: 'Abandonner une impression demande un responsable : --manager CODE (PIN dans POS_MANAGER_PIN)\n' });
      expect(await pos({ ...env, POS_MANAGER_PIN: '0000' }, 'devices', 'discard', id, '--manager', '2')).toMatchObject({ code: 1, stdout: '', stderr: 'Code ou PIN incorrect\n' });
      expect(await pos(env, 'devices', 'discard', id, '--manager', '1')).toMatchObject({ code: 1, stdout: '', stderr: 'Camille n’est pas responsable : validation refusée\n' });
      expect(await pos(env, 'devices', 'discard', id, '99999999', '--manager', '2')).toMatchObject({ code: 1, stdout: '', stderr: 'Impression n° 99999999 inconnue sur la caisse T01\n' });
      expect(await pos(env, '--terminal', 'T02', 'devices', 'discard', id, '--manager', '2')).toMatchObject({ code: 1, stderr: `Impression n° ${id} inconnue sur la caisse T02\n` });
      await unchanged();

      const r = await pos(env, 'devices', 'discard', id, '--manager', '2', '--reason', 'client parti', '--json');
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(r.stdout)).toEqual({ terminal: 'T01', jobs: [{ id: left.id, kind: 'receipt', title: tickets[0], state: 'discarded' }] });
      expect(await db().db('print_jobs').where('id', left.id).first()).toMatchObject({ state: 'discarded', attempts: 1, printed_at: null });
      expect(await discards([left.id])).toMatchObject([
        { operator_id: 2, approver_id: 2, sale_id: left.sale_id, details: { job_id: left.id, title: tickets[0], kind: 'receipt', was: 'failed', reason: 'client parti' } },
      ]);

      // Once is enough; a discarded job is not printed, even by its number.
      expect(await pos(env, 'devices', 'discard', id, '--manager', '2')).toMatchObject({ code: 1, stderr: `Impression n° ${id} (${tickets[0]}) déjà abandonnée\n` });
      expect(await pos(env, '--lang', 'en', 'devices', 'print', id)).toMatchObject({ code: 1, stderr: `Print job ${id} (${tickets[0]}) was discarded\n` });
      const listed = JSON.parse((await pos(env, 'devices', 'jobs', '--unprinted', '--json')).stdout).jobs;
      expect(listed.map((j: { title: string }) => j.title)).toEqual([tickets[1]]);
      await printer.start();
      const all = await pos(env, 'devices', 'print', '--unprinted', '--json');
      expect(all).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(all.stdout).jobs.map((j: { title: string }) => j.title)).toEqual([tickets[1]]);
      expect((await decodeEscPos(printer.bytes())).barcodes.map((b) => b.data)).toEqual([tickets[1]]);
      expect(await db().db('print_jobs').where('id', left.id).first()).toMatchObject({ state: 'discarded', attempts: 1 });

      // A job printed is not discarded.
      expect(await pos(env, 'devices', 'discard', String(kept.id), '--manager', '2')).toMatchObject({ code: 1, stderr: `Impression n° ${kept.id} (${tickets[1]}) déjà imprimée\n` });
      expect(await db().db('print_jobs').where('id', kept.id).first()).toMatchObject({ state: 'printed' });
      expect(await discards([left.id, kept.id])).toHaveLength(1);
    } finally {
      await printer.close();
    }
  });

  it('discard --unprinted: every job of this terminal not printed, none of another terminal\'s', async () => {
    const printer = await fakeNetworkPrinter();
    try {
      await printer.stop();
      const env = { POS_DEVICES_PRINTER_URI: printer.uri };
      const sell = async (...terminal: string[]) => JSON.parse((await pos(env, ...terminal, 'sale', 'create', '--operator', '1', '--line', '3760000000017', '--tender', 'card:1.30', '--json')).stdout).sale.ticket as string;
      // What other tests left waiting on this terminal is set aside first: the jobs below are the only ones.
      expect(await pos(env, 'devices', 'discard', '--unprinted', '--manager', '2')).toMatchObject({ code: 0 });
      const mine = [await sell(), await sell()];
      const other = await sell('--terminal', 'T02');
      const ids = await db().db('print_jobs').whereIn('title', mine).orderBy('id').pluck('id');

      const r = await pos(env, 'devices', 'discard', '--unprinted', '--manager', '2');
      expect(r).toMatchObject({ code: 0, stderr: '', stdout: ids.map((id, i) => `Impression n° ${id} (${mine[i]}) abandonnée\n`).join('') });
      expect(await db().db('print_jobs').whereIn('title', [...mine, other]).orderBy('id').pluck('state')).toEqual(['discarded', 'discarded', 'failed']);
      expect((await db().db('audit_log').where('action', 'print_job_discarded').pluck('details')).map((d: { job_id: number }) => d.job_id).filter((j: number) => ids.includes(j))).toEqual(ids);
      expect(await pos(env, 'devices', 'discard', '--unprinted', '--manager', '2', '--json')).toMatchObject({ code: 0, stdout: JSON.stringify({ terminal: 'T01', jobs: [] }, null, 2) + '\n' });
      expect(await pos(env, 'devices', 'discard', '--unprinted', '--manager', '2')).toMatchObject({ code: 0, stdout: 'Rien à abandonner sur la caisse T01\n' });
      const t02 = JSON.parse((await pos(env, '--terminal', 'T02', 'devices', 'jobs', '--unprinted', '--json')).stdout).jobs;
      expect(t02.filter((j: { title: string }) => j.title === other)).toMatchObject([{ title: other, state: 'failed' }]);
    } finally {
      await printer.close();
    }
  });
});
