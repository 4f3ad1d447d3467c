import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Knex } from 'knex';
import type { Role } from '../../data/operators';
import type { Terminal } from '../../data/places';
import { replaceFile } from './journal';

// What a till needs to open and let its operators sign in with the server away: this till (its
// id, code and store) and the shop's active operators with their PIN hashes as the server stores
// them (scrypt, at the shop's cost). Read from the server at each opening and each sign-in while
// it answers, and kept in the till's offline folder, replaced whole; the operators' file is
// readable by the till's own user only (0600): a stolen copy costs as much as a stolen table.

const OPERATORS = 'operators.json';
const TERMINAL = 'terminal.json';

export interface KeptOperator {
  id: number;
  code: string;
  name: string;
  role: Role;
  pinHash: string;
  /** A lock-out running on the server when the copy was made (its end), or null. */
  lockedUntil: string | null;
}

interface OperatorsFile {
  v: 1;
  savedAt: string;
  operators: KeptOperator[];
}

/** Reads the active operators from the server and keeps them; returns how many. */
export async function keepOperators(db: Knex, dir: string): Promise<number> {
  const rows = await db('operators')
    .select('id', 'code', 'name', 'role', 'pin_hash', db.raw('CASE WHEN locked_until > now() THEN locked_until END AS locked_until'))
    .where('active', true)
    .orderBy('id');
  const operators: KeptOperator[] = rows.map((r) => ({
    id: r.id, code: r.code, name: r.name, role: r.role, pinHash: r.pin_hash, lockedUntil: r.locked_until ? (r.locked_until as Date).toISOString() : null,
  }));
  const file: OperatorsFile = { v: 1, savedAt: new Date().toISOString(), operators };
  await replaceFile(dir, OPERATORS, JSON.stringify(file), 0o600);
  return operators.length;
}

/** The operators kept at the last opening or sign-in with the server there; none if never. */
export async function keptOperators(dir: string): Promise<KeptOperator[]> {
  try {
    const file = JSON.parse(await readFile(join(dir, OPERATORS), 'utf8')) as OperatorsFile;
    return file.v === 1 && Array.isArray(file.operators) ? file.operators : [];
  } catch {
    return [];
  }
}

/** Selling offline turned off: no PIN hash stays on the till's disk. */
export async function forgetOperators(dir: string): Promise<void> {
  await unlink(join(dir, OPERATORS)).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
  });
}

export async function keepTerminal(dir: string, terminal: Terminal): Promise<void> {
  await replaceFile(dir, TERMINAL, JSON.stringify(terminal));
}

export async function keptTerminal(dir: string): Promise<Terminal | null> {
  try {
    const t = JSON.parse(await readFile(join(dir, TERMINAL), 'utf8')) as Terminal;
    return Number.isInteger(t.id) && typeof t.code === 'string' ? t : null;
  } catch {
    return null;
  }
}
