import { Box, Text } from 'ink';
import type { ListedReward } from '../../../app/loyalty/rewardChanges';
import type { LoyaltyProgram } from '../../../domain/loyalty/program';
import type { MessageKey } from '../../../i18n/messages';
import { Wrapped } from '../../components/Wrapped';
import { useUi } from '../../context';

/** The program's settings as they are, and what the other parts hold. */
export function ProgramView({ program, rewards, earning, width }: { program: LoyaltyProgram; rewards: readonly ListedReward[]; earning: number; width: number }) {
  const { t } = useUi();
  const line = (label: MessageKey, value: string) => <Text>{t('ui.labelValue', { label: t(label), value })}</Text>;
  const active = rewards.filter((r) => r.active).length;
  return (
    <Box flexDirection="column">
      {line('loyaltyBo.field.pointsPerEuro', String(program.pointsPerEuro))}
      {line('loyaltyBo.field.visits', t(program.countVisits ? 'loyaltyBo.yes' : 'loyaltyBo.no'))}
      {line('loyaltyBo.expiry', program.expireMonths === null ? t('loyaltyBo.never') : t('loyaltyBo.months', { n: program.expireMonths }))}
      {line('loyaltyBo.field.cardPrefix', program.cardPrefix ?? t('loyaltyBo.none'))}
      <Text> </Text>
      <Wrapped text={t('loyaltyBo.summary', { rewards: active, off: rewards.length - active, items: earning })} width={width} color="cyan" />
    </Box>
  );
}
