import { createServer, Socket, type AddressInfo, type Server } from 'node:net';

/**
 * A TCP relay between the till and PostgreSQL that a test can cut, as a pulled cable or a
 * server restart would: cut() drops every open connection and refuses new ones until mend().
 */
export interface CuttableLink {
  port: number;
  cut(): void;
  mend(): void;
  close(): Promise<void>;
}

export async function cuttableLink(targetPort: number, targetHost = '127.0.0.1'): Promise<CuttableLink> {
  const sockets = new Set<Socket>();
  let open = true;
  const server: Server = createServer((client) => {
    if (!open) return client.destroy();
    const upstream = new Socket();
    upstream.connect(targetPort, targetHost);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cut() {
      open = false;
      for (const s of sockets) s.destroy();
    },
    mend() {
      open = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
