import { memo } from 'react';
import { Text } from 'ink';
import { useUi } from '../context';
import type { Message } from '../state/saleState';

export const MessageLine = memo(function MessageLine({ message, width }: { message: Message | null; width: number }) {
  const { say } = useUi();
  if (!message) return <Text> </Text>;
  const color = message.tone === 'error' ? 'red' : message.tone === 'ok' ? 'green' : 'cyan';
  return (
    <Text color={color} bold={message.tone === 'error'} wrap="truncate-end">
      {say(message).slice(0, width)}
    </Text>
  );
});
