import { Box, Text } from 'ink';
import { useCallback, useEffect } from 'react';
import { Refusal } from '../../../app/errors';
import { costFromText, itemPointsFromText, programFromText, rewardFromText } from '../../../app/loyalty/formInput';
import { findItemsForPoints, setItemPoints } from '../../../app/loyalty/itemPoints';
import { loyaltyProgramChange, loyaltyRewardAdd } from '../../../app/loyalty/changes';
import { changeRewardCost, turnReward } from '../../../app/loyalty/rewardChanges';
import { loyaltySettings } from '../../../app/loyalty/settings';
import { ruleChange } from '../../../app/ruleChange';
import { changeBy } from '../changeBy';
import type { MessageKey } from '../../../i18n/messages';
import { MessageLine, messageRows } from '../../components/MessageLine';
import { Wrapped, wrappedRows } from '../../components/Wrapped';
import { useUi } from '../../context';
import { useFieldKeys } from '../../hooks/useFieldKeys';
import { useKeys } from '../../hooks/useKeys';
import { useTickState } from '../../hooks/useTickState';
import type { Message } from '../../state/saleState';
import { FormView } from '../coupons/FormView';
import type { BackroomProps } from '../registry';
import { useJob } from '../vouchers/useJob';
import { ItemsView, itemRows } from './ItemsView';
import { fieldFocus, initialLoyalty, itemsShown, loyaltyReducer, SECTIONS, type LoyaltyEffect, type LoyaltyEvent, type LoyaltyState } from './loyaltyState';
import { ProgramView } from './ProgramView';
import { RewardsView } from './RewardsView';

const TAB: Record<(typeof SECTIONS)[number], MessageKey> = { program: 'loyaltyBo.tab.program', rewards: 'loyaltyBo.tab.rewards', items: 'loyaltyBo.tab.items' };

function hintOf(s: LoyaltyState): MessageKey {
  if (s.mode === 'cost' || s.mode === 'points') return 'loyaltyBo.oneFieldHint';
  if (s.mode !== 'view') return 'loyaltyBo.formHint';
  return s.section === 'program' ? 'loyaltyBo.programHint' : s.section === 'rewards' ? 'loyaltyBo.rewardsHint' : 'loyaltyBo.itemsHint';
}

/**
 * The loyalty program in the back room (managers): its settings, its rewards, the items' own
 * points, each changed through the use cases `pos loyalty` runs, with their refusals.
 */
export function LoyaltyScreen({ till, operator, width, height, onBack }: BackroomProps) {
  const { t, say } = useUi();
  const store = useTickState(initialLoyalty);
  const s = store.shown;
  const fail = useCallback((message: Message) => store.set(loyaltyReducer(store.current(), { type: 'message', message }).state), [store]);
  const run = useJob(till.config.dataDir, fail);
  const db = till.db;
  // A manager's screen: each change is audited as `pos loyalty`'s, approved by the operator signed in.
  const by = changeBy({ till, operator }, true);

  const hint = t(hintOf(s));
  const message: Message | null = s.busy ? { key: 'loyaltyBo.busy', tone: 'info' } : s.message;
  // The message and the hint wrap on a narrow screen: the body gives them the rows they take.
  const bodyHeight = Math.max(3, height - 1 - messageRows(message ? say(message) : '', width) - wrappedRows(hint, width));
  const pageSize = Math.max(1, s.section === 'items' ? itemRows(t, itemsShown(s), width, bodyHeight) : bodyHeight - 2);
  /** The search whose rows are shown, run again once something changed. */
  const research = () => store.current().found?.query ?? null;

  const perform = (effect: LoyaltyEffect) => {
    if (!effect) return;
    switch (effect.kind) {
      case 'back':
        return onBack();
      case 'load':
        return run(async () => {
          const { program, rewards, earning } = await loyaltySettings(db);
          // The items searched for may be gone from sale since: the list is then empty, not refused.
          const found = effect.search === null ? null : await findItemsForPoints(db, effect.search).catch((e: unknown) => {
            if (e instanceof Refusal) return [];
            throw e;
          });
          dispatch({
            type: 'loaded', program, rewards, earning: { query: null, ...earning },
            found: found && { query: effect.search, rows: found, total: found.length }, select: effect.select,
          });
        });
      case 'saveProgram':
        return run(async () => {
          const change = programFromText(effect.program);
          await ruleChange(db, by, loyaltyProgramChange(change));
          dispatch({ type: 'done', message: { key: 'loyaltyBo.programSaved', tone: 'ok' }, then: { kind: 'load', search: research() } });
        });
      case 'addReward':
        return run(async () => {
          const input = rewardFromText(effect.reward);
          const r = await ruleChange(db, by, loyaltyRewardAdd(input));
          dispatch({ type: 'done', message: { key: 'loyaltyBo.rewardAdded', params: { name: r.name, id: r.id }, tone: 'ok' }, then: { kind: 'load', search: research(), select: r.id } });
        });
      case 'setCost':
        return run(async () => {
          const cost = costFromText(effect.cost);
          const r = await ruleChange(db, by, { action: 'loyalty_reward_cost', work: (trx) => changeRewardCost(trx, effect.reward.id, cost), details: () => ({ reward_id: effect.reward.id, cost }) });
          const key = r.unit === 'points' ? 'loyaltyBo.costSaved.points' : 'loyaltyBo.costSaved.visits';
          dispatch({ type: 'done', message: { key, params: { name: r.name, cost: r.cost }, tone: 'ok' }, then: { kind: 'load', search: research(), select: r.id } });
        });
      case 'turnReward':
        return run(async () => {
          // `pos loyalty reward off`'s action when taken out; put back is the till's own.
          const r = await ruleChange(db, by, {
            action: effect.active ? 'loyalty_reward_on' : 'loyalty_reward_off',
            work: (trx) => turnReward(trx, effect.reward.id, effect.active),
            details: () => ({ reward_id: effect.reward.id, active: effect.active }),
          });
          dispatch({ type: 'done', message: { key: r.active ? 'loyaltyBo.rewardOn' : 'loyaltyBo.rewardOff', params: { name: r.name }, tone: 'ok' }, then: { kind: 'load', search: research(), select: r.id } });
        });
      case 'search':
        return run(async () => {
          const rows = await findItemsForPoints(db, effect.text);
          dispatch({ type: 'found', list: { query: effect.text, rows, total: rows.length } });
        });
      case 'setPoints':
        return run(async () => {
          const points = itemPointsFromText(effect.points);
          await ruleChange(db, by, { action: 'loyalty_item_points', work: (trx) => setItemPoints(trx, effect.item.sku, points), details: () => ({ sku: effect.item.sku.toUpperCase(), points }) });
          dispatch({ type: 'done', message: { key: 'loyaltyBo.pointsSaved', params: { name: effect.item.name, sku: effect.item.sku, points }, tone: 'ok' }, then: { kind: 'load', search: research() } });
        });
    }
  };
  const dispatch = (e: LoyaltyEvent) => {
    const r = loyaltyReducer(store.current(), e);
    store.set(r.state);
    perform(r.effect);
  };

  useEffect(() => perform({ kind: 'load', search: null }), []);
  const keys = useFieldKeys(s, store.current, fieldFocus, (input) => dispatch(input.type === 'submit' ? input : { type: 'edit', id: input.field, value: input.value }), (key) =>
    dispatch({ type: 'key', key, pageSize }),
  );
  useKeys(keys.key);

  let body = null;
  if (s.form && s.mode !== 'view') {
    const title =
      s.mode === 'program' ? t('loyaltyBo.programTitle')
      : s.mode === 'reward' ? t('loyaltyBo.rewardTitle')
      : s.mode === 'cost' ? t('loyaltyBo.costTitle', { name: s.reward!.name })
      : t('loyaltyBo.pointsTitle', { name: s.item!.name, sku: s.item!.sku });
    const titleRows = wrappedRows(title, width);
    body = (
      <Box flexDirection="column">
        <Wrapped text={title} width={width} bold />
        <FormView form={s.form} rows={Math.max(1, bodyHeight - titleRows)} width={width} active={!s.busy} keys={keys} onEvent={(e) => dispatch(e.type === 'key' ? { ...e, pageSize } : e)} />
      </Box>
    );
  } else if (s.section === 'program') {
    if (s.program) body = <ProgramView program={s.program} rewards={s.rewards} earning={s.earning.total} width={width} />;
  } else if (s.section === 'rewards') {
    body = <RewardsView rewards={s.rewards} index={s.rewardIndex} width={width} height={bodyHeight} />;
  } else {
    body = (
      <ItemsView
        search={s.search}
        list={itemsShown(s)}
        index={s.itemIndex}
        width={width}
        height={bodyHeight}
        active={!s.busy}
        keys={keys}
        onEdit={(value) => dispatch({ type: 'edit', id: 'search', value })}
        onSubmit={() => dispatch({ type: 'submit' })}
      />
    );
  }

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text>
        <Text bold>{t('loyaltyBo.title')}</Text>
        {SECTIONS.map((section) => (
          <Text key={section}>
            {'  '}
            <Text inverse={section === s.section}>{` ${t(TAB[section])} `}</Text>
          </Text>
        ))}
      </Text>
      <Box flexDirection="column" height={bodyHeight}>{body}</Box>
      <MessageLine message={message} width={width} />
      <Wrapped text={hint} width={width} dimColor />
    </Box>
  );
}
