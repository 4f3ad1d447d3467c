import { memo } from 'react';
import { useUi } from '../context';
import type { Message } from '../state/saleState';
import { Wrapped, wrappedRows } from './Wrapped';

/** The rows a message takes at `width`: one at least (the line stays, blank), more when it wraps. */
export const messageRows = wrappedRows;

/** The message of the last action, wrapped onto as many lines as it takes: never cut. */
export const MessageLine = memo(function MessageLine({ message, width }: { message: Message | null; width: number }) {
  const { say } = useUi();
  if (!message) return <Wrapped text="" width={width} />;
  const color = message.tone === 'error' ? 'red' : message.tone === 'ok' ? 'green' : 'cyan';
  return <Wrapped text={say(message)} width={width} color={color} bold={message.tone === 'error'} />;
});
