import { openSerial, type SerialLink } from '../link/serial';
import { READY, type PrinterStatus } from '../printer/status';
import { statusResponder } from './statusQueries';

/**
 * A receipt printer at the far end of a serial line (the device side of a socat pty pair, in
 * tests): records what it is sent and answers the status queries as a printer in `status`.
 */
export interface FakeSerialPrinter {
  bytes(): Buffer;
  /** Resolves once at least `n` bytes have arrived (a test waits for a job to be through). */
  received(n: number, timeoutMs?: number): Promise<Buffer>;
  status: PrinterStatus;
  close(): Promise<void>;
}

export async function fakeSerialPrinter(path: string, baud = 9600): Promise<FakeSerialPrinter> {
  const link: SerialLink = await openSerial(path, baud);
  let bytes = Buffer.alloc(0);
  const waiters = new Set<() => void>();
  const answer = statusResponder(() => fake.status);
  link.onData((data) => {
    bytes = Buffer.concat([bytes, data]);
    const answers = answer(data);
    if (answers) void link.write(answers).catch(() => undefined);
    for (const w of waiters) w();
  });
  const fake: FakeSerialPrinter = {
    bytes: () => bytes,
    received: (n, timeoutMs = 5000) =>
      new Promise((done, fail) => {
        const check = () => {
          if (bytes.length < n) return;
          waiters.delete(check);
          clearTimeout(timer);
          done(bytes);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          fail(new Error(`${bytes.length} of ${n} bytes received`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    status: { ...READY },
    close: () => link.close(),
  };
  return fake;
}
