import { Text, useStdin } from 'ink';
import TextInput from 'ink-text-input';
import { useScanContext } from '../devicesContext';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { typeChunk, type Typed } from '../textEdit';

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
  /** Whether this field still has the keys as of the last key (the screen's state may be ahead of its frame: useFieldKeys). */
  holds?(): boolean;
  focus?: boolean;
  mask?: boolean;
  maxLength?: number;
  placeholder?: string;
  scans?: ScanGuard;
}

/**
 * A one-line text field edited by ink-text-input: label, value, cursor while it has the keys.
 *
 * ink-text-input takes each input event as one key, but an event may hold several: a
 * scanner's "code\r", a held Backspace repeating ("\x7f\x7f\x7f"), a fast typist on a slow
 * terminal ("12\r"). It inserts such a chunk as text and calls onChange, never onSubmit: this
 * field finds where it was inserted and types it there key by key (textEdit `typeChunk`),
 * Enter given to onSubmit and what follows typed ahead.
 *
 * ink-text-input also makes each change with the input handler of the frame it last subscribed,
 * and subscribes it in an effect that runs after the frame is drawn: a key arriving before that
 * (a scanner typing every 3 ms, a key pressed as the field appears) meets the handler of an
 * older value, or of a field no longer there, or none. This field listens first of all (a layout
 * effect, in the commit that draws it) and knows whether ink-text-input's handler is this
 * frame's; when it is not, what ink-text-input does with the key is ignored and the key is
 * typed here instead, to the latest value, at its end (where a burst types), once the other
 * listeners (the screen's, which may take a scan) have heard it, and before the next input
 * event is heard by anyone: a command key read in the same chunk as the text before it (an
 * amount, then F3) finds that text typed. A key the screen's state gives to another field
 * (`holds`) is left to the screen (useFieldKeys).
 */
export function TextField({ label, value, onChange, onSubmit, onTypeAhead, holds, focus = true, mask = false, maxLength = 60, placeholder, scans }: Props) {
  const { internal_eventEmitter: events, isRawModeSupported } = useStdin();
  // Under the idle lock the fields of the screen kept behind it are deaf.
  const { locked = false } = useScanContext();
  const takesKeys = focus && isRawModeSupported && !locked;
  // A change refused or rewritten leaves ink-text-input's cursor where the key put it, past
  // the value: the input starts again, its cursor at the end.
  const [generation, setGeneration] = useState(0);
  const restart = () => setGeneration((g) => g + 1);

  /** The value as of the last key: what this field gave on since the last frame, or the value drawn. */
  const latest = useRef(value);
  latest.current = value;
  const drawn = useRef(value);
  drawn.current = value;
  const frames = useRef(0);
  frames.current += 1;
  /** The frame whose effects have run: ink-text-input's handler is this frame's when it is the
   * last one and nothing was given on since (then its value is the one drawn). */
  const heard = useRef(0);
  useEffect(() => {
    heard.current = frames.current;
  });
  const live = useRef(false);
  const holding = useRef(holds);
  holding.current = holds;
  /** The input event being heard: whether this field has it (`mine`), and whether ink-text-input may apply it (`fresh`). */
  const event = useRef({ raw: '', mine: true, fresh: true });
  /** An input event ink-text-input could not apply rightly, still to be typed here. */
  const pending = useRef<string | null>(null);

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
  /** What an input event typed: its text kept, its Enter submitted (unless it ended a scan the screen took), what followed typed ahead. */
  const take = (typed: Typed) => {
    if (!typed.enter) return set(typed.value);
    const unscanned = withoutScan(typed.value);
    const kept = set(unscanned ?? typed.value);
    if (unscanned === null) {
      onSubmit?.();
      if (typed.ahead !== '') onTypeAhead?.(typed.ahead);
    }
    return kept;
  };
  /** An input event ink-text-input's handler could not apply rightly, typed at the end of the latest value. */
  const replay = useRef(() => {});
  replay.current = () => {
    const raw = pending.current;
    pending.current = null;
    if (raw === null || !live.current) return;
    take(typeChunk(latest.current, latest.current.length, raw));
    restart();
  };

  useLayoutEffect(() => {
    if (!takesKeys) return;
    live.current = true;
    const seen = (raw: string) => {
      // The event before is typed before anyone hears this one.
      replay.current();
      scans?.clear();
      const mine = holding.current?.() ?? true;
      event.current = { raw, mine, fresh: mine && heard.current === frames.current && latest.current === drawn.current };
      if (mine && !event.current.fresh && isText(raw) && /[^\x00-\x07\x0b\x0c\x0e-\x1f]/.test(raw)) {
        pending.current = raw;
        queueMicrotask(() => replay.current());
      }
      // Any other key heard by an older frame's handler moved ink-text-input's cursor from where it
      // stood then (F12 just after "abc": to the start), changing nothing: the input starts again.
      else if (mine && !event.current.fresh) queueMicrotask(() => live.current && restart());
    };
    events.prependListener('input', seen);
    return () => {
      live.current = false;
      pending.current = null;
      events.off('input', seen);
    };
  }, [takesKeys, events, scans]);

  const change = (computed: string) => {
    if (!live.current) return;
    if (!event.current.mine) return restart();
    if (!event.current.fresh) return;
    const { raw } = event.current;
    if (!isText(raw)) return restart();
    // ink-text-input inserted the event as it came, at its cursor (or took one Backspace there).
    const was = drawn.current;
    let at = -1;
    for (let c = was.length; c >= 0 && at < 0; c--) if (computed === was.slice(0, c) + raw + was.slice(c)) at = c;
    const typed = at < 0 ? { value: computed, enter: false, ahead: '' } : typeChunk(was, at, raw);
    if (take(typed) !== computed) restart();
  };
  const submit = () => {
    if (!live.current || !event.current.mine || !event.current.fresh) return;
    const unscanned = withoutScan(latest.current);
    if (unscanned === null) return onSubmit?.();
    set(unscanned);
    restart();
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
