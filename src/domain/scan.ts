/**
 * A code as a scanner sent it, before anything looks it up: printable characters only (a
 * serial line with the wrong baud rate, or electrical noise, gives bytes that are not), and
 * not longer than any barcode the till reads.
 */
export function checkScan(code: string): 'scan.unreadable' | null {
  return /^[\x21-\x7e]([\x20-\x7e]{0,126}[\x21-\x7e])?$/.test(code) ? null : 'scan.unreadable';
}
