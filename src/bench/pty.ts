// Runs a command in a real pseudo-terminal of 80×24, as a cashier's terminal would, through
// util-linux `script`: Ink then sees a TTY (raw mode, full-screen frames) exactly as in a shop.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export interface PtyRun {
  /** From spawn until `ready` first held (or the process ended, without `ready`). */
  ms: number;
  /** Resident memory of the command's process when `ready` held. */
  rssBytes: number;
  /** Its peak resident memory until then. */
  hwmBytes: number;
  exitCode: number | null;
  output: string;
}

export interface PtyOptions {
  env: NodeJS.ProcessEnv;
  /** Checked on everything printed so far; the time is taken when it first holds. */
  ready?: (output: string) => boolean;
  /** Sent once ready (e.g. the key that quits); without it the command is waited for. */
  then?: string;
  timeoutMs: number;
}

/** `command` in an 80×24 pseudo-terminal: what it draws on the child's stdout, keys to its stdin. */
export function spawnInPty(command: string, env: NodeJS.ProcessEnv): ChildProcessWithoutNullStreams {
  // stty sets the window size the program reads through its tty (COLUMNS/LINES alone are not
  // read by Node's tty.WriteStream); `exec` keeps the command as script's direct child.
  return spawn('script', ['-qfec', `stty cols 80 rows 24 && exec ${command}`, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
}

export async function runInPty(command: string, opts: PtyOptions): Promise<PtyRun> {
  const start = performance.now();
  const child = spawnInPty(command, opts.env);
  const decoder = new StringDecoder('utf8');
  let output = '';
  let readyAt: number | null = null;
  let memory = { rssBytes: Number.NaN, hwmBytes: Number.NaN };

  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const ready = new Promise<void>((done) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += decoder.write(chunk);
      if (readyAt === null && opts.ready?.(output)) {
        readyAt = performance.now();
        memory = memoryOf(commandPid(child.pid!));
        done();
      }
    });
    void exited.then(() => done());
  });
  child.stderr.resume();

  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
  try {
    await ready;
    const endedAt = readyAt ?? performance.now();
    if (readyAt !== null && opts.then !== undefined) child.stdin.write(opts.then);
    const exitCode = await exited;
    return { ms: endedAt - start, ...memory, exitCode, output };
  } finally {
    clearTimeout(timer);
    child.stdin.destroy();
  }
}

/** The command's pid: the child of `script` (the shell exec'd into it). */
function commandPid(scriptPid: number): number | null {
  try {
    const children = readFileSync(`/proc/${scriptPid}/task/${scriptPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    if (children[0]) return Number(children[0]);
  } catch {
    // kernels without CONFIG_PROC_CHILDREN: look for the parent in every process's stat
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid …": comm may hold spaces, so read after its closing parenthesis.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === scriptPid) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

function memoryOf(pid: number | null): { rssBytes: number; hwmBytes: number } {
  if (pid === null) return { rssBytes: Number.NaN, hwmBytes: Number.NaN };
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
    return { rssBytes: kib('VmRSS'), hwmBytes: kib('VmHWM') };
  } catch {
    return { rssBytes: Number.NaN, hwmBytes: Number.NaN };
  }
}

/** The screen text without escape sequences, for a message when a run went wrong. */
export function plainText(output: string): string {
  // eslint-disable-next-line no-control-regex
  return output.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78DEHMc]|\x1b\][^\x07]*\x07/g, '');
}
