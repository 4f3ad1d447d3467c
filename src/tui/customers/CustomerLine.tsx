import { Box, Text } from 'ink';
import { memo } from 'react';
import type { BasketCustomer } from '../../domain/basket';
import { formatRate } from '../../domain/vat';
import { wrapParts } from '../columns';
import { useUi } from '../context';
import { keysOf } from '../keymap';

/** The customer line takes two rows at most: what does not fit is left out at a part, never cut inside one. */
export const CUSTOMER_ROWS = 2;

/**
 * The customer on the ticket, above the basket: who, their points and visits, their account,
 * their discount, and a reward reached (with its key) or how far the next one is; on as many
 * rows as `customerLines` said.
 */
export function useCustomerLines(customer: BasketCustomer | null, width: number): string[] {
  const { t, money, lang, keymap } = useUi();
  if (!customer) return [];
  const f = customer.facts;
  const parts = [`${customer.name} (${customer.code})`];
  if (f) {
    parts.push(t('customer.line.points', { n: f.points }), t('customer.line.visits', { n: f.visits }));
    if (f.accountCents !== null) parts.push(t('customer.line.account', { amount: money(f.accountCents) }));
    if (f.discountBp) parts.push(t('customer.line.discount', { rate: formatRate(f.discountBp, lang) }));
  }
  const reward = f?.rewards[0];
  if (reward) parts.push(t('customer.line.reward', { name: reward.name, key: keysOf(keymap, 'reward', lang) }));
  else if (f?.next) parts.push(t('customer.line.next', { missing: t(f.next.unit === 'points' ? 'loyalty.count.points' : 'loyalty.count.visits', { n: f.next.missing }) }));
  return wrapParts(parts, width, CUSTOMER_ROWS);
}

export const CustomerLine = memo(function CustomerLine({ lines, reward }: { lines: readonly string[]; reward: boolean }) {
  return (
    <Box flexDirection="column" flexShrink={0}>
      {lines.map((line, i) => (
        <Text key={i} color={reward ? 'yellow' : 'cyan'} bold={reward}>
          {line}
        </Text>
      ))}
    </Box>
  );
});
