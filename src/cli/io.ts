/** Where a command writes and how it ends: the real process, or a test capturing both. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** Where a PIN is typed when none is in the environment: only a terminal is asked. */
  stdin?: { isTTY?: boolean };
  /** Ends the run with this code. The process exits at once; a test records the code. */
  exit(code: number): void;
}

/**
 * Exit codes: 0 done; 1 refused (bad input, unknown item, short payment… one line saying why);
 * 2 usage or configuration (unknown option, missing argument, invalid config); 3 fault (an
 * unexpected error, logged in the data folder).
 */
export const EXIT = { ok: 0, refused: 1, usage: 2, fault: 3 } as const;

export const processIo: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stdin: process.stdin,
  // Only reached once every output has been written and the database closed.
  exit: (code) => process.exit(code),
};

/** Messages on stderr are one line each, whatever a driver or a library put in them. */
export function oneLine(text: string): string {
  return text.trim().replace(/\s*[\r\n]+\s*/g, ' ');
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function writeError(io: CliIo, text: string): void {
  io.stderr.write(oneLine(text) + '\n');
}
