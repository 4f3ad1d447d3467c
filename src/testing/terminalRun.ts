// A command of bin/pos run as someone runs it at a terminal: its standard error (and input) a
// real terminal (tmux), its standard output sent to a file as a shell's `>` does. What the
// terminal showed is read back once the command has ended (it writes its exit code last).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bin = resolve(import.meta.dirname, '../../bin/pos');
let sessions = 0;

export interface TerminalRun {
  /** The exit code. */
  code: number;
  /** What the terminal shows at the end (standard error, as drawn). */
  screen: string;
  /** Standard output, byte for byte. */
  stdout: string;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Runs `bin/pos ...args` in a terminal of `size`, in `dir` (also its scratch folder), with only
 * `env` besides PATH and HOME; waits for its end (bounded by `timeoutMs`).
 */
export async function runInTerminal(dir: string, env: NodeJS.ProcessEnv, args: string[], opts: { size?: { columns: number; rows: number }; timeoutMs?: number } = {}): Promise<TerminalRun> {
  const { columns, rows } = opts.size ?? { columns: 120, rows: 12 };
  const name = `pos-run-${process.pid}-${++sessions}`;
  const out = join(dir, `${name}.out`);
  const done = join(dir, `${name}.code`);
  const vars = Object.entries({ TERM: 'xterm-256color', PATH: process.env.PATH, HOME: process.env.HOME, ...env })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${quote(v!)}`)
    .join(' ');
  const line = `cd ${quote(dir)} && env -i ${vars} ${quote(process.execPath)} ${quote(bin)} ${args.map(quote).join(' ')} > ${quote(out)}; echo $? > ${quote(done)}.tmp; mv ${quote(done)}.tmp ${quote(done)}; sleep 60`;
  // A tmux server of its own: one shared with other tests can be ending (its last session
  // killed) just as this session is made, and then refuses it.
  const tmux = (...a: string[]) => run('tmux', ['-L', name, ...a]);
  await tmux('new-session', '-d', '-s', name, '-x', String(columns), '-y', String(rows), line);
  try {
    const startedAt = Date.now();
    while (!existsSync(done)) {
      if (Date.now() - startedAt > (opts.timeoutMs ?? 60_000)) {
        const { stdout: screen } = await tmux('capture-pane', '-p', '-t', name);
        throw new Error(`pos ${args.join(' ')} did not end; the terminal shows:\n${screen}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const { stdout: screen } = await tmux('capture-pane', '-p', '-t', name);
    return { code: Number((await readFile(done, 'utf8')).trim()), screen, stdout: await readFile(out, 'utf8') };
  } finally {
    await tmux('kill-server').catch(() => undefined);
    await rm(out, { force: true });
    await rm(done, { force: true });
  }
}
