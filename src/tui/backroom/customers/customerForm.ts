import type { CustomerRecord } from '../../../data/customers';
import { formatEuros, type Lang } from '../../../domain/money';
import { formatRate } from '../../../domain/vat';
import type { MessageKey, Params } from '../../../i18n/messages';
import { makeForm, type FormState } from '../../customers/form';
import { PAYMENT_METHODS } from './customersState';

type T = (key: MessageKey, params?: Params) => string;

/**
 * The record's form: details for everyone; the standing discount and the overdraft limit are
 * money decisions, shown but locked for a cashier. A new customer also gets a card field.
 */
export function customerForm(c: CustomerRecord | null, o: { t: T; lang: Lang; groups: readonly string[]; manager: boolean }): FormState {
  const { t } = o;
  const money = (cents: number) => formatEuros(cents, o.lang).replace(/\s*€|€/g, '').trim();
  return makeForm([
    { name: 'lastName', label: t('customerForm.lastName'), value: c?.lastName },
    { name: 'firstName', label: t('customerForm.firstName'), value: c?.firstName },
    { name: 'company', label: t('customerForm.company'), value: c?.company ?? '' },
    { name: 'phone', label: t('customerForm.phone'), value: c?.phone ?? '' },
    { name: 'email', label: t('customerForm.email'), value: c?.email ?? '' },
    { name: 'address', label: t('customerForm.address'), value: c?.address.join(' | ') ?? '', maxLength: 160 },
    { name: 'group', label: t('customerForm.group', { groups: o.groups.join(', ') || '—' }), value: c?.groupCode ?? '' },
    { name: 'discount', label: t('customerForm.discount'), value: c?.ownDiscountBp ? formatRate(c.ownDiscountBp, o.lang).replace(/\s*%/, '') : '', locked: !o.manager },
    { name: 'limit', label: t('customerForm.limit'), value: money(c?.overdraftLimitCents ?? 0), locked: !o.manager },
    { name: 'notes', label: t('customerForm.notes'), value: c?.notes ?? '', maxLength: 200 },
    ...(c ? [{ name: 'active', label: t('customerForm.active'), value: c.active ? (o.lang === 'fr' ? 'o' : 'y') : 'n' }] : [{ name: 'card', label: t('customerForm.card'), maxLength: 40 }]),
  ]);
}

/** A payment onto the account: the amount, then how it was paid; Enter on the amount goes to the method, Enter there saves. */
export function accountPayForm(t: T): FormState {
  return makeForm([
    { name: 'amount', label: t('accountPay.amount'), maxLength: 12 },
    { name: 'method', label: t('accountPay.method'), options: PAYMENT_METHODS.map((m) => ({ value: m, label: t(`account.method.${m}`) })) },
  ]);
}
