import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApi, type ApiOptions } from './app';

export type { ApiOptions };

export interface RunningApi {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Starts the API on host:port (port 0: any free port, see `url`). */
export async function startApi(o: ApiOptions, host: string, port: number): Promise<RunningApi> {
  const { app } = await buildApi(o);
  await app.listen({ host, port });
  const address = app.server.address() as AddressInfo;
  return {
    server: app.server,
    url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`,
    close: () => app.close(),
  };
}
