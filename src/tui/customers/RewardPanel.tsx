import { Box, Text } from 'ink';
import { useState } from 'react';
import { giftText } from '../../app/loyalty/gift';
import { rewardKey } from '../../app/loyalty/reward';
import { clip, fit } from '../columns';
import { Wrapped } from '../components/Wrapped';
import { useUi } from '../context';
import { useKeys } from '../hooks/useKeys';
import type { SaleController } from '../hooks/useSale';

/** The reward key when several rewards are reached: the cashier picks the one the customer wants. */
export function RewardPanel({ sale, width, height }: { sale: SaleController; width: number; height: number }) {
  const { t, lang } = useUi();
  const customer = sale.current().basket.customer;
  const rewards = customer?.facts?.rewards ?? [];
  const [index, setIndex] = useState(0);
  // The gift says what the customer gets: it keeps its room, the name gives way first.
  const giftWidth = Math.max(12, ...rewards.map((r) => giftText(r, lang).length));
  const nameWidth = Math.max(12, Math.min(31, width - 14 - giftWidth));
  useKeys((e) => {
    if (e.name === 'escape') return sale.back();
    if (e.name === 'up' || e.name === 'down') return setIndex((i) => Math.max(0, Math.min(rewards.length - 1, i + (e.name === 'up' ? -1 : 1))));
    const chosen = rewards[index];
    if (e.name !== 'return' || !chosen) return;
    sale.run(async (till) => {
      const r = await rewardKey(till.db, sale.current().basket, chosen.id);
      if ('actions' in r) sale.applyActions(r.actions, { ...r.message, tone: 'ok' });
    });
  });
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Wrapped text={t('reward.title', { name: customer?.name ?? '' })} width={width} bold />
      <Box flexDirection="column" flexGrow={1}>
        {rewards.map((r, i) => (
          <Text key={r.id} inverse={i === index} wrap="truncate-end">
            {`${fit(r.name, nameWidth)}${fit(t(r.unit === 'points' ? 'loyalty.count.points' : 'loyalty.count.visits', { n: r.cost }), 14)}${clip(giftText(r, lang), giftWidth)}`}
          </Text>
        ))}
      </Box>
      <Wrapped text={t('reward.hint')} width={width} dimColor />
    </Box>
  );
}
