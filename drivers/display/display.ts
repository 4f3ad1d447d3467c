import { asDeviceError } from '../errors';
import type { Health } from '../health';
import type { SerialLink } from '../link/serial';

export const DISPLAY_COLUMNS = 20;

/** A customer-facing pole display, two rows of twenty characters. */
export interface CustomerDisplay {
  readonly name: string;
  /** Shows two rows; a display that is away shows them when it is back. */
  show(rows: readonly [string, string]): Promise<void>;
  check(): Promise<Health>;
  close(): Promise<void>;
}

/**
 * Vacuum-fluorescent displays print a small character set: accents are dropped, the euro
 * sign becomes EUR (most of them have no €), anything else outside ASCII becomes '?'.
 */
export function displayText(text: string): string {
  return text
    .replace(/€/g, 'EUR')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/[\u2018\u2019]/g, "'")
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '?');
}

export function fitRow(text: string): string {
  return displayText(text).slice(0, DISPLAY_COLUMNS).padEnd(DISPLAY_COLUMNS);
}

/**
 * The ESC/POS customer display commands (Epson DM-D and the many displays that copy them):
 * FF clears and homes the cursor, US $ x y moves it to the start of the second row.
 */
export function displayBytes(rows: readonly [string, string]): Buffer {
  return Buffer.concat([Buffer.from([0x0c]), Buffer.from(fitRow(rows[0]), 'latin1'), Buffer.from([0x1f, 0x24, 0x01, 0x02]), Buffer.from(fitRow(rows[1]), 'latin1')]);
}

/**
 * A display on a serial line, kept open. When a write fails the port is closed and reopened at
 * the next show (or check), with the rows it should be showing.
 */
export function serialDisplay(name: string, open: () => Promise<SerialLink>): CustomerDisplay {
  let link: SerialLink | null = null;
  // One open at a time: the check at start and the first rows would otherwise both open the
  // port, and the second open finds it locked by the first ("busy").
  let opening: Promise<SerialLink> | null = null;
  let rows: readonly [string, string] | null = null;
  /** The link the current rows were written on: a check writes them again only on a new one. */
  let shownOn: SerialLink | null = null;
  let writing = Promise.resolve();
  const connect = (): Promise<SerialLink> => {
    if (link) return Promise.resolve(link);
    opening ??= open()
      .then((l) => {
        l.onClose(() => {
          if (link === l) link = null;
        });
        link = l;
        return l;
      })
      .finally(() => {
        opening = null;
      });
    return opening;
  };
  const write = async () => {
    if (!rows) return;
    const l = await connect();
    if (shownOn === l) return;
    try {
      await l.write(displayBytes(rows));
      shownOn = l;
    } catch (e) {
      link = null;
      await l.close();
      throw e;
    }
  };
  // One write at a time, in order: a late row never overwrites a newer one.
  const queued = () => {
    const run = writing.then(write);
    writing = run.catch(() => undefined);
    return run;
  };
  return {
    name,
    show(next) {
      rows = next;
      shownOn = null;
      return queued().catch((e: unknown) => {
        throw asDeviceError(e);
      });
    },
    async check() {
      try {
        await connect();
        await queued();
        return { ok: true };
      } catch (e) {
        return { ok: false, error: asDeviceError(e).code };
      }
    },
    async close() {
      await writing;
      await opening?.catch(() => undefined);
      await link?.close();
      link = null;
    },
  };
}

export const noDisplay: CustomerDisplay = {
  name: 'none',
  show: async () => undefined,
  check: async () => ({ ok: false, error: 'missing' }),
  close: async () => undefined,
};
