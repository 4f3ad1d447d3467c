import { Box, Text } from 'ink';
import { useState } from 'react';
import { giftText } from '../../app/loyalty/gift';
import { rewardKey } from '../../app/loyalty/reward';
import { useUi } from '../context';
import { useKeys } from '../hooks/useKeys';
import type { SaleController } from '../hooks/useSale';

/** The reward key when several rewards are reached: the cashier picks the one the customer wants. */
export function RewardPanel({ sale, width, height }: { sale: SaleController; width: number; height: number }) {
  const { t, lang } = useUi();
  const customer = sale.current().basket.customer;
  const rewards = customer?.facts?.rewards ?? [];
  const [index, setIndex] = useState(0);
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
      <Text bold>{t('reward.title', { name: customer?.name ?? '' })}</Text>
      <Box flexDirection="column" flexGrow={1}>
        {rewards.map((r, i) => (
          <Text key={r.id} inverse={i === index} wrap="truncate-end">
            {`${r.name.padEnd(30)} ${t('reward.cost', { cost: r.cost, unit: t(`loyalty.unit.${r.unit}`) }).padEnd(14)} ${giftText(r, lang)}`}
          </Text>
        ))}
      </Box>
      <Text dimColor>{t('reward.hint')}</Text>
    </Box>
  );
}
