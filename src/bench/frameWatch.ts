// What a screen drew since the last wait, checked at each write, so that a frame is timed as it
// leaves the program: the bench's in-process screens and the built till on a pseudo-terminal.
import { plainText } from './pty';

export class FrameWatch {
  private text = '';
  private waiter: { check: (s: string) => boolean; done: (at: number) => void } | null = null;

  /** Output written now. */
  feed(chunk: string): void {
    this.text += chunk;
    if (this.waiter?.check(this.text)) {
      const { done } = this.waiter;
      this.waiter = null;
      done(performance.now());
    }
  }

  /** Resolves with the time of the write that made `check` hold; only later writes count. */
  waitFor(check: (s: string) => boolean, timeoutMs = 5000): Promise<number> {
    this.text = '';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new Error(`no frame matched within ${timeoutMs} ms; last output: ${plainText(this.text).replace(/\s+/g, ' ').slice(-300)}`));
      }, timeoutMs);
      this.waiter = {
        check,
        done: (at) => {
          clearTimeout(timer);
          resolve(at);
        },
      };
    });
  }
}
