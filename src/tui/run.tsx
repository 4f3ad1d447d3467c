import { setTimeout as delay } from 'node:timers/promises';
import { render } from 'ink';
import { getLog, setLogContext } from '../app/log';
import { DeviceHub } from '../app/deviceHub';
import { buildDevices } from '../app/devices';
import { closeTill, openTillForScreen, type Till } from '../app/till';
import type { Config } from '../config/schema';
import { App } from './App';

const ALT_SCREEN_ON = '\x1b[?1049h\x1b[H';
const ALT_SCREEN_OFF = '\x1b[?1049l';
const FIRST_FRAME_WAIT_MS = 300;

/**
 * Opens the till's screen; resolves with the process exit code once the cashier quits.
 * `opening` is the database being opened already (see openTillForScreen); if it fails, the
 * screen says why and tries again.
 */
export async function runTui(config: Config, opening: Promise<Till> = openTillForScreen(config), opts: { preparing?: boolean } = {}): Promise<number> {
  // The log file is opened by the first thing worth logging, not at every start.
  setLogContext({ till: config.terminal });
  const log = { error: (obj: object, msg: string) => getLog(config.dataDir).error(obj, msg), warn: (obj: object, msg: string) => getLog(config.dataDir).warn(obj, msg) };
  const stdout = process.stdout;
  // Raw at once, before anything is drawn: a key pressed (or a card scanned) while the till
  // starts is kept for the screen instead of being echoed by the terminal, and Ctrl+Q is not
  // taken for flow control (XON) by a terminal still in cooked mode.
  if (process.stdin.isTTY) process.stdin.setRawMode(true);
  // The status bar's clock reads local time: the shop's, whatever the machine's zone.
  process.env.TZ = config.timeZone;
  let till: Till | null = null;
  let early: Promise<Till> | null = opening;
  const open = async () => {
    const attempt = early ?? openTillForScreen(config);
    early = null;
    till = await attempt;
    return till;
  };
  // The devices are looked for while the database opens: the first frame can say which is away.
  const devices = new DeviceHub(buildDevices(config), config.devices.pollMs);
  devices.start();
  // A moment's wait for the database, which has been opening while this code loaded: if it
  // answers, the first frame is already the working one (one frame drawn, not two).
  const opened = await Promise.race([opening.then((t) => t, () => null), delay(FIRST_FRAME_WAIT_MS, null)]);
  if (opened) {
    till = opened;
    early = null;
  }
  // A full-screen program: the shell's screen comes back as it was when the till quits.
  if (stdout.isTTY) stdout.write(ALT_SCREEN_ON);
  const app = render(
    <App
      config={config}
      open={open}
      opened={opened}
      devices={devices}
      bell={() => stdout.write('\x07')}
      log={log}
      onExit={() => undefined}
      preparing={opts.preparing}
    />,
    { exitOnCtrlC: false, maxFps: 60 },
  );
  const stop = () => app.unmount();
  process.once('SIGTERM', stop);
  process.once('SIGHUP', stop);
  try {
    await app.waitUntilExit();
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGHUP', stop);
    if (stdout.isTTY) stdout.write(ALT_SCREEN_OFF);
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
    // The till first: a receipt still printing needs the printer to finish.
    if (till) await closeTill(till).catch((e: unknown) => log.error({ err: e }, 'closing the till'));
    await devices.stop().catch((e: unknown) => log.error({ err: e }, 'closing the devices'));
  }
  return 0;
}
