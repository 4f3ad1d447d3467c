import { describe, expect, it } from 'vitest';
import { checkCustomerFields, normalizeCode, normalizePhone, splitName } from './input';

describe('customer details as typed', () => {
  it('tidies names, phone and e-mail, and makes empty optional fields null', () => {
    expect(checkCustomerFields({ firstName: ' Claire ', lastName: 'Martin', phone: '06 12 34 56 78', email: ' Claire.Martin@Exemple.fr ', address: '3 rue Neuve | 69001 Lyon' })).toEqual({
      fields: { firstName: 'Claire', lastName: 'Martin', company: null, email: 'claire.martin@exemple.fr', phone: '0612345678', address: ['3 rue Neuve', '69001 Lyon'], notes: '' },
    });
    expect(checkCustomerFields({ company: 'Boulangerie Dupain' })).toMatchObject({ fields: { company: 'Boulangerie Dupain', firstName: '', lastName: '' } });
  });

  it('refuses what cannot be a customer', () => {
    expect(checkCustomerFields({ firstName: ' ', lastName: '' })).toEqual({ error: 'customer.nameMissing' });
    expect(checkCustomerFields({ lastName: 'Martin', email: 'claire@' })).toEqual({ error: 'customer.emailInvalid', value: 'claire@' });
    expect(checkCustomerFields({ lastName: 'Martin', phone: '06 12' })).toEqual({ error: 'customer.phoneInvalid', value: '06 12' });
    expect(checkCustomerFields({ lastName: 'x'.repeat(61) })).toEqual({ error: 'customer.nameTooLong' });
  });

  it('reads card codes and phone numbers as scanned or typed', () => {
    expect(normalizeCode(' c0000042 ')).toBe('C0000042');
    expect(normalizeCode('2900000000011')).toBe('2900000000011');
    expect(normalizeCode('FID 12')).toBeNull();
    expect(normalizeCode('')).toBeNull();
    expect(normalizePhone('+33 6 12-34-56-78')).toBe('+33612345678');
    expect(normalizePhone('abc')).toBeNull();
  });

  it('splits a name typed at the till in the order lists show it: the last word is the first name', () => {
    expect(splitName('Martin Claire')).toEqual({ firstName: 'Claire', lastName: 'Martin' });
    expect(splitName('de la Tour Jean-Paul')).toEqual({ firstName: 'Jean-Paul', lastName: 'de la Tour' });
    expect(splitName(' Dupont ')).toEqual({ firstName: '', lastName: 'Dupont' });
  });
});
