import { useEffect, useState } from 'react';
import type { Operator } from '../app/session';
import type { Till } from '../app/till';
import type { TillDevices } from '../app/tillDevices';
import { useCustomerDisplay } from './hooks/useCustomerDisplay';
import { useSale } from './hooks/useSale';
import { setLogContext } from '../app/log';
import { BackRoom } from './backroom/BackRoom';
import { HelpScreen } from './screens/HelpScreen';
import { SaleScreen, type GridState } from './screens/SaleScreen';
import { TenderScreen } from './screens/TenderScreen';

export interface SessionProps {
  till: Till;
  operator: Operator;
  /** Receipts through the print queue, the drawer, the customer display. */
  devices: TillDevices;
  width: number;
  height: number;
  setDbUp(up: boolean): void;
  /** The server away and this till selling offline. */
  isOffline(): boolean;
  /** A sale went into the offline journal. */
  onJournaled(): void;
  bell(): void;
  log: { error(obj: object, msg: string): void };
  /** Told when a paid sale starts or stops waiting for the database (shown on the status bar). */
  onPending(waiting: boolean): void;
  onLogout(): void;
  onQuit(): void;
}

/** One operator's session: the sale screen, the tender screen, and help over either. */
export function Session(props: SessionProps) {
  const sale = useSale(props);
  useCustomerDisplay(sale.state, props.devices.hub, props.till.config.lang, props.till.terminal.storeName);
  const [help, setHelp] = useState(false);
  // false: the till; null: the back-office menu; a screen's id: that screen, opened by its key.
  const [backroom, setBackroom] = useState<string | null | false>(false);
  // The item keys stay open from one ticket to the next (a bakery sells from them all day).
  const [grid, setGrid] = useState<GridState>({ open: false, index: 0 });
  const waiting = sale.state.commit === 'waiting';
  // Every log line says who is at the till and which ticket is open.
  useEffect(() => {
    setLogContext({ operator: props.operator.code });
    return () => setLogContext({ operator: null, sale: null });
  }, [props.operator.code]);
  useEffect(() => setLogContext({ sale: sale.state.basket.key }), [sale.state.basket.key]);
  useEffect(() => props.onPending(waiting), [waiting]);
  const { width, height } = props;

  const busy = (key: 'quit.openSale') => {
    sale.message({ key, tone: 'error' });
    props.bell();
  };
  const onCommand = (c: 'help' | 'logout' | 'quit' | 'backroom', screen?: string) => {
    if (c === 'help') return setHelp(true);
    if (c === 'backroom') return setBackroom(screen ?? null);
    const s = sale.current();
    if (s.basket.lines.length > 0 || s.commit !== 'idle') return busy('quit.openSale');
    return c === 'logout' ? props.onLogout() : props.onQuit();
  };

  if (help) return <HelpScreen onClose={() => setHelp(false)} width={width} height={height} />;
  // The open ticket waits, untouched, while the back office is used.
  if (backroom !== false) return <BackRoom till={props.till} operator={props.operator} devices={props.devices} width={width} height={height} initial={backroom ?? undefined} onBack={() => setBackroom(false)} />;
  if (sale.state.payment) return <TenderScreen sale={sale} active width={width} height={height} onHelp={() => setHelp(true)} />;
  return <SaleScreen sale={sale} active width={width} height={height} onCommand={onCommand} grid={grid} onGrid={setGrid} />;
}
