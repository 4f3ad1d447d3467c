import { TextField, typeAhead } from '../../components/TextField';
import { useUi } from '../../context';
import type { Approval, ApprovalEvent } from './approvalState';

/** A manager's code and PIN (masked), one a line or side by side. */
export function ApprovalFields({ approval, active = true, onEvent }: { approval: Approval; active?: boolean; onEvent(e: ApprovalEvent): void }) {
  const { t } = useUi();
  const field = (name: 'code' | 'pin') => (
    <TextField
      label={t(name === 'code' ? 'approval.code' : 'approval.pin')}
      value={approval[name]}
      focus={active && approval.focus === name}
      mask={name === 'pin'}
      maxLength={12}
      onChange={(value) => onEvent({ type: 'edit', field: name, value })}
      onSubmit={() => onEvent({ type: 'submit' })}
      onTypeAhead={(text) => typeAhead(text, (typed) => onEvent({ type: 'typed', text: typed }), () => onEvent({ type: 'submit' }))}
    />
  );
  return (
    <>
      {field('code')}
      {field('pin')}
    </>
  );
}
