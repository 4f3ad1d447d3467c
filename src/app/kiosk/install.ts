import { execFile } from 'node:child_process';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { refuse } from '../errors';
import { kioskUnits, TILL_UNIT, type KioskSpec, type UnitFile } from './units';

const run = promisify(execFile);

export interface Installed {
  files: string[];
  /** Whether systemd was told (only when installing onto this machine, root '/'). */
  enabled: boolean;
}

/**
 * Writes the units under `root` ('/': this machine, then systemd reloads and enables them; any
 * other folder: a staged copy, e.g. for an image of the thin clients). Each file is whole or absent.
 */
export async function installKiosk(spec: KioskSpec, root: string): Promise<Installed> {
  if (spec.user === 'root') refuse('kiosk.rootUser');
  const units = kioskUnits(spec);
  const files: string[] = [];
  try {
    for (const u of units) files.push(await writeUnit(root, u));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EACCES' || (e as NodeJS.ErrnoException).code === 'EPERM') refuse('kiosk.denied', { dir: root });
    throw e;
  }
  if (root !== '/') return { files, enabled: false };
  await run('systemctl', ['daemon-reload']);
  await run('systemctl', ['enable', TILL_UNIT, ...(spec.dailyBackup ? ['pos-backup.timer'] : [])]);
  return { files, enabled: true };
}

async function writeUnit(root: string, u: UnitFile): Promise<string> {
  const dir = join(root, u.dir);
  await mkdir(dir, { recursive: true });
  const file = join(dir, u.name);
  await writeFile(`${file}.new`, u.text, { mode: 0o644 });
  await rename(`${file}.new`, file);
  return file;
}
