import { existsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Knex } from 'knex';
import type { Config } from '../../config/schema';
import { maskUrl } from '../../data/db';
import { minTillVersions, pendingMigrations } from '../../data/migrations';
import { findTerminal, type Terminal } from '../../data/places';
import { UNPRINTED } from '../../data/printJobs';
import { whoami } from '../../data/roles';
import { schemaCompat } from '../../data/schemaVersions';
import type { TillDevicesRecord } from '../../data/stores';
import { APP_VERSION } from '../../domain/version';
import { connect, disconnect, type Connection } from '../connect';
import { DeviceHub } from '../deviceHub';
import { buildDevices, type DeviceInjections } from '../devices';
import { Refusal } from '../errors';
import { countPending, offlineFolder } from '../offline/journal';
import { countSpooled, spoolFolder } from '../spool';
import { withStoreSettings } from '../till';
import {
  judgeClock, judgeDevice, judgeDisk, judgeJournal, judgeRecordedDevices, judgeRole, judgeSchema, judgeServer, skipped, type Finding,
} from './findings';

// `pos doctor` and the back room's check: what store IT asks first, measured here and judged by
// findings.ts. Never changes anything: no migration, no replay, no print.

export interface DoctorOptions {
  config: Config;
  /** The database the running till uses; absent: connected here (as the till would) and closed after. */
  db?: Knex;
  /** The running till's devices; absent: built from the configuration, checked, closed. */
  hub?: DeviceHub;
  /** This machine's clock in ms (tests give a skewed one). */
  now?: () => number;
  /** This program's version (tests give an older one). */
  appVersion?: string;
  /** Devices in place of hardware (tests). */
  devices?: DeviceInjections;
  /** How long scanners are given to open before they are judged. */
  settleMs?: number;
}

/** Whether the till's data folder has room: the closest folder that exists is measured. */
async function freeBytes(dir: string): Promise<{ dir: string; freeBytes: number }> {
  let at = dir;
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  const s = await statfs(at);
  return { dir, freeBytes: s.bavail * s.bsize };
}

async function serverChecks(db: Knex, o: DoctorOptions, embedded: boolean): Promise<Finding[]> {
  const now = o.now ?? Date.now;
  const out: Finding[] = [];
  const { rows: v } = await db.raw<{ rows: { server_version: string }[] }>('SHOW server_version');
  out.push(judgeServer({ reachable: true, version: v[0]!.server_version, where: where(o.config) }));

  const known = Object.keys(minTillVersions());
  const [pending, compat, applied] = await Promise.all([
    pendingMigrations(db),
    schemaCompat(db, known).catch(() => ({ minTillVersion: '0.0.0', migratedBy: null, unknown: [] as string[] })),
    db('knex_migrations').count<{ n: number }[]>({ n: '*' }).then((r) => Number(r[0]!.n), () => 0),
  ]);
  out.push(judgeSchema({ pending: pending.length, unknown: compat.unknown.length, minTillVersion: compat.minTillVersion, migratedBy: compat.migratedBy, mine: o.appVersion ?? APP_VERSION, applied }));

  const who = await whoami(db);
  const { rows: m } = await db.raw<{ rows: { member: boolean }[] }>(
    `SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pos_till') THEN pg_has_role(current_user, 'pos_till', 'MEMBER') ELSE false END AS member`,
  );
  const rights = who.migrated
    ? ((await db.raw<{ rows: { rewrites: boolean; sells: boolean }[] }>(
        `SELECT has_table_privilege('sales', 'UPDATE') OR has_table_privilege('sales', 'DELETE') OR has_table_privilege('audit_log', 'UPDATE') AS rewrites,
                has_function_privilege('pos_commit_sale(jsonb)', 'EXECUTE') AND has_table_privilege('audit_log', 'INSERT') AS sells`,
      )).rows[0] ?? null)
    : null;
  out.push(judgeRole({ user: who.user, superuser: who.superuser, owner: who.owner, tillMember: m[0]!.member, embedded, rewritesHistory: rights?.rewrites, cannotSell: rights ? !rights.sells : undefined }));

  // The server's clock read between two readings of this one: the skew is against their middle.
  const before = now();
  const { rows: c } = await db.raw<{ rows: { ms: string }[] }>('SELECT (extract(epoch FROM clock_timestamp()) * 1000)::text AS ms');
  const after = now();
  out.push(judgeClock((before + after) / 2 - Number(c[0]!.ms)));
  return out;
}

function where(config: Config): string {
  return config.db.url ? maskUrl(config.db.url) : join(config.dataDir, 'db');
}

/** Which devices of the configuration differ from those recorded for this till (only those recorded are compared). */
export function devicesDiffer(config: Config, recorded: TillDevicesRecord): string[] {
  const d = config.devices;
  const differ: string[] = [];
  if (recorded.printer !== undefined && recorded.printer !== d.printer.uri) differ.push('printer');
  if (recorded.drawer !== undefined && recorded.drawer !== d.drawer.uri) differ.push('drawer');
  if (recorded.display !== undefined && recorded.display !== d.display.uri) differ.push('display');
  if (recorded.scanners !== undefined && recorded.scanners.join(' ') !== d.scanners.uris.join(' ')) differ.push('scanner');
  return differ;
}

async function tillChecks(db: Knex, config: Config): Promise<{ findings: Finding[]; terminalId: number | null; terminal?: Terminal }> {
  const terminal = await findTerminal(db, config.terminal);
  if (!terminal) return { findings: [{ check: 'till', status: 'fail', found: 'doctor.till.unknown', advice: 'doctor.till.unknownDo', params: { till: config.terminal } }], terminalId: null };
  if (terminal.retiredAt) return { findings: [{ check: 'till', status: 'fail', found: 'doctor.till.retired', advice: 'doctor.till.retiredDo', params: { till: terminal.code } }], terminalId: terminal.id };
  const findings: Finding[] = [{ check: 'till', status: 'ok', found: 'doctor.till.ok', advice: null, params: { till: terminal.code, store: terminal.storeCode } }];
  const row = (await db('terminals').where('id', terminal.id).first('devices')) as { devices?: TillDevicesRecord } | undefined;
  const differ = judgeRecordedDevices({ till: terminal.code, differ: devicesDiffer(config, row?.devices ?? {}) });
  if (differ) findings.push(differ);
  return { findings, terminalId: terminal.id, terminal };
}

/** `config`: the till's, with the devices recorded for it in place of the configuration's. */
async function deviceChecks(o: DoctorOptions, config: Config): Promise<Finding[]> {
  if (o.hub) return (await o.hub.checkAll()).map(judgeDevice);
  const hub = new DeviceHub(buildDevices(config, o.devices ?? {}), config.devices.pollMs);
  hub.start();
  try {
    await new Promise((r) => setTimeout(r, o.settleMs ?? 400));
    return (await hub.checkAll()).map(judgeDevice);
  } finally {
    await hub.stop();
  }
}

/** Every check, in the order store IT reads them: server, schema, role, clock, till, disk, devices, journal. */
export async function runDoctor(o: DoctorOptions): Promise<Finding[]> {
  const { config } = o;
  const out: Finding[] = [];
  let conn: Connection | null = null;
  let db = o.db ?? null;
  if (!db) {
    try {
      // As the till connects, but told nothing is refused: the doctor says it instead.
      conn = await connect({ ...config, db: { ...config.db, allowOwner: true } }, { migrate: false, checkVersion: false });
      db = conn.db;
    } catch (e) {
      const reason = e instanceof Refusal ? String(e.params.reason ?? e.key) : (e as Error).message;
      out.push(judgeServer({ reachable: false, reason, where: where(config) }), skipped('schema'), skipped('role'), skipped('clock'), skipped('till'));
    }
  }
  let terminalId: number | null = null;
  // The devices the till uses: those recorded for it over the configuration's (till.ts).
  let tillConfig = config;
  try {
    if (db) {
      out.push(...(await serverChecks(db, o, config.db.url === '')));
      // A database never migrated has no tills to look at: the schema's finding says so.
      const till = await tillChecks(db, config).catch(() => ({ findings: [skipped('till')], terminalId: null }));
      out.push(...till.findings);
      terminalId = till.terminalId;
      if ('terminal' in till && till.terminal) tillConfig = withStoreSettings(config, till.terminal);
    }
    out.push(judgeDisk(await freeBytes(config.dataDir)));
    out.push(...(await deviceChecks(o, tillConfig)));
    const unprinted = db && terminalId !== null && (await db.schema.hasTable('print_jobs'))
      ? Number((await db('print_jobs').where('terminal_id', terminalId).whereIn('state', UNPRINTED).count<{ n: number }[]>({ n: '*' }))[0]!.n)
      : 0;
    out.push(...judgeJournal({
      offline: await countPending(offlineFolder(config.dataDir, config.terminal)).catch(() => 0),
      spooled: await countSpooled(spoolFolder(config.dataDir, config.terminal)),
      unprinted,
    }));
  } finally {
    if (conn) await disconnect(conn);
  }
  return out;
}
