import { useCallback, useEffect, useRef, useState } from 'react';
import { logFile } from '../../app/log';
import { countPending, offlineFolder } from '../../app/offline/journal';
import { forgetOperators } from '../../app/offline/operators';
import { countRejected } from '../../app/offline/rejected';
import { spoolFolder } from '../../app/spool';
import { SpoolReplay } from '../../app/spoolReplay';
import type { Till } from '../../app/till';
import type { TillDevices } from '../../app/tillDevices';
import type { Message } from '../state/saleState';

export interface SpoolReplayState {
  /** Paid sales on disk waiting for the database (the screen's own among them). */
  waiting: number;
  /** A pass now: the database seen back, the screen's own sale waiting or sent. */
  wake(): void;
  /** Offline sales the database refused, kept for a manager (the back office lists them). */
  rejected: number;
}

/**
 * Sends the sales this till was paid for and the database does not have yet, from its
 * opening and for as long as it runs (see SpoolReplay). A sale committed so gets its receipt
 * here, the till that took the payment; one the database refuses is set aside and said.
 */
export function useSpoolReplay(till: Till | null, devices: TillDevices | null, log: { error(obj: object, msg: string): void }, notice: (m: Message) => void): SpoolReplayState {
  const [waiting, setWaiting] = useState(0);
  const [rejected, setRejected] = useState(0);
  const replay = useRef<{ wake(): void } | null>(null);
  useEffect(() => {
    if (!till || !devices) return;
    const { config } = till;
    const dir = offlineFolder(config.dataDir, till.terminal.code);
    let live = true;
    const countRefused = () => void (config.offline.enabled && countRejected(dir).then((n) => live && setRejected(n), () => undefined));
    if (till.offline) {
      // Opened with the server away: nothing is sent from it (the till opened once the server
      // answers does that); the journal's sales are counted for the status bar.
      const count = () => {
        void countPending(dir).then((n) => live && setWaiting(n), () => undefined);
        countRefused();
      };
      replay.current = { wake: count };
      count();
      return () => {
        live = false;
        replay.current = null;
      };
    }
    countRefused();
    if (!config.offline.enabled) void forgetOperators(dir).catch((e: unknown) => log.error({ err: e, dir }, 'kept operators not removed'));
    const r = new SpoolReplay({
      db: till.db,
      dir: spoolFolder(config.dataDir, till.terminal.code),
      firstDelayMs: config.db.retryMs,
      log,
      ...(config.offline.enabled && { offline: { dir, terminal: till.terminal, blockSize: config.offline.blockSize } }),
      onPass(pass, left, journal) {
        setWaiting(left);
        countRefused();
        // Sold offline: their receipts came out at the sale; said, never printed again.
        if (journal) {
          if (journal.auditError) log.error({ reason: journal.auditError }, 'offline sign-ins not written to the audit log; kept in auth.jsonl');
          for (const r of journal.renumbered) log.error(r, 'offline sale committed before under another number; the number printed is voided');
          for (const { key, error } of journal.rejected) log.error({ err: error, key }, 'offline sale refused by the database; kept in the journal (rejected.jsonl)');
          if (journal.rejected.length > 0) notice({ key: 'offline.rejected', params: { n: journal.rejected.length, log: logFile(config.dataDir) }, tone: 'error' });
          else if (journal.committed > 0) notice({ key: 'offline.replayed', params: { n: journal.committed }, tone: 'ok' });
        }
        for (const { sale } of pass.committed) void devices.printReceipt(sale);
        // A paid sale the database refuses is for a manager to see to: said, logged.
        for (const { key, error } of pass.rejected) log.error({ err: error, key }, 'spooled sale refused; kept aside as .rejected');
        if (pass.rejected.length > 0) notice({ key: 'spool.rejected', params: { n: pass.rejected.length, log: logFile(config.dataDir) }, tone: 'error' });
        else if (pass.committed.length > 0) notice({ key: 'spool.replayed', params: { n: pass.committed.length }, tone: 'ok' });
      },
    });
    replay.current = r;
    r.wake();
    return () => {
      live = false;
      replay.current = null;
      void r.stop();
    };
  }, [devices]);
  const wake = useCallback(() => replay.current?.wake(), []);
  return { waiting, wake, rejected };
}
