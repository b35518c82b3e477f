import { describe, expect, it } from 'vitest';
import { fromContext, toContext, type Principal } from '../../../../functions/core/access/principal';

const PRINCIPALS: Principal[] = [
  { role: 'admin', keyId: 'k-admin' },
  { role: 'clinic', keyId: 'k-clinic', clinicId: 'northside' },
  { role: 'manager', keyId: 'k-manager', programmeIds: ['adult-resilience', 'carers'] },
  { role: 'funder', keyId: 'k-funder', funderId: 'wellbeing-trust' },
];

describe('toContext and fromContext', () => {
  it.each(PRINCIPALS)('round-trips a $role principal through string-only context', (principal) => {
    // Act
    const context = toContext(principal);
    const back = fromContext(context);

    // Assess
    expect(Object.values(context).every((value) => typeof value === 'string')).toBe(true);
    expect(back).toEqual(principal);
  });

  it('keeps the API Gateway principalId beside the context without harm', () => {
    expect(fromContext({ ...toContext(PRINCIPALS[1]!), principalId: 'k-clinic' })).toEqual(PRINCIPALS[1]);
  });

  it.each([
    ['no context', undefined],
    ['a null context', null],
    ['a string', 'clinic'],
    ['no key id', { role: 'admin' }],
    ['an empty key id', { role: 'admin', keyId: '' }],
    ['an unknown role', { role: 'root', keyId: 'k' }],
    ['a clinic without its clinic', { role: 'clinic', keyId: 'k' }],
    ['a clinic with an empty clinic', { role: 'clinic', keyId: 'k', clinicId: '' }],
    ['a manager without programmes', { role: 'manager', keyId: 'k' }],
    ['a funder without its funder', { role: 'funder', keyId: 'k' }],
    ['a numeric clinic id', { role: 'clinic', keyId: 'k', clinicId: 7 }],
  ])('reads %s as no principal', (_, context) => {
    expect(fromContext(context)).toBeNull();
  });
});
