// `pos kiosk install`: the systemd units that make a thin client a till. Pure text, made from
// what the machine has (node, the program, the till's folder, its user), checked by
// `systemd-analyze verify` in the tests.
//
// The till runs on tty1 in place of its login prompt (Conflicts=getty@tty1): at boot, full
// screen, started again whenever it ends (Ctrl+Q, a crash), and no shell is ever offered on the
// console: the other virtual consoles get no login prompt either (logind: NAutoVTs=0).

export interface KioskSpec {
  /** The till's code, in the unit's description. */
  terminal: string;
  /** Absolute path of node. */
  node: string;
  /** Absolute path of bin/pos. */
  pos: string;
  /** POS_HOME: the till's own folder (config/local.json, .pos/). */
  home: string;
  /** The system user the till runs as (never root: it needs no rights on the machine). */
  user: string;
  /** The console the till takes (1: tty1). */
  tty: number;
  /** A daily backup timer too (backup.daily). */
  dailyBackup: boolean;
}

export interface UnitFile {
  /** The file's name in /etc/systemd/system (or in logind.conf.d for the console settings). */
  name: string;
  /** Where it goes under the root given (/ for the machine). */
  dir: 'etc/systemd/system' | 'etc/systemd/logind.conf.d';
  text: string;
}

const quote = (s: string) => (/^[A-Za-z0-9_./:=@+-]+$/.test(s) ? s : `"${s.replace(/(["\\])/g, '\\$1')}"`);

export function tillUnit(s: KioskSpec): string {
  const tty = `tty${s.tty}`;
  return `# Made by \`pos kiosk install\`: the till ${s.terminal} on ${tty}, full screen from boot.
[Unit]
Description=Caisse pos ${s.terminal} (${tty})
After=network-online.target systemd-user-sessions.service getty@${tty}.service
Wants=network-online.target
Conflicts=getty@${tty}.service
# However often it ends, it comes back: no limit on restarts.
StartLimitIntervalSec=0

[Service]
Type=simple
User=${s.user}
WorkingDirectory=${quote(s.home)}
Environment=POS_HOME=${quote(s.home)}
Environment=TERM=linux
Environment=NODE_ENV=production
ExecStart=${quote(s.node)} ${quote(s.pos)}
StandardInput=tty-force
StandardOutput=tty
StandardError=journal
TTYPath=/dev/${tty}
TTYReset=yes
TTYVHangup=yes
TTYVTDisallocate=yes
UtmpIdentifier=${tty}
UtmpMode=user
Restart=always
RestartSec=2

[Install]
WantedBy=multi-user.target
`;
}

/** No login prompt on the other consoles (Ctrl+Alt+F2…): a cashier never reaches a shell. */
export function logindDropIn(): string {
  return `# Made by \`pos kiosk install\`: no login prompt on the other virtual consoles.
[Login]
NAutoVTs=0
ReserveVT=0
`;
}

export function backupService(s: KioskSpec): string {
  return `# Made by \`pos kiosk install\` (backup.daily): the day's backup, the oldest beyond backup.keep removed.
[Unit]
Description=Sauvegarde quotidienne pos ${s.terminal}
After=network-online.target
Wants=network-online.target

[Service]
Type=oneshot
User=${s.user}
WorkingDirectory=${quote(s.home)}
Environment=POS_HOME=${quote(s.home)}
ExecStart=${quote(s.node)} ${quote(s.pos)} backup --daily
`;
}

export function backupTimer(s: KioskSpec): string {
  return `# Made by \`pos kiosk install\` (backup.daily).
[Unit]
Description=Sauvegarde quotidienne pos ${s.terminal}

[Timer]
OnCalendar=*-*-* 03:30:00
Persistent=true
RandomizedDelaySec=10min

[Install]
WantedBy=timers.target
`;
}

export const TILL_UNIT = 'pos-till.service';

export function kioskUnits(s: KioskSpec): UnitFile[] {
  return [
    { name: TILL_UNIT, dir: 'etc/systemd/system', text: tillUnit(s) },
    { name: 'pos-kiosk.conf', dir: 'etc/systemd/logind.conf.d', text: logindDropIn() },
    ...(s.dailyBackup
      ? [
          { name: 'pos-backup.service', dir: 'etc/systemd/system', text: backupService(s) } as const,
          { name: 'pos-backup.timer', dir: 'etc/systemd/system', text: backupTimer(s) } as const,
        ]
      : []),
  ];
}
