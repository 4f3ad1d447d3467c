// USB HID POS barcode scanners (usage page 0x8C) send each code in "scanned data" reports:
//   byte 0      report id 0x02
//   byte 1      number of data bytes in this report
//   bytes 2–4   AIM symbology identifier (]E0 for EAN-13…)
//   bytes 5…    the data (56 bytes at most per report)
//   last byte   bit 0 set: the code goes on in the next report
// (as Honeywell, Zebra and Datalogic scanners in HID POS mode send them).

export const SCANNED_DATA_REPORT = 0x02;

export interface HidPosPart {
  text: string;
  more: boolean;
}

export function parseHidPosReport(report: Uint8Array): HidPosPart | null {
  if (report.length < 6 || report[0] !== SCANNED_DATA_REPORT) return null;
  const length = report[1]!;
  const data = report.subarray(5, Math.min(report.length - 1, 5 + length));
  return { text: Buffer.from(data).toString('latin1'), more: (report[report.length - 1]! & 0x01) !== 0 };
}

/** A report as a scanner would send it (tests, fakes): 64 bytes, zero-padded. */
export function hidPosReport(text: string, more = false, symbology = ']E0'): Buffer {
  const r = Buffer.alloc(64);
  r[0] = SCANNED_DATA_REPORT;
  r[1] = text.length;
  r.write(symbology.slice(0, 3), 2, 'latin1');
  r.write(text.slice(0, 56), 5, 'latin1');
  r[63] = more ? 1 : 0;
  return r;
}

/** Puts together the parts of codes longer than one report. */
export class HidPosAssembler {
  private parts = '';
  push(report: Uint8Array): string | null {
    const part = parseHidPosReport(report);
    if (!part) return null;
    this.parts += part.text;
    if (part.more) return null;
    const code = this.parts;
    this.parts = '';
    return code;
  }
}
