import { SingleBar } from 'cli-progress';
import type { OnProgress } from '../app/progress';
import type { Lang } from '../domain/money';
import { t, type MessageKey } from '../i18n/messages';
import type { CliIo } from './io';

// Long commands show how far they are on standard error, only where someone watches it: a
// terminal, no --json, no --quiet. Pipes, scripts and cron get exactly the output they had.
// Any command (backup, restore, stock imports…) can take a bar from here.

/** What decides whether progress is shown: the command's io and its global options. */
export interface ProgressCtx {
  io: CliIo;
  json: boolean;
  quiet?: boolean;
  config: { lang: Lang };
}

/** Whether progress is shown: standard error is a terminal, and neither --json nor --quiet. */
export function showsProgress(ctx: ProgressCtx): boolean {
  return (ctx.io.stderr as { isTTY?: boolean }).isTTY === true && !ctx.json && ctx.quiet !== true;
}

/** A line on standard error saying what is being done, when progress is shown. */
export function progressNote(ctx: ProgressCtx, key: MessageKey): void {
  if (showsProgress(ctx)) ctx.io.stderr.write(t(ctx.config.lang, key) + '\n');
}

export interface ProgressBar {
  /** Moves the bar to `done` of `total` (the first call draws it). */
  update: OnProgress;
  /** Draws its last state and leaves it on its line. */
  stop(): void;
}

const NO_BAR: ProgressBar = { update: () => undefined, stop: () => undefined };

/** A bar named by `label` (done, total, rate, time left), or one that draws nothing when progress is not shown. */
export function progressBar(ctx: ProgressCtx, label: MessageKey): ProgressBar {
  if (!showsProgress(ctx)) return NO_BAR;
  const { lang } = ctx.config;
  const numbers = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 0 });
  const bar = new SingleBar({
    stream: ctx.io.stderr,
    format: t(lang, 'progress.bar', { label: t(lang, label) }),
    formatValue: (v, _o, type) => (type === 'value' || type === 'total' ? numbers.format(v) : String(v)),
    barCompleteChar: '█',
    barIncompleteChar: '░',
    barsize: 24,
    // The cursor stays shown and no SIGINT handler is added: Ctrl+C ends the command at once,
    // as it did before the bar (cli-progress's gracefulExit would swallow the first one).
    hideCursor: false,
    gracefulExit: false,
  });
  let started = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (!started) {
        started = now;
        bar.start(total, 0, { rate: '0' });
      }
      bar.setTotal(total);
      const seconds = (now - started) / 1000;
      bar.update(done, { rate: numbers.format(seconds > 0 ? done / seconds : 0) });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** Runs `work` with a bar told of its progress; the bar is stopped however the work ends. */
export async function withProgress<T>(ctx: ProgressCtx, label: MessageKey, work: (onProgress: OnProgress) => Promise<T>): Promise<T> {
  const bar = progressBar(ctx, label);
  try {
    return await work(bar.update);
  } finally {
    bar.stop();
  }
}
