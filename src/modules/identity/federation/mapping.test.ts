import { describe, expect, it } from 'vitest';
import { defaultMapping, mapClaims, mappedClaimNames, safeReturnTo, type ClaimsMapping } from './mapping.js';

const mapping: ClaimsMapping = {
  ...defaultMapping,
  category: { claim: 'eduPersonAffiliation', values: { student: 'student', faculty: 'teacher', staff: 'staff' } },
};

describe('mapClaims', () => {
  it('maps subject, e-mail, name and a multi-valued, scoped affiliation', () => {
    const r = mapClaims({ sub: 'u1', email: 'a@example.edu', name: 'Li Hua', eduPersonAffiliation: ['member', 'faculty@example.edu'] }, mapping, []);
    expect(r).toEqual({ ok: true, person: { subject: 'u1', email: 'a@example.edu', displayName: 'Li Hua', category: 'teacher', staffPermissions: [] } });
  });

  it('names the missing claim: subject, or a category claim without default', () => {
    expect(mapClaims({ email: 'a@example.edu' }, { ...mapping, subject: 'employeeNumber' }, [])).toEqual({ ok: false, missingClaim: 'employeeNumber' });
    expect(mapClaims({ sub: 'u1' }, mapping, [])).toEqual({ ok: false, missingClaim: 'eduPersonAffiliation' });
    const withDefault = { ...mapping, category: { ...mapping.category!, default: 'external' as const } };
    expect(mapClaims({ sub: 'u1' }, withDefault, [])).toMatchObject({ ok: true, person: { category: 'external' } });
  });

  it('leaves out an e-mail that is no address', () => {
    expect(mapClaims({ sub: 'u1', email: 'not an address' }, defaultMapping, [])).toMatchObject({ ok: true, person: { email: undefined } });
  });

  it('gives staff permissions by rules, contains and equals', () => {
    const rules = [
      { claim: 'groups', contains: 'library-cataloguers', permissions: ['catalogue' as const] },
      { claim: 'dept', equals: 'ill', permissions: ['lending' as const, 'borrowing' as const] },
      { claim: 'groups', contains: 'nobody', permissions: ['library-admin' as const] },
    ];
    const r = mapClaims({ sub: 'u1', groups: ['x', 'library-cataloguers'], dept: 'ill' }, defaultMapping, rules);
    expect(r.ok && r.person.staffPermissions.sort()).toEqual(['borrowing', 'catalogue', 'lending']);
  });
});

describe('mappedClaimNames', () => {
  it('lists every claim the mapping and the rules read, once', () => {
    expect(mappedClaimNames(mapping, [{ claim: 'groups', contains: 'x', permissions: ['catalogue'] }, { claim: 'groups', equals: 'y', permissions: ['lending'] }])).toEqual([
      'sub',
      'email',
      'name',
      'eduPersonAffiliation',
      'groups',
    ]);
  });
});

describe('safeReturnTo', () => {
  it('keeps a path on this site with its query and fragment', () => {
    expect(safeReturnTo('/search?q=%E5%8C%97%E4%BA%AC&x=1#top')).toBe('/search?q=%E5%8C%97%E4%BA%AC&x=1#top');
    expect(safeReturnTo('/ill/requests/12')).toBe('/ill/requests/12');
  });

  it.each([
    '//evil.example',
    'https://evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '%2F%2Fevil.example',
    '/%2F/evil.example',
    '%252F%252Fevil.example',
    '/%5Cevil.example',
    'javascript:alert(1)',
    '/\t/evil.example',
    '/%09/evil.example',
    'evil.example',
    '',
    undefined,
  ])('sends %j to /', (raw) => {
    expect(safeReturnTo(raw)).toBe('/');
  });
});
