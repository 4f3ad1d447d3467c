import { Socket } from 'node:net';
import { asDeviceError, DeviceError } from '../errors';
import { Inbox, type Link } from './link';

/** A raw TCP connection (port 9100 of a network printer). */
export function openTcp(host: string, port: number, timeoutMs: number): Promise<Link> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    const inbox = new Inbox();
    let failure: DeviceError | null = null;
    const connectTimer = setTimeout(() => socket.destroy(new DeviceError('timeout', `no connection to ${host}:${port} within ${timeoutMs} ms`)), timeoutMs);
    socket.on('data', (d) => inbox.push(d));
    socket.on('error', (e) => {
      failure = asDeviceError(e);
      inbox.end(failure.code === 'refused' ? failure : new DeviceError('dropped', failure.detail));
    });
    socket.on('close', () => inbox.end());
    socket.once('connect', () => {
      clearTimeout(connectTimer);
      socket.setNoDelay(true);
      resolve({
        canRead: true,
        write: (data) =>
          new Promise((done, fail) => {
            if (socket.destroyed || failure) return fail(new DeviceError('dropped', failure?.detail ?? 'connection closed'));
            socket.write(data, (e) => (e ? fail(new DeviceError('dropped', e.message)) : done()));
          }),
        read: (n, ms) => inbox.read(n, ms),
        close: () =>
          new Promise((done) => {
            if (socket.destroyed) return done();
            socket.once('close', () => done());
            socket.end();
            setTimeout(() => socket.destroy(), 500).unref();
          }),
      });
    });
    socket.once('error', (e) => {
      clearTimeout(connectTimer);
      reject(asDeviceError(e));
    });
    socket.connect(port, host);
  });
}
