// Real-time status of an ESC/POS printer (DLE EOT n): answered as soon as the bytes arrive,
// even while the printer is offline or out of paper, and in order with the data sent before.

/** DLE EOT 1 (printer), 2 (offline cause), 4 (roll paper sensor): one byte back for each. */
export const STATUS_QUERY = Buffer.from([0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x04]);
export const STATUS_ANSWER_BYTES = 3;

export interface PrinterStatus {
  online: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperLow: boolean;
}

/** An answer byte has bit 1 and bit 4 set and bits 0 and 7 clear. */
function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

export function parseStatus(answer: Uint8Array): PrinterStatus | null {
  if (answer.length < STATUS_ANSWER_BYTES || ![...answer.subarray(0, 3)].every(isStatusByte)) return null;
  const [printer, cause, paper] = [answer[0]!, answer[1]!, answer[2]!];
  return {
    online: (printer & 0x08) === 0,
    coverOpen: (cause & 0x04) !== 0,
    paperOut: (cause & 0x20) !== 0 || (paper & 0x60) !== 0,
    paperLow: (paper & 0x0c) !== 0,
  };
}

/** The answer a printer in this state gives (for fakes and tests). */
export function statusAnswer(s: PrinterStatus): Buffer {
  const offline = !s.online || s.coverOpen || s.paperOut;
  return Buffer.from([
    0x12 | (offline ? 0x08 : 0),
    0x12 | (s.coverOpen ? 0x04 : 0) | (s.paperOut ? 0x20 : 0),
    0x12 | (s.paperLow ? 0x0c : 0) | (s.paperOut ? 0x60 : 0),
  ]);
}

export const READY: PrinterStatus = { online: true, coverOpen: false, paperOut: false, paperLow: false };
