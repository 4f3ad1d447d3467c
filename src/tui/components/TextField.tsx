import { Text, useStdin } from 'ink';
import TextInput from 'ink-text-input';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { typedLines } from '../textEdit';

/**
 * A wedge scan the screen took as a scan (useKeys saw it first and called the screen's onScan)
 * also reaches the focused field: its characters typed one by one, or with its CR in one chunk.
 * The screen says `took(code)`; the field then drops the code and does not submit. Only good
 * for the input event being handled: the field clears it when the next one starts.
 */
export interface ScanGuard {
  took(code: string): void;
  take(): string | null;
  clear(): void;
}

export function useScanGuard(): ScanGuard {
  const code = useRef<string | null>(null);
  return useMemo(
    () => ({
      took: (c: string) => void (code.current = c),
      take: () => {
        const c = code.current;
        code.current = null;
        return c;
      },
      clear: () => void (code.current = null),
    }),
    [],
  );
}

/**
 * Whether an input event may change text. ink-text-input types the letter of Ctrl+letter and
 * of Alt+letter, and takes Delete for Backspace: those are keys of the screen, not text.
 */
const isText = (raw: string) => !raw.startsWith('\x1b') && !/^[\x00-\x07\x0b\x0c\x0e-\x1f]$/.test(raw);

interface Props {
  label: string;
  value: string;
  onChange(value: string): void;
  /** Enter: typed alone, or ending what a scanner sent in one chunk. */
  onSubmit?(): void;
  /** What followed the first line break of one chunk: keys typed ahead for the next field. */
  onTypeAhead?(text: string): void;
  focus?: boolean;
  mask?: boolean;
  maxLength?: number;
  placeholder?: string;
  scans?: ScanGuard;
}

/**
 * A one-line text field edited by ink-text-input: label, value, cursor while it has the keys.
 * ink-text-input puts a chunk's CR into the value and calls onChange, not onSubmit: a scanner's
 * "code\r" is split here, the code kept and Enter given to onSubmit.
 */
export function TextField({ label, value, onChange, onSubmit, onTypeAhead, focus = true, mask = false, maxLength = 60, placeholder, scans }: Props) {
  const { internal_eventEmitter: events, isRawModeSupported } = useStdin();
  const takesKeys = focus && isRawModeSupported;
  const raw = useRef('');
  // ink-text-input makes each change from the value its input handler was made with, and that
  // handler is renewed in an effect, after the frame: keys arriving before it (a scanner typing
  // every 3 ms, a burst read before React redraws) meet the handler of an older value, and the
  // characters in between are lost. `latest` is the value as of the last key (what this field
  // asked for since the last frame, or the value drawn), `heard` the one the subscribed handler
  // was made with (this effect runs after ink-text-input's own); when they differ, the key is
  // applied here to the latest value, at its end, where a burst types.
  const latest = useRef(value);
  latest.current = value;
  const heard = useRef(value);
  useEffect(() => {
    heard.current = value;
  });
  // ink-text-input moves its cursor before asking for the change: a change refused (a key that
  // is no text, too many characters) starts it again, cursor at the end, or it points past the value.
  const [generation, setGeneration] = useState(0);
  const refuse = () => setGeneration((g) => g + 1);

  // First of all listeners, whatever order the others subscribed in: the field must know what
  // the terminal sent before ink-text-input turns it into a value.
  useLayoutEffect(() => {
    if (!takesKeys) return;
    const seen = (data: string) => {
      raw.current = data;
      scans?.clear();
    };
    events.prependListener('input', seen);
    return () => void events.off('input', seen);
  }, [takesKeys, events, scans]);

  /** Gives the value on; returns it as kept (at most `maxLength` characters). */
  const set = (text: string) => {
    const next = text.slice(0, maxLength);
    if (next !== latest.current) {
      latest.current = next;
      onChange(next);
    }
    return next;
  };
  /** The text without a scan the screen took at its end; null when there was none. */
  const withoutScan = (text: string) => {
    const code = scans?.take();
    if (!code) return null;
    return text.endsWith(code) ? text.slice(0, -code.length) : text;
  };
  const change = (computed: string) => {
    if (!isText(raw.current)) return refuse();
    const stale = heard.current !== latest.current;
    const next = !stale ? computed : raw.current === '\x7f' || raw.current === '\b' ? latest.current.slice(0, -1) : latest.current + raw.current;
    const { lines, rest } = typedLines(next);
    const first = lines[0];
    const unscanned = first === undefined ? null : withoutScan(first);
    const kept = set(unscanned ?? first ?? rest);
    if (kept !== computed) refuse();
    if (first === undefined || unscanned !== null) return;
    onSubmit?.();
    const ahead = lines.slice(1).map((l) => `${l}\r`).join('') + rest;
    if (ahead !== '') onTypeAhead?.(ahead);
  };
  const submit = () => {
    const unscanned = withoutScan(latest.current);
    if (unscanned === null) return onSubmit?.();
    set(unscanned);
    refuse();
  };

  const shown = mask ? '•'.repeat(value.length) : value;
  return (
    <Text wrap="truncate-end">
      <Text bold>{label} › </Text>
      {takesKeys ? (
        <TextInput key={generation} value={value} onChange={change} onSubmit={submit} mask={mask ? '•' : undefined} placeholder={placeholder} />
      ) : (
        <Text dimColor>{shown === '' && placeholder ? placeholder : shown}</Text>
      )}
    </Text>
  );
}
