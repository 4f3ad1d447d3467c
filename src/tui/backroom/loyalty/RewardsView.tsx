import { Box, Text } from 'ink';
import { giftText } from '../../../app/loyalty/gift';
import type { ListedReward } from '../../../app/loyalty/rewardChanges';
import { table } from '../../columns';
import { Wrapped, wrappedRows } from '../../components/Wrapped';
import { useUi } from '../../context';

type Say = ReturnType<typeof useUi>['t'];

/** The selected reward's number and how it applies, and whether it is taken out. */
const detailOf = (t: Say, r: ListedReward) =>
  [t('loyaltyBo.rewardDetail', { id: r.id, mode: t(r.automatic ? 'loyaltyBo.automatic.yes' : 'loyaltyBo.automatic.no') }), r.active ? '' : t('loyaltyBo.offNote')].filter(Boolean).join(' · ');

/** Every reward, those taken out of the program dimmed; the selected one's number and mode under the table. */
export function RewardsView({ rewards, index, width, height }: { rewards: readonly ListedReward[]; index: number; width: number; height: number }) {
  const { t, lang } = useUi();
  const selected = rewards[index];
  const detail = selected ? detailOf(t, selected) : '';
  const rows = Math.max(1, height - 1 - (detail ? wrappedRows(detail, width) : 0));
  const cost = (r: ListedReward) => t(r.unit === 'points' ? 'loyalty.count.points' : 'loyalty.count.visits', { n: r.cost });
  // What the reward gives keeps its room; the number and the mode give way on a narrow screen.
  const giftWidth = Math.min(32, 1 + Math.max(t('loyaltyBo.col.gift').length, ...rewards.map((r) => giftText(r, lang).length)));
  const row = table([{ width: 4, right: true, drop: 2 }, { width: 12, flex: true }, { width: 15 }, { width: giftWidth }, { width: 12, drop: 1 }, { width: 6 }], width);
  const first = Math.max(0, index - rows + 1);
  return (
    <Box flexDirection="column">
      <Text dimColor>{row([t('loyaltyBo.col.no'), t('loyaltyBo.col.name'), t('loyaltyBo.col.threshold'), t('loyaltyBo.col.gift'), t('loyaltyBo.col.mode'), t('loyaltyBo.col.active')])}</Text>
      {rewards.length === 0 && <Text dimColor>{t('loyaltyBo.noRewards')}</Text>}
      {rewards.slice(first, first + rows).map((r) => (
        <Text key={r.id} inverse={r.id === selected?.id} dimColor={!r.active}>
          {row([String(r.id), r.name, cost(r), giftText(r, lang), t(r.automatic ? 'loyaltyBo.mode.automatic' : 'loyaltyBo.mode.byKey'), t(r.active ? 'loyaltyBo.yes' : 'loyaltyBo.no')])}
        </Text>
      ))}
      {detail && <Wrapped text={detail} width={width} color="cyan" />}
    </Box>
  );
}
