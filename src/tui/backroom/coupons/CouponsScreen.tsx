import { Box, Text } from 'ink';
import { useCallback, useEffect, useRef } from 'react';
import { usesOf } from '../../../app/coupons/codes';
import { couponCodeEdit, couponCodesStatus, couponDefine, couponEdit } from '../../../app/coupons/changes';
import { EMPTY_FIELDS, fieldsOf } from '../../../app/coupons/definitionFields';
import { couponBySymbol } from '../../../app/coupons/definitions';
import { dayText, discountText, holderText, scheduleText, sourceText, typeText } from '../../../app/coupons/describe';
import { generateCodes, MAX_BATCH, type CodeRequest } from '../../../app/coupons/generate';
import { refuse } from '../../../app/errors';
import { stoppable, Stopped } from '../../../app/progress';
import { ProgressLine } from '../../components/ProgressLine';
import { listCodes } from '../../../data/couponCodes';
import { listDefinitions } from '../../../data/coupons';
import { localTime } from '../../../domain/coupon/schedule';
import { formatDateTime } from '../../../domain/receipt';
import { ticketLabel } from '../../../domain/sale';
import { MessageLine } from '../../components/MessageLine';
import { useUi } from '../../context';
import { useFieldKeys } from '../../hooks/useFieldKeys';
import { useKeys } from '../../hooks/useKeys';
import { useTickState } from '../../hooks/useTickState';
import type { Message } from '../../state/saleState';
import { useJob } from '../vouchers/useJob';
import type { BackroomProps } from '../registry';
import { couponsReducer, FORM_MODES, initialCoupons, type CouponsEffect, type CouponsEvent, type CouponsState } from './couponsState';
import { FormView } from './FormView';
import { clip, table } from '../../columns';
import { Wrapped } from '../../components/Wrapped';
import { textFocus } from './form';
import { fit } from '../../columns';
import { nowOf } from '../../../domain/clock';
import { ruleChange } from '../../../app/ruleChange';
import { changeBy } from '../changeBy';

/** Title, header, page line, the selected row's details, message and hint: what the screen keeps besides its rows. */
const CHROME_ROWS = 7;

const list = (text: string | undefined) => (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** What the "make codes" form asks for, as the use case takes it. */
function codeRequest(symbol: string, v: Record<string, string>): CodeRequest {
  const forSomeone = list(v.customers).length > 0 || list(v.groups).length > 0 || (v.membersOf ?? '').trim() !== '';
  let count: number | undefined;
  if (!forSomeone && (v.code ?? '').trim() === '') {
    count = /^\s*\d{1,7}\s*$/.test(v.count ?? '') ? Number(v.count) : NaN;
    if (!(count >= 1 && count <= MAX_BATCH)) refuse('coupon.codes.countInvalid', { max: MAX_BATCH });
  }
  return {
    symbol, count, customers: list(v.customers), groups: list(v.groups), membersOf: v.membersOf?.trim() || undefined, code: v.code?.trim() || undefined,
    validFrom: v.validFrom, validUntil: v.validUntil, status: v.status, description: v.description,
  };
}

/** The form's text field that has the keys; none while the database answers. */
function fieldFocus(s: CouponsState): { field: string; value: string } | null {
  const f = !s.busy && FORM_MODES.includes(s.mode) && s.form ? textFocus(s.form) : null;
  return f && { field: f.id, value: f.value };
}

/** Coupons in the back room: definitions (list, add, edit), their codes (list, make, edit, block, activate) and uses. */
export function CouponsScreen({ till, operator, width, height, onBack }: BackroomProps) {
  const { t, money, lang } = useUi();
  const store = useTickState(initialCoupons);
  const s = store.shown;
  const pageSize = Math.max(3, height - CHROME_ROWS);
  const fail = useCallback((message: Message) => store.set(couponsReducer(store.current(), { type: 'message', message }).state), [store]);
  const run = useJob(till.config.dataDir, fail);
  const db = till.db;
  // A manager's screen: each change is audited as the CLI's, approved by the operator signed in.
  const by = changeBy({ till, operator }, true);
  // Set by a confirmed Esc: the next batch written stops the run, and its transaction rolls back.
  const stopRequested = useRef(false);

  const perform = (effect: CouponsEffect) => {
    if (!effect) return;
    switch (effect.kind) {
      case 'back':
        return onBack();
      case 'loadDefinitions':
        return run(async () => dispatch({ type: 'definitions', defs: await listDefinitions(db), select: effect.select }));
      case 'openDefinition':
        return run(async () => {
          const fields = effect.symbol === null ? EMPTY_FIELDS : await fieldsOf(db, await couponBySymbol(db, effect.symbol));
          dispatch({ type: 'definitionForm', symbol: effect.symbol, fields });
        });
      case 'saveDefinition':
        return run(async () => {
          const { symbol, fields } = effect;
          const def = await ruleChange(db, by, symbol === null ? couponDefine(fields) : couponEdit(symbol, fields));
          dispatch({ type: 'done', message: { key: 'coupon.ui.saved', params: { symbol: def.symbol }, tone: 'ok' }, then: { kind: 'loadDefinitions', select: def.symbol } });
        });
      case 'loadCodes':
        return run(async () => {
          const { codes, total } = await listCodes(db, effect.def.id, { limit: pageSize, offset: effect.page * pageSize });
          const before = store.current().codes;
          const index = before?.def.id === effect.def.id && before.page === effect.page ? Math.min(before.index, Math.max(0, codes.length - 1)) : 0;
          dispatch({ type: 'codes', page: { def: effect.def, page: effect.page, total, rows: codes, index } });
        });
      case 'generate':
        return run(async () => {
          const request = codeRequest(effect.symbol, effect.values);
          stopRequested.current = false;
          // Told after each batch written (the screen stays live between them); a stop asked
          // meanwhile throws from here, and the one transaction keeps none of the codes.
          const onProgress = stoppable((done, total) => dispatch({ type: 'progress', done, total }), () => stopRequested.current);
          const def = store.current().codes!.def;
          let message: Message;
          try {
            const made = await ruleChange(db, by, {
              action: 'coupon_codes_generate',
              work: (trx) => generateCodes(trx, request, localTime(nowOf(till.config), till.config.timeZone).day, onProgress),
              details: (m) => ({ symbol: request.symbol.trim().toUpperCase(), created: m.created, status: request.status?.trim() || 'inactive', customers: request.customers, groups: request.groups, members_of: request.membersOf ?? null }),
            });
            message = { key: 'coupon.ui.generated', params: { n: made.created }, tone: 'ok' };
          } catch (e) {
            if (!(e instanceof Stopped)) throw e;
            message = { key: 'coupon.ui.stopped', tone: 'info' };
          }
          const { total } = await listCodes(db, def.id, { limit: 1, offset: 0 });
          dispatch({ type: 'done', message, then: { kind: 'loadCodes', def, page: Math.max(0, Math.ceil(total / pageSize) - 1) } });
        });
      case 'stopGenerate':
        stopRequested.current = true;
        return;
      case 'saveCode':
        return run(async () => {
          const v = effect.values;
          const edit = { validFrom: v.validFrom, validUntil: v.validUntil, status: v.status, customer: v.customer, group: v.group, description: v.description };
          const c = await ruleChange(db, by, couponCodeEdit(effect.code, edit));
          const page = store.current().codes!;
          dispatch({ type: 'done', message: { key: 'coupon.ui.codeSaved', params: { code: c.code }, tone: 'ok' }, then: { kind: 'loadCodes', def: page.def, page: page.page } });
        });
      case 'setStatus':
        return run(async () => {
          await ruleChange(db, by, couponCodesStatus([effect.code], effect.status));
          const page = store.current().codes!;
          const key = effect.status === 'blocked' ? 'coupon.ui.blocked' : 'coupon.ui.activated';
          dispatch({ type: 'done', message: { key, params: { code: effect.code }, tone: 'ok' }, then: { kind: 'loadCodes', def: page.def, page: page.page } });
        });
      case 'loadUses':
        return run(async () => {
          const found = await usesOf(db, effect.code);
          dispatch({ type: 'uses', code: found.code.code, rows: found.uses });
        });
    }
  };
  const dispatch = (e: CouponsEvent) => {
    const r = couponsReducer(store.current(), e);
    store.set(r.state);
    perform(r.effect);
  };

  useEffect(() => perform({ kind: 'loadDefinitions' }), []);
  const keys = useFieldKeys(s, store.current, fieldFocus, (input) => dispatch(input.type === 'submit' ? input : { type: 'edit', id: input.field, value: input.value }), (key) =>
    dispatch({ type: 'key', key, pageSize }),
  );
  useKeys(keys.key);

  let title: string;
  let body;
  let hint: string;
  const rows = Math.max(3, height - CHROME_ROWS);
  switch (s.mode) {
    case 'definition':
    case 'generate':
    case 'code':
      title = s.mode === 'definition' ? (s.editing === null ? t('coupon.ui.newTitle') : t('coupon.ui.editTitle', { symbol: s.editing })) : s.mode === 'generate' ? t('coupon.ui.generateTitle', { symbol: s.codes!.def.symbol }) : t('coupon.ui.codeTitle', { code: s.editing! });
      body = s.form ? <FormView form={s.form} rows={rows + 1} width={width - 4} active={!s.busy} keys={keys} onEvent={(e) => dispatch(e.type === 'key' ? { ...e, pageSize } : e)} /> : null;
      hint = t('coupon.ui.formHint');
      break;
    case 'codes':
    case 'confirmBlock': {
      const c = s.codes!;
      const selected = c.rows[c.index];
      const row = table([{ width: 17 }, { width: 11, drop: 1 }, { width: 11, drop: 2 }, { width: 10 }, { width: 14, flex: true }, { width: 6, right: true }], width - 4);
      title = t('coupon.ui.codesTitle', { symbol: c.def.symbol, name: c.def.name });
      body = (
        <Box flexDirection="column">
          <Text dimColor>{row([t('coupon.col.code'), t('coupon.col.from'), t('coupon.col.until'), t('coupon.col.status'), t('coupon.col.holder'), t('coupon.col.uses')])}</Text>
          {c.rows.length === 0 && <Text dimColor>{t('coupon.ui.noCodes')}</Text>}
          {c.rows.map((r, i) => (
            <Text key={r.id} inverse={i === c.index}>
              {row([r.code, dayText(r.validFrom), dayText(r.validUntil), t(`coupon.status.${r.status}`), r.customerCode ?? (r.groupCode ? `@${r.groupCode}` : ''), String(r.uses)])}
            </Text>
          ))}
          {c.total > 0 && <Text dimColor>{t('coupon.ui.page', { page: c.page + 1, pages: Math.max(1, Math.ceil(c.total / pageSize)), total: c.total })}</Text>}
          {selected && <Text color="cyan">{clip([holderText(selected), sourceText(selected, lang), selected.description].filter(Boolean).join(' · '), width - 4)}</Text>}
        </Box>
      );
      hint = t('coupon.ui.codesHint');
      break;
    }
    case 'uses': {
      const u = s.uses!;
      title = t('coupon.ui.usesTitle', { code: u.code });
      const useRow = table([{ width: 12 }, { width: 18 }, { width: 6, drop: 1 }, { width: 11, right: true }, { width: 8, flex: true }], width - 4);
      body = (
        <Box flexDirection="column">
          {u.rows.length === 0 && <Text dimColor>{t('coupon.cli.noUses', { code: u.code })}</Text>}
          {u.rows.slice(0, rows).map((r, i) => (
            <Text key={i}>
              {useRow([ticketLabel(r.terminalCode, r.ticketNo), formatDateTime(r.usedAt, lang, till.config.timeZone), r.storeCode, money(r.amountCents), r.customerCode ? `${r.customerCode} ${r.customerName ?? ''}` : ''])}
            </Text>
          ))}
        </Box>
      );
      hint = t('coupon.ui.usesHint');
      break;
    }
    default: {
      // The discount says what the coupon does: it keeps its room, the dates give way first.
      const discountWidth = 1 + Math.max(t('coupon.col.discount').length, ...s.defs.map((d) => discountText(d.discount, lang).length));
      const row = table([{ width: 10 }, { width: 12, flex: true }, { width: 6 }, { width: 11, drop: 1 }, { width: 11, drop: 2 }, { width: discountWidth }], width - 4);
      const selected = s.defs[s.defIndex];
      const first = Math.max(0, s.defIndex - rows + 1);
      title = t('coupon.ui.title');
      body = (
        <Box flexDirection="column">
          <Text dimColor>{row([t('coupon.col.symbol'), t('coupon.col.name'), t('coupon.col.active'), t('coupon.col.from'), t('coupon.col.until'), t('coupon.col.discount')])}</Text>
          {!s.busy && s.defs.length === 0 && <Text dimColor>{t('coupon.ui.empty')}</Text>}
          {s.defs.slice(first, first + rows).map((d) => (
            <Text key={d.symbol} inverse={d.symbol === selected?.symbol}>
              {row([d.symbol, d.name, t(d.active ? 'coupon.yes' : 'coupon.no'), dayText(d.terms.validFrom), dayText(d.terms.validUntil), discountText(d.discount, lang)])}
            </Text>
          ))}
          {selected && (
            <Text color="cyan">
              {clip(`${typeText(selected.discount, lang)} · ${t('ui.labelValue', { label: t('coupon.col.schedule'), value: scheduleText(selected.terms.schedule, lang) })}${selected.terms.exclusive ? ` · ${t('coupon.field.exclusive').toLowerCase()}` : ''}`, width - 4)}
            </Text>
          )}
        </Box>
      );
      hint = t('coupon.ui.listHint');
    }
  }

  let message: Message | null = s.message;
  const p = s.progress;
  // While codes are made, the one key that acts is said in the hint's place.
  if (p && !p.stopping && !p.confirmStop) hint = t('coupon.ui.generatingHint');
  if (p?.confirmStop) message = { key: 'coupon.ui.confirmStop', tone: 'error' };
  else if (p?.stopping) message = { key: 'coupon.ui.stopping', tone: 'info' };
  else if (s.busy && !p) message = { key: 'coupon.ui.busy', tone: 'info' };
  else if (s.mode === 'confirmBlock') message = { key: 'coupon.ui.confirmBlock', params: { code: s.editing! }, tone: 'error' };
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box flexDirection="column" flexGrow={1} paddingX={2}>
        <Text bold>{title}</Text>
        {body}
      </Box>
      {p && !p.confirmStop && !p.stopping ? (
        <ProgressLine label="coupon.ui.generating" done={p.done} total={p.total} width={width} />
      ) : (
        <MessageLine message={message} width={width} />
      )}
      <Wrapped text={hint} width={width} dimColor />
    </Box>
  );
}
