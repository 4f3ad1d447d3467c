import { TextField } from '../../components/TextField';
import { useUi } from '../../context';
import type { FieldKeys } from '../../hooks/useFieldKeys';
import { approvalFieldName, type Approval, type ApprovalEvent } from './approvalState';

/** A manager's code and PIN (masked). */
export function ApprovalFields({ approval, active = true, keys, onEvent }: { approval: Approval; active?: boolean; keys: FieldKeys; onEvent(e: ApprovalEvent): void }) {
  const { t } = useUi();
  const field = (name: 'code' | 'pin') => (
    <TextField
      label={t(name === 'code' ? 'approval.code' : 'approval.pin')}
      value={approval[name]}
      focus={active && approval.focus === name}
      mask={name === 'pin'}
      maxLength={12}
      holds={keys.holds(approvalFieldName(name))}
      onChange={(value) => onEvent({ type: 'edit', field: name, value })}
      onSubmit={() => onEvent({ type: 'submit' })}
      onTypeAhead={keys.ahead}
    />
  );
  return (
    <>
      {field('code')}
      {field('pin')}
    </>
  );
}
