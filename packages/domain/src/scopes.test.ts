import { describe, expect, it } from 'vitest';
import { grantsFromToken, scopeFromGroupPath, scopeKey } from './scopes.js';

describe('scopeFromGroupPath', () => {
  it('reads each level of the hierarchy', () => {
    expect(scopeFromGroupPath('/bashkortostan')).toEqual({ kind: 'region', regionCode: 'bashkortostan' });
    expect(scopeFromGroupPath('/bashkortostan/sibay')).toEqual({
      kind: 'district',
      regionCode: 'bashkortostan',
      districtCode: 'sibay',
    });
    expect(scopeFromGroupPath('/bashkortostan/sibay/gimnaziya')).toEqual({
      kind: 'organization',
      regionCode: 'bashkortostan',
      districtCode: 'sibay',
      organizationCode: 'gimnaziya',
    });
    expect(scopeFromGroupPath('/partners/sibay-institute')).toEqual({ kind: 'partner', partnerCode: 'sibay-institute' });
  });

  it('rejects malformed paths', () => {
    for (const bad of ['', '/', '/a/b/c/d', '/Sibay', '/partners', '/partners/a/b', "/x'; drop", '/../etc']) {
      expect(scopeFromGroupPath(bad)).toBeNull();
    }
  });
});

describe('grantsFromToken', () => {
  it('binds a role only to groups of its level', () => {
    const grants = grantsFromToken(['district-officer'], ['/bashkortostan/sibay/gimnaziya', '/bashkortostan/sibay']);
    expect(grants.map((grant) => scopeKey(grant.scope))).toEqual(['/bashkortostan/sibay']);
  });

  it('gives a school role nothing without a school group', () => {
    expect(grantsFromToken(['school-curator'], ['/bashkortostan/sibay'])).toEqual([]);
  });

  it('ignores unknown roles and grants the platform scope to admins without groups', () => {
    expect(grantsFromToken(['offline_access', 'superuser'], ['/bashkortostan'])).toEqual([]);
    expect(grantsFromToken(['platform-admin'], [])).toEqual([{ role: 'platform-admin', scope: { kind: 'platform' } }]);
  });
});
