import { Box, Text, useApp, useStdin } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PrinterDevice } from '../../drivers/printer/printer';
import { DeviceHub } from '../app/deviceHub';
import { buildDevices } from '../app/devices';
import { faultDetail, Refusal } from '../app/errors';
import { checkDb } from '../app/health';
import { journalLogout } from '../app/fiscal/events';
import { logFile } from '../app/log';
import { offlineFolder } from '../app/offline/journal';
import { openTillOffline } from '../app/offline/openOffline';
import { keepOperators } from '../app/offline/operators';
import { signInOffline } from '../app/offline/signIn';
import { login, signedInHash, type Operator } from '../app/session';
import { closeTill, sameDevices, type Till } from '../app/till';
import { TillDevices } from '../app/tillDevices';
import type { QueueState } from '../app/printing';
import type { Config } from '../config/schema';
import { isConnectionError } from '../data/db';
import { t } from '../i18n/messages';
import { StatusBar, type DbState } from './components/StatusBar';
import { watchTraining } from '../app/trainingState';
import { UiProvider } from './context';
import { ScanContextValue } from './devicesContext';
import { useDeviceStatus } from './hooks/useDeviceStatus';
import { LiveContext, useLiveValue, useTillLive } from './hooks/useLive';
import { useSpoolReplay } from './hooks/useSpoolReplay';
import { useTerminalSize } from './hooks/useTerminalSize';
import { LockScreen } from './screens/LockScreen';
import { LoginScreen } from './screens/LoginScreen';
import { Session } from './Session';
import type { Message } from './state/saleState';

/** The smallest terminal the till is laid out for (README): below it, it asks for a larger window. */
export const MIN_COLUMNS = 60;
export const MIN_ROWS = 20;

export interface AppProps {
  config: Config;
  /** Opens the database and finds this till; called again after a failure. */
  open(): Promise<Till>;
  /** The till, when it was open before the first frame (then that frame already says so). */
  opened?: Till | null;
  /** The till's devices, started by the caller; made from the configuration when not given. */
  devices?: DeviceHub;
  /** A printer in place of the configured one (tests, bench). */
  printer?: PrinterDevice;
  bell(): void;
  log: { error(obj: object, msg: string): void; warn?(obj: object, msg: string): void };
  /**
   * Arms the idle lock: calls `onIdle` after `ms` unless the returned cancel is called first
   * (each key cancels and arms it again). setTimeout unless a test gives its own clock.
   */
  idleTimer?: IdleTimer;
  /** The embedded database is being made (first start on this machine): the first frame says so. */
  preparing?: boolean;
  /** Called with the till once the cashier may quit (no open ticket, nothing waiting). */
  onExit(till: Till | null): void;
}

export type IdleTimer = (ms: number, onIdle: () => void) => () => void;

const realIdleTimer: IdleTimer = (ms, onIdle) => {
  const timer = setTimeout(onIdle, ms);
  return () => clearTimeout(timer);
};

export function App({ config, open, opened = null, devices, printer, bell, log, onExit, idleTimer = realIdleTimer, preparing = false }: AppProps) {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const [till, setTill] = useState<Till | null>(opened);
  const [db, setDb] = useState<DbState>(opened ? 'ok' : 'connecting');
  const [notice, setNotice] = useState<Message | null>(preparing && !opened ? { key: 'progress.preparingDemo', tone: 'info' } : null);
  const [operator, setOperator] = useState<Operator | null>(null);
  // Training mode on the status line, followed as the till's flag changes (see app/trainingState).
  const [training, setTraining] = useState(opened?.terminal.trainingMode ?? false);
  useEffect(() => {
    if (!till) return;
    setTraining(till.terminal.trainingMode);
    return watchTraining(till.terminal, setTraining);
  }, [till]);
  const [pending, setPending] = useState(false);
  // Locked after idle time: the session stays behind, deaf, its ticket kept, until its PIN.
  const [locked, setLocked] = useState(false);
  const { internal_eventEmitter: stdinEvents } = useStdin();
  // The hub with the devices it was built from.
  const [{ hub, from }, setHub] = useState(() => ({
    hub: devices ?? new DeviceHub(buildDevices(config, { printer }), config.devices.pollMs),
    from: config.devices,
  }));
  // A hub made here is this screen's to start and stop; one given is its caller's.
  useEffect(() => {
    if (hub === devices) return;
    hub.start();
    return () => void hub.stop();
  }, [hub]);
  // The devices are looked for from the configuration before the database answers; once the
  // till is open, those recorded for it (pos terminal edit, till.config) take their place: the
  // first hub is stopped first (a serial scanner's port is free for the new one).
  const hubFits = !till || till.offline === true || sameDevices(till.config.devices, from);
  useEffect(() => {
    if (hubFits || !till) return;
    const next = { hub: new DeviceHub(buildDevices(till.config, { printer }), till.config.devices.pollMs), from: till.config.devices };
    void hub.stop().then(() => setHub(next), () => setHub(next));
  }, [till, hubFits]);
  const [queue, setQueue] = useState<QueueState | null>(null);
  // Not before the hub has the till's own devices: an owed receipt must not go to the configuration's printer.
  const tillDevices = useMemo(() => (till && hubFits ? new TillDevices(hub, till, log, setQueue) : null), [till, hub, hubFits]);
  // Earlier runs' unprinted receipts join F9 and the status bar, read behind the first frame.
  // Not from a till opened offline: its database is not there to ask.
  useEffect(() => void (till?.offline || tillDevices?.loadUnprinted()), [tillDevices]);
  const deviceStatus = useDeviceStatus(hub, queue, config);
  // Stock figures, prices and codes followed live, from the till's own listening connection.
  const live = useTillLive(till?.offline ? null : till, log);
  const liveState = useLiveValue(live, (l) => l.state, null);
  // Too small a window hides the screens but keeps them (and the open ticket) as they are;
  // their keys and scans wait, as nobody can see what they would do.
  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
  // Sales paid while the server was away are sent from the opening on, while the till runs.
  const spool = useSpoolReplay(till, tillDevices, log, setNotice);
  // Counted again when the screen's own sale starts or stops waiting; sent at once when the
  // database is seen back.
  useEffect(() => spool.wake(), [pending]);
  useEffect(() => void (db === 'ok' && spool.wake()), [db]);
  const wedge = useMemo(() => ({ gapMs: config.devices.scanners.wedgeGapMs, minLength: config.devices.scanners.wedgeMinLength }), []);
  const scans = useMemo(() => ({ hub, wedge, paused: tooSmall }), [hub, wedge, tooSmall]);

  // Open the database behind the first frame, retrying while it cannot be reached. With the
  // server away and selling offline allowed, the till opens from its own data meanwhile
  // (openTillOffline), and the till opened the ordinary way takes its place once it answers.
  useEffect(() => {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let local: Till | null = null;
    const ready = (t: Till) => {
      setTill(t);
      setDb('ok');
      setNotice(null);
      if (local) {
        const was = local;
        local = null;
        void closeTill(was);
      }
    };
    const openLocally = async () => {
      const t = await openTillOffline(config).catch(() => null);
      if (stopped || !t) return;
      local = t;
      log.warn?.({ terminal: t.terminal.code }, 'the server does not answer: till opened offline from its own data');
      setTill(t);
      setDb('down');
      setNotice({ key: 'offline.opened', tone: 'error' });
    };
    const attempt = () => {
      open().then(
        (t) => {
          if (!stopped) ready(t);
        },
        (e: unknown) => {
          if (stopped) return;
          setDb('down');
          // Still away while the till opened locally sells: its status line says so, nothing more.
          if (local) {
            timer = setTimeout(attempt, config.db.retryMs);
            return;
          }
          if (e instanceof Refusal) {
            setNotice({ key: e.key, params: e.params, tone: 'error' });
            if (e.key === 'db.unreachable' && config.offline.enabled) void openLocally();
          } else {
            log.error({ err: e }, 'till did not open');
            setNotice({ key: 'fault', params: { detail: faultDetail(e), log: logFile(config.dataDir) }, tone: 'error' });
          }
          timer = setTimeout(attempt, config.db.retryMs);
        },
      );
    };
    if (opened) ready(opened);
    else attempt();
    return () => {
      stopped = true;
      clearTimeout(timer);
      if (local) void closeTill(local);
    };
  }, []);

  // Watch the connection: quickly while it is down, slowly while it is up. A till opened
  // offline is not watched: the till opened once the server answers takes its place.
  useEffect(() => {
    if (!till || till.offline) return;
    let stopped = false;
    let timer: NodeJS.Timeout;
    const tick = async () => {
      const up = await checkDb(till.conn, config.db.connectTimeoutMs);
      if (stopped) return;
      setDb(up ? 'ok' : 'down');
      timer = setTimeout(() => void tick(), up ? Math.max(10_000, config.db.retryMs) : config.db.retryMs);
    };
    timer = setTimeout(() => void tick(), config.db.retryMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // Found away by a sale or a lookup: watched quickly from then on, not at the next slow check.
  }, [till, db === 'down']);

  // As of now, not as last drawn: a sale paid just after a lookup found the server away goes offline at once.
  const dbNow = useRef<DbState>(db);
  dbNow.current = db;
  const setDbUp = useCallback((up: boolean) => {
    dbNow.current = up ? 'ok' : 'down';
    setDb(dbNow.current);
  }, []);
  const isOffline = useCallback(() => config.offline.enabled && dbNow.current === 'down', []);
  // The idle lock: armed while someone is signed in and the till is not locked; every key arms it again.
  const idleMs = config.operators.idleLockMinutes * 60_000;
  useEffect(() => {
    if (!operator || locked || idleMs === 0) return;
    let cancel = idleTimer(idleMs, () => setLocked(true));
    const onInput = () => {
      cancel();
      cancel = idleTimer(idleMs, () => setLocked(true));
    };
    stdinEvents.on('input', onInput);
    return () => {
      stdinEvents.off('input', onInput);
      cancel();
    };
  }, [operator, locked, idleMs]);

  // Selling offline, the idle lock lets its own operator back in by their PIN, checked against
  // the operators the till kept (or the hash of the sign-in); wrong PINs are counted there with
  // the lock-out's count, after which none is tried until the server is back.
  const gate = (t: Till) => ({ dir: offlineFolder(config.dataDir, t.terminal.code), terminalId: t.terminal.id, config });
  const unlockOffline = async (t: Till, op: Operator, pin: string): Promise<Message | null> => {
    try {
      const hash = signedInHash(op);
      await signInOffline(gate(t), op.code, pin, 'idleUnlock', undefined, hash ? { operator: op, pinHash: hash } : undefined);
      setLocked(false);
      return null;
    } catch (e) {
      bell();
      if (e instanceof Refusal) return { key: e.key, params: e.params, tone: 'error' };
      log.error({ err: e }, 'offline unlock failed');
      return { key: 'fault', params: { detail: faultDetail(e), log: logFile(config.dataDir) }, tone: 'error' };
    }
  };
  const onUnlock = async (pin: string): Promise<Message | null> => {
    if (!till || !operator) return { key: 'db.lost', tone: 'error' };
    if (till.offline) return unlockOffline(till, operator, pin);
    try {
      await login(till, operator.code, pin, 'idleUnlock');
      setLocked(false);
      return null;
    } catch (e) {
      if (!(isConnectionError(e) && config.offline.enabled)) bell();
      if (e instanceof Refusal) return { key: e.key, params: e.params, tone: 'error' };
      if (isConnectionError(e) && config.offline.enabled) {
        setDbUp(false);
        return unlockOffline(till, operator, pin);
      }
      if (isConnectionError(e)) {
        setDbUp(false);
        return { key: 'db.lost', tone: 'error' };
      }
      log.error({ err: e }, 'unlock failed');
      return { key: 'fault', params: { detail: faultDetail(e), log: logFile(config.dataDir) }, tone: 'error' };
    }
  };
  const lockedScans = useMemo(() => ({ ...scans, locked: true }), [scans]);


  // Selling offline allowed: with the server away an operator signs in against the operators
  // the till kept, their wrong PINs counted here (offline/signIn.ts); while it answers, each
  // sign-in refreshes that copy.
  const loginOffline = async (t: Till, code: string, pin: string): Promise<Message | null> => {
    try {
      setOperator(await signInOffline(gate(t), code, pin));
      return null;
    } catch (e) {
      bell();
      if (e instanceof Refusal) return { key: e.key, params: e.params, tone: 'error' };
      log.error({ err: e }, 'offline login failed');
      return { key: 'fault', params: { detail: faultDetail(e), log: logFile(config.dataDir) }, tone: 'error' };
    }
  };
  const onLogin = async (code: string, pin: string): Promise<Message | null> => {
    if (!till) return { key: 'db.lost', tone: 'error' };
    if (till.offline) return loginOffline(till, code, pin);
    try {
      setOperator(await login(till, code, pin));
      setDb('ok');
      if (config.offline.enabled) {
        void keepOperators(till.db, offlineFolder(config.dataDir, till.terminal.code)).catch((e: unknown) => log.error({ err: e }, 'operators not kept for an outage'));
      }
      return null;
    } catch (e) {
      if (isConnectionError(e)) {
        setDbUp(false);
        if (config.offline.enabled) return loginOffline(till, code, pin);
        bell();
        return { key: 'db.lost', tone: 'error' };
      }
      bell();
      if (e instanceof Refusal) return { key: e.key, params: e.params, tone: 'error' };
      log.error({ err: e }, 'login failed');
      return { key: 'fault', params: { detail: faultDetail(e), log: logFile(config.dataDir) }, tone: 'error' };
    }
  };

  /** The operator's sign-out in the till's journal; the till closing waits for it (quit). */
  const journalSignOut = (how: 'logout' | 'quit') => {
    if (!till || !operator) return;
    const write = () => journalLogout(till.db, till.terminal.id, operator.id, how).catch((e: unknown) => log.error({ err: e }, 'sign-out not journalled'));
    if (how === 'quit') till.finishing.add(write);
    else void write();
  };
  const quit = () => {
    journalSignOut('quit');
    onExit(till);
    exit();
  };

  // One row short of the terminal: a frame as tall as the screen makes Ink clear and redraw
  // all of it each time, where a shorter one lets it rewrite only the lines that changed.
  const screenRows = Math.max(MIN_ROWS - 1, rows - 1);
  const height = screenRows - 1;
  const width = Math.max(MIN_COLUMNS, columns);
  return (
    <UiProvider lang={config.lang} keymap={config.keys}>
      <ScanContextValue.Provider value={scans}><LiveContext.Provider value={live}>
        {tooSmall && <Text bold color="yellow">{t(config.lang, 'screen.tooSmall', { columns: MIN_COLUMNS, rows: MIN_ROWS, width: columns, height: rows })}</Text>}
        <Box flexDirection="column" width={width} height={screenRows} display={tooSmall ? 'none' : 'flex'}>
          <StatusBar
            store={till?.terminal.storeName ?? '…'}
            terminal={till?.terminal.code ?? config.terminal}
            training={training}
            operator={operator?.name ?? null}
            db={db}
            waiting={spool.waiting}
            rejected={spool.rejected}
            offline={config.offline.enabled}
            devices={deviceStatus}
            live={liveState}
            width={width}
          />
          {operator && till && tillDevices ? (
            <>
              <ScanContextValue.Provider value={locked ? lockedScans : scans}>
                <Box flexDirection="column" display={locked ? 'none' : 'flex'}>
                  <Session
                    till={till}
                    operator={operator}
                    devices={tillDevices}
                    width={width}
                    height={height}
                    setDbUp={setDbUp}
                    isOffline={isOffline}
                    onJournaled={spool.wake}
                    bell={bell}
                    log={log}
                    onPending={setPending}
                    onLogout={() => {
                      journalSignOut('logout');
                      setOperator(null);
                    }}
                    onQuit={quit}
                  />
                </Box>
              </ScanContextValue.Provider>
              {locked && <LockScreen name={operator.name} onUnlock={onUnlock} width={width} height={height} />}
            </>
          ) : (
            <LoginScreen onLogin={onLogin} onQuit={quit} notice={notice} ready={till !== null} width={width} height={height} />
          )}
        </Box>
      </LiveContext.Provider></ScanContextValue.Provider>
    </UiProvider>
  );
}
