import { describe, expect, it } from 'vitest';
import { isLocalServer } from './server';

describe('whether the bench server is on this machine', () => {
  it('is for the loopback addresses, localhost and a socket directory', () => {
    for (const url of ['postgres://root@127.0.0.1:5432/postgres', 'postgres://u@localhost/pos', 'postgres://u@[::1]:5433/pos', 'postgres:///pos?host=/var/run/postgresql']) {
      expect(isLocalServer(url), url).toBe(true);
    }
  });

  it('is not for another host: the machine’s CPU then says nothing of the server’s work', () => {
    for (const url of ['postgres://u@10.0.0.5/pos', 'postgres://u@db.store.example:6432/pos']) expect(isLocalServer(url), url).toBe(false);
  });
});
