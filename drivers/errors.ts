/**
 * What went wrong with a device, as a code the till turns into a message in the cashier's
 * language (src/i18n, `device.error.<code>`); `detail` is for the log.
 */
export type DeviceErrorCode =
  | 'refused' // nothing listens there (connection refused)
  | 'unreachable' // no route, unknown host
  | 'timeout' // connected, but no answer in time
  | 'dropped' // the connection or the port went away in the middle of a job
  | 'missing' // no such device (unplugged USB, absent tty)
  | 'busy' // the device is held by another program
  | 'denied' // no permission on the device node
  | 'offline' // the printer says it is offline
  | 'paperOut'
  | 'coverOpen'
  | 'io'; // any other failure to read or write

export class DeviceError extends Error {
  constructor(readonly code: DeviceErrorCode, readonly detail = '') {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'DeviceError';
  }
}

/** A Node or library error as a device error: the errno says most of it. */
export function asDeviceError(error: unknown): DeviceError {
  if (error instanceof DeviceError) return error;
  const e = error as { code?: string; message?: string; errno?: number };
  const detail = e?.message ?? String(error);
  switch (e?.code) {
    case 'ECONNREFUSED':
      return new DeviceError('refused', detail);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new DeviceError('unreachable', detail);
    case 'ETIMEDOUT':
      return new DeviceError('timeout', detail);
    case 'ECONNRESET':
    case 'EPIPE':
    case 'EIO':
      return new DeviceError('dropped', detail);
    case 'ENOENT':
    case 'ENODEV':
    case 'ENXIO':
    case 'LIBUSB_ERROR_NO_DEVICE':
    case 'LIBUSB_ERROR_NOT_FOUND':
      return new DeviceError('missing', detail);
    case 'EBUSY':
    case 'LIBUSB_ERROR_BUSY':
      return new DeviceError('busy', detail);
    case 'EACCES':
    case 'EPERM':
    case 'LIBUSB_ERROR_ACCESS':
      return new DeviceError('denied', detail);
  }
  if (/no such file|cannot open|not found/i.test(detail)) return new DeviceError('missing', detail);
  if (/permission denied/i.test(detail)) return new DeviceError('denied', detail);
  if (/resource busy|cannot lock/i.test(detail)) return new DeviceError('busy', detail);
  return new DeviceError('io', detail);
}
