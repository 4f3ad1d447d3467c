// A second till for the stock measure, in a process of its own (bundled as the till is): it
// follows the store's events as a till does (LiveFeed: its own listening connection, reads
// through a pool) and prints, for each stock figure it is told of, the figure's version (the
// movement's id) and the instant it had it: "<v> <epoch ms>". "ready" once it listens.
import { LiveFeed } from '../app/events/feed';
import { openDb } from '../data/db';

const url = process.argv[2]!;
const db = openDb({ url, poolMax: 2, applicationName: 'pos-bench:watcher' });
const feed = new LiveFeed(db, {
  storeId: 1, listenUrl: url, retryMs: 200, maxRetryMs: 2000, heartbeatMs: 30_000, applicationName: 'pos-bench:listen',
  log: { error: (obj, msg) => process.stderr.write(`${msg}: ${String((obj as { err?: unknown }).err)}\n`) },
});
feed.read((events) => {
  const at = performance.timeOrigin + performance.now();
  let out = '';
  for (const e of events) if (e.kind === 'stock') out += `${String(e.data.v)} ${at.toFixed(3)}\n`;
  if (out) process.stdout.write(out);
});
feed.watch((state) => {
  if (state === 'live') process.stdout.write('ready\n');
});
const stop = () => void feed.close().then(() => db.destroy()).then(() => process.exit(0));
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
await feed.open();
