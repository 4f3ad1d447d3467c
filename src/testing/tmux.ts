// The till as a shopkeeper meets it: the bundled bin/pos in a real terminal (tmux), keys sent
// as a cashier or a wedge scanner would, the screen read back with capture-pane.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const project = resolve(import.meta.dirname, '../..');
let sessions = 0;

export interface TmuxTill {
  /** The screen's text; with `escapes`, its colours and styles too (the SGR codes). */
  screen(opts?: { escapes?: boolean }): Promise<string>;
  /** Waits for the screen to pass `check` (the till renders asynchronously); throws with the last screen. */
  waitFor(check: (screen: string) => boolean, timeoutMs?: number): Promise<string>;
  keys(...keys: string[]): Promise<void>;
  kill(): Promise<void>;
}

/** Starts `node bin/pos` in a detached tmux session of the given size, with these variables. */
export async function startTill(env: Record<string, string>, size = { columns: 80, rows: 24 }): Promise<TmuxTill> {
  const name = `pos-e2e-${process.pid}-${++sessions}`;
  // A tmux server of its own: on a shared one, another test killing its last session ends the
  // server while this one starts ("server exited unexpectedly").
  const tmux = async (...args: string[]) => (await run('tmux', ['-L', name, ...args])).stdout;
  const vars = Object.entries({ TERM: 'xterm-256color', ...env }).map(([k, v]) => `${k}='${v.replace(/'/g, `'\\''`)}'`).join(' ');
  // `sleep` keeps the pane after the till quits, so a crash stays readable in the error.
  await tmux('new-session', '-d', '-s', name, '-x', String(size.columns), '-y', String(size.rows), `env -u CI ${vars} node ${resolve(project, 'bin/pos')}; sleep 5`);
  const screen = (opts: { escapes?: boolean } = {}) => tmux('capture-pane', '-p', ...(opts.escapes ? ['-e'] : []), '-t', name);
  return {
    screen,
    async waitFor(check, timeoutMs = 10_000) {
      const start = Date.now();
      for (;;) {
        const s = await screen();
        if (check(s)) return s;
        if (Date.now() - start > timeoutMs) throw new Error(`the screen never matched:\n${s}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async keys(...keys) {
      await tmux('send-keys', '-t', name, ...keys);
    },
    async kill() {
      await tmux('kill-server').catch(() => undefined);
    },
  };
}
