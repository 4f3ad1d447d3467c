import { embeddedIsNew } from '../app/connect';
import { openTillForScreen } from '../app/till';
import type { Ctx } from './context';

/**
 * The till's screen. The database is opened first: its connection and first queries are under
 * way while Ink and React load (on demand, so the other commands never evaluate them).
 */
export async function openScreen(ctx: Ctx): Promise<number> {
  // Asked before the opening makes it: the first start's long wait is then named on screen.
  const preparing = embeddedIsNew(ctx.config);
  const opening = openTillForScreen(ctx.config);
  const { runTui } = await import('../tui/run');
  return runTui(ctx.config, opening, { preparing });
}

/**
 * The global options when the command line asks for nothing but the screen (`pos`,
 * `pos --terminal T02 --lang en`), or null: then the whole program reads it. A till starts
 * many times a day on a slow machine; it need not load every subcommand to open.
 */
export function tillOnly(args: readonly string[]): { terminal?: string; lang?: 'fr' | 'en' } | null {
  const opts: { terminal?: string; lang?: 'fr' | 'en' } = {};
  for (let i = 0; i < args.length; i++) {
    const m = /^--(terminal|lang)(?:=(.*))?$/.exec(args[i]!);
    if (!m) return null;
    const value = m[2] ?? args[++i];
    if (value === undefined || value.startsWith('-')) return null;
    if (m[1] === 'lang') {
      if (value !== 'fr' && value !== 'en') return null;
      opts.lang = value;
    } else {
      opts.terminal = value;
    }
  }
  return opts;
}
