// A second till for the stock measure, in a process of its own (bundled as the till is): it
// follows the store's events as a till does (LiveFeed: its own listening connection, reads
// through a pool), applies them to the store's figures as a till does (LiveStock, which the
// item keys and the basket lines read: TillLive.lowLeft), and prints, for each figure that
// changed there, the figure's version (the movement's id) and the instant it changed:
// "<v> <epoch ms>". A figure that a newer one overtook is never shown, and not printed.
// "ready" once it listens.
import { LiveFeed } from '../app/events/feed';
import { LiveStock } from '../app/stock/live';
import { openDb } from '../data/db';

const url = process.argv[2]!;
const db = openDb({ url, poolMax: 2, applicationName: 'pos-bench:watcher' });
const feed = new LiveFeed(db, {
  storeId: 1, listenUrl: url, retryMs: 200, maxRetryMs: 2000, heartbeatMs: 30_000, applicationName: 'pos-bench:listen',
  log: { error: (obj, msg) => process.stderr.write(`${msg}: ${String((obj as { err?: unknown }).err)}\n`) },
});
const stock = new LiveStock(db, 1);
feed.read((events) => {
  let out = '';
  for (const e of events) {
    if (e.kind !== 'stock') continue;
    stock.apply([e]);
    // The figure a till's key shows now: this sale's, unless a newer one was already there.
    if (stock.get(Number(e.subject))?.v === Number(e.data.v)) out += `${String(e.data.v)} ${(performance.timeOrigin + performance.now()).toFixed(3)}\n`;
  }
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
