import pg from 'pg';
import { findServer } from '../../data/servers';

// The till's listening connection: a pg client of its own, straight to the server, outside the
// pool (LISTEN belongs to a session, which a pooler in transaction mode does not keep). It only
// wakes the till: a notification, and the connection made again after a loss, each say "read
// what is new". Lost (the server restarted, the backend terminated, the network silent past a
// heartbeat), it is made again after retryMs, doubling up to maxRetryMs.

export type ListenState = 'connecting' | 'live' | 'lost';

export interface ListenerOptions {
  url: string;
  /** The server's addresses (db.urls): each connection goes to the primary among them, found anew after a failover. */
  urls?: readonly string[];
  channel: string;
  retryMs: number;
  maxRetryMs: number;
  /** How often an idle connection is asked to answer: a dead network says nothing otherwise. */
  heartbeatMs: number;
  applicationName: string;
  /** Something may be new: a notification came, or the connection was (re)made. */
  onWake(): void;
  onState(state: ListenState): void;
}

export class Listener {
  private client: pg.Client | null = null;
  private closed = false;
  private delay: number;
  private retry: NodeJS.Timeout | undefined;
  private beat: NodeJS.Timeout | undefined;
  state: ListenState = 'connecting';

  constructor(private readonly o: ListenerOptions) {
    this.delay = o.retryMs;
  }

  start(): void {
    void this.connect();
  }

  private setState(state: ListenState): void {
    if (state === this.state) return;
    this.state = state;
    this.o.onState(state);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    let url = this.o.url;
    if (this.o.urls && this.o.urls.length > 1) {
      try {
        url = await findServer(this.o.urls, 'primary', Math.max(1000, this.o.heartbeatMs), `${this.o.applicationName}:probe`);
      } catch {
        // None accepts writes yet (a standby being promoted): tried again like a lost connection.
      }
      if (this.closed) return;
    }
    const client = new pg.Client({ connectionString: url, application_name: this.o.applicationName, keepAlive: true, connectionTimeoutMillis: Math.max(1000, this.o.heartbeatMs) });
    this.client = client;
    // Always listened to: an error event nobody hears would end the process.
    client.on('error', () => this.drop(client));
    client.on('end', () => this.drop(client));
    client.on('notification', (n) => {
      if (n.channel === this.o.channel && client === this.client) this.o.onWake();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.o.channel)}`);
    } catch {
      this.drop(client);
      return;
    }
    if (client !== this.client) return;
    if (this.closed) return void client.end().catch(() => undefined);
    this.delay = this.o.retryMs;
    this.setState('live');
    this.heartbeat(client);
    // Listening from now on: what was written before (while away, or at the start) is read now.
    this.o.onWake();
  }

  private heartbeat(client: pg.Client): void {
    this.beat = setTimeout(() => {
      let timer: NodeJS.Timeout | undefined;
      const silent = new Promise((_, fail) => (timer = setTimeout(() => fail(new Error('no answer')), this.o.heartbeatMs)));
      Promise.race([client.query('SELECT 1'), silent]).then(
        () => {
          clearTimeout(timer);
          if (client === this.client) this.heartbeat(client);
        },
        () => {
          clearTimeout(timer);
          this.drop(client);
        },
      );
    }, this.o.heartbeatMs);
    this.beat.unref();
  }

  private drop(client: pg.Client): void {
    if (client !== this.client) return;
    this.client = null;
    clearTimeout(this.beat);
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.setState('lost');
    this.retry = setTimeout(() => void this.connect(), this.delay);
    this.retry.unref();
    this.delay = Math.min(this.delay * 2, this.o.maxRetryMs);
  }

  /** The backend's process id while connected (tests end it with pg_terminate_backend). */
  get pid(): number | null {
    return (this.client as unknown as { processID?: number } | null)?.processID ?? null;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    clearTimeout(this.beat);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
