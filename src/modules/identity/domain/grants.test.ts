import { describe, expect, it } from 'vitest';
import type { Principal, RoleGrant } from '../../../platform/http/access.js';
import { grantChanges, heldPermissions, managesAccount, mayGrant, replaceGrants, visibleGrants } from './grants.js';

const principal = (grants: RoleGrant[], scopes?: Principal['scopes']): Principal => ({
  userId: 1,
  email: 'a@b.org',
  displayName: 'A',
  grants,
  via: 'token',
  ...(scopes ? { scopes } : {}),
});
const adminOfA = principal([{ role: 'library-staff', library: 'CN-A', permissions: ['catalogue', 'library-admin'] }]);
const networkAdmin = principal([{ role: 'network-admin', permissions: ['network-admin'] }]);
const staffA: RoleGrant = { role: 'library-staff', library: 'CN-A', permissions: ['lending'] };
const readerB: RoleGrant = { role: 'reader', library: 'CN-B', permissions: ['reader'] };

describe('who may give which role', () => {
  it('lets a library’s administrator give readers and staff of that library only', () => {
    expect(mayGrant(adminOfA, { role: 'library-staff', library: 'CN-A' })).toBe(true);
    expect(mayGrant(adminOfA, { role: 'reader', library: 'CN-A' })).toBe(true);
    expect(mayGrant(adminOfA, { role: 'reader', library: 'CN-B' })).toBe(false);
    expect(mayGrant(adminOfA, { role: 'alliance-staff', alliance: 'JALIS' })).toBe(false);
    expect(mayGrant(adminOfA, { role: 'network-admin' })).toBe(false);
  });

  it('does not let staff without library-admin give anything', () => {
    const cataloguer = principal([{ role: 'library-staff', library: 'CN-A', permissions: ['catalogue'] }]);
    expect(mayGrant(cataloguer, { role: 'reader', library: 'CN-A' })).toBe(false);
  });

  it('lets a network administrator give anything, unless the token is narrowed', () => {
    expect(mayGrant(networkAdmin, { role: 'network-admin' })).toBe(true);
    const narrowed = principal(networkAdmin.grants, ['catalogue']);
    expect(mayGrant(narrowed, { role: 'reader', library: 'CN-A' })).toBe(false);
  });

  it('lets an alliance’s staff give staff roles of that alliance', () => {
    const jalis = principal([{ role: 'alliance-staff', alliance: 'JALIS', permissions: ['alliance-admin', 'statistics'] }]);
    expect(mayGrant(jalis, { role: 'alliance-staff', alliance: 'JALIS' })).toBe(true);
    expect(mayGrant(jalis, { role: 'alliance-staff', alliance: 'HADL' })).toBe(false);
  });
});

describe('managing an account', () => {
  it('is for whoever administers every role the account holds', () => {
    expect(managesAccount(adminOfA, [staffA])).toBe(true);
    expect(managesAccount(adminOfA, [staffA, readerB])).toBe(false);
    expect(managesAccount(adminOfA, [])).toBe(false);
    expect(managesAccount(networkAdmin, [])).toBe(true);
  });

  it('shows a library’s administrator only the roles in their library', () => {
    expect(visibleGrants(adminOfA, 2, [staffA, readerB])).toEqual([staffA]);
    expect(visibleGrants(adminOfA, 1, [staffA, readerB])).toEqual([staffA, readerB]);
  });

  it('replaces only the roles within the actor’s administration', () => {
    const { next, refused } = replaceGrants(adminOfA, [staffA, readerB], [{ role: 'reader', library: 'CN-A' }]);
    expect(refused).toEqual([]);
    expect(next).toEqual([readerB, { role: 'reader', library: 'CN-A' }]);
    expect(replaceGrants(adminOfA, [staffA], [{ role: 'reader', library: 'CN-B' }]).refused).toHaveLength(1);
  });

  it('names what changed', () => {
    const more: RoleGrant = { ...staffA, permissions: ['lending', 'borrowing'] };
    expect(grantChanges([staffA, readerB], [more])).toEqual({ added: [], removed: [readerB], changed: [more] });
  });
});

describe('what a new token may be given', () => {
  it('is what the account holds, narrowed by the token it is made with', () => {
    expect([...heldPermissions(adminOfA)].sort()).toEqual(['catalogue', 'library-admin']);
    expect([...heldPermissions(principal(adminOfA.grants, ['catalogue']))]).toEqual(['catalogue']);
    expect(heldPermissions(networkAdmin).has('lending')).toBe(true);
  });
});
