import { statusAnswer, type PrinterStatus } from '../printer/status';

/**
 * The answers a printer gives to the real-time status queries (DLE EOT n) in what it is sent,
 * read byte by byte: a query split across two reads is still a query. One per connection.
 */
export function statusResponder(status: () => PrinterStatus): (data: Buffer) => Buffer | null {
  let step = 0;
  return (data) => {
    const answers: number[] = [];
    for (const b of data) {
      if (step === 2) {
        const all = statusAnswer(status());
        if (b >= 1 && b <= 4) answers.push(all[b === 1 ? 0 : b === 2 ? 1 : 2]!);
        step = 0;
      } else if (step === 1) step = b === 0x04 ? 2 : b === 0x10 ? 1 : 0;
      else step = b === 0x10 ? 1 : 0;
    }
    return answers.length > 0 ? Buffer.from(answers) : null;
  };
}
