// Text from outside (typed, scanned, read from a file or a request) echoed in a message: its
// control characters, line and paragraph separators and bidi overrides are written out, so
// the message stays on one line and cannot move the cursor, colour the terminal or reorder
// what the reader sees.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function oneLine(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
