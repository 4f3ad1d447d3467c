import { Text } from 'ink';
import { memo } from 'react';
import type { BasketCustomer } from '../../domain/basket';
import { formatRate } from '../../domain/vat';
import { clip } from '../columns';
import { useUi } from '../context';
import { keysOf } from '../keymap';

/**
 * The customer on the ticket, above the basket: who, their points and visits, their account,
 * their discount, and a reward reached (with its key) or how far the next one is.
 */
export const CustomerLine = memo(function CustomerLine({ customer, width }: { customer: BasketCustomer; width: number }) {
  const { t, money, lang, keymap } = useUi();
  const f = customer.facts;
  const parts = [`${customer.name} (${customer.code})`];
  if (f) {
    parts.push(t('customer.line.points', { n: f.points }), t('customer.line.visits', { n: f.visits }));
    if (f.accountCents !== null) parts.push(t('customer.line.account', { amount: money(f.accountCents) }));
    if (f.discountBp) parts.push(t('customer.line.discount', { rate: formatRate(f.discountBp, lang) }));
  }
  const reward = f?.rewards[0];
  const tail = reward
    ? t('customer.line.reward', { name: reward.name, key: keysOf(keymap, 'reward') })
    : f?.next ? t('customer.line.next', { missing: `${f.next.missing} ${t(`loyalty.unit.${f.next.unit}`)}` }) : '';
  const text = `${parts.join(' · ')}${tail ? ` · ${tail}` : ''}`;
  return (
    <Text color={reward ? 'yellow' : 'cyan'} bold={Boolean(reward)} wrap="truncate-end">
      {clip(text, width)}
    </Text>
  );
});
