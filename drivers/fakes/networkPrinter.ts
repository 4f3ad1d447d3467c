import { createServer, type Server, type Socket } from 'node:net';
import { READY, type PrinterStatus } from '../printer/status';
import { statusResponder } from './statusQueries';

/**
 * A network printer on 127.0.0.1 for tests and demos: records every byte it is sent, answers
 * the real-time status queries (DLE EOT n) as a printer in `status` would, and can be made to
 * fail: stop listening (connection refused), or drop the connection after some bytes of a job.
 * Made `mute`, it is a print server (or a printer) that takes every byte and never answers.
 */
export interface FakeNetworkPrinter {
  readonly port: number;
  readonly uri: string;
  /** Every byte received, over all connections, in order. */
  bytes(): Buffer;
  /** The bytes of each connection (one per job or status check). */
  jobs(): Buffer[];
  clear(): void;
  status: PrinterStatus;
  /** Takes the bytes, never answers a status query. */
  mute: boolean;
  /** Closes the next connection after it has received this many bytes (then works again). */
  dropAfter(bytes: number): void;
  /** Stops listening: connections are refused until `start` is called again. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function fakeNetworkPrinter(port = 0): Promise<FakeNetworkPrinter> {
  const received: Buffer[] = [];
  const sockets = new Set<Socket>();
  let drop: number | null = null;
  let server: Server | null = null;
  let boundPort = port;

  const onConnection = (socket: Socket) => {
    sockets.add(socket);
    const index = received.push(Buffer.alloc(0)) - 1;
    const limit = drop;
    drop = null;
    const answer = statusResponder(() => fake.status);
    socket.on('data', (chunk) => {
      const data = chunk;
      if (limit !== null && received[index]!.length + data.length >= limit) {
        received[index] = Buffer.concat([received[index]!, data.subarray(0, Math.max(0, limit - received[index]!.length))]);
        socket.destroy();
        return;
      }
      received[index] = Buffer.concat([received[index]!, data]);
      const answers = answer(data);
      if (answers && !fake.mute) socket.write(answers);
    });
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };

  const listen = () =>
    new Promise<void>((done, fail) => {
      if (server) return done(); // already listening
      server = createServer(onConnection);
      server.once('error', fail);
      server.listen(boundPort, '127.0.0.1', () => {
        boundPort = (server!.address() as { port: number }).port;
        done();
      });
    });

  const stop = () =>
    new Promise<void>((done) => {
      for (const s of sockets) s.destroy();
      if (!server) return done();
      server.close(() => done());
      server = null;
    });

  await listen();
  const fake: FakeNetworkPrinter = {
    get port() {
      return boundPort;
    },
    get uri() {
      return `tcp://127.0.0.1:${boundPort}`;
    },
    bytes: () => Buffer.concat(received),
    jobs: () => [...received],
    clear: () => void received.splice(0),
    status: { ...READY },
    mute: false,
    dropAfter: (n) => void (drop = n),
    stop,
    start: listen,
    close: stop,
  };
  return fake;
}
