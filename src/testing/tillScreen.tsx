import { render } from 'ink-testing-library';
import { afterEach } from 'vitest';
import { closeTill, openTill, type Till } from '../app/till';
import type { Config } from '../config/schema';
import { App, type AppProps } from '../tui/App';
import { settled, waitForFrame } from './tui';

export type TillScreen = ReturnType<ReturnType<typeof useTillScreens>>;

/**
 * For a screen test file: start(config) renders the till (App) through ink-testing-library on
 * the given configuration; the tills it opened are closed after each test.
 */
export function useTillScreens() {
  const tills: Till[] = [];
  afterEach(async () => {
    while (tills.length) await closeTill(tills.pop()!);
  });

  /** `size`: the terminal's columns and rows (ink-testing-library's own are 100 columns, no rows). */
  return function start(config: Config, props: Partial<AppProps> = {}, size?: { columns: number; rows: number }) {
    let bells = 0;
    const ui = render(
      <App
        config={config}
        open={async () => {
          const t = await openTill(config);
          tills.push(t);
          return t;
        }}
        bell={() => (bells += 1)}
        log={{ error: (o, m) => console.error(m, o) }}
        onExit={() => undefined}
        {...props}
      />,
    );
    if (size) resize(ui.stdout, size);
    const frame = (check: (f: string) => boolean) => waitForFrame(ui.lastFrame, check);
    /**
     * Keys as one chunk from the terminal; resolves once the screen has drawn the frame that
     * answers them and Ink is idle again (the effects after that frame, such as a new field
     * taking the keys, have run): the next keys reach the screen the frame shows.
     */
    const type = async (text: string) => {
      const before = ui.frames.length;
      ui.stdin.write(text);
      await settled(ui.frames, before);
    };
    const signIn = async (code = '1', pin = '1234') => {
      await frame((f) => f.includes('base OK') || f.includes('database OK'));
      await type(`${code}\r`);
      await type(`${pin}\r`);
      await frame((f) => f.includes('TOTAL'));
    };
    return { ui, frame, type, signIn, bells: () => bells, tills };
  };
}

/** The test terminal takes another size, as a real one does when its window is resized. */
export function resize(stdout: NodeJS.EventEmitter, size: { columns: number; rows: number }) {
  Object.defineProperty(stdout, 'columns', { value: size.columns, configurable: true });
  Object.defineProperty(stdout, 'rows', { value: size.rows, configurable: true });
  stdout.emit('resize');
}
