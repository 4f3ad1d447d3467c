import type { ChangeBy } from '../../app/ruleChange';
import type { BackroomProps } from './registry';

/**
 * A change made in the back office: this till, the operator signed in, approved by them when
 * the screen is a manager's (the back room opens it to managers and admins only).
 */
export function changeBy({ till, operator }: Pick<BackroomProps, 'till' | 'operator'>, managed: boolean): ChangeBy {
  return { terminalId: till.terminal.id, operatorId: operator.id, managed, via: 'till' };
}
