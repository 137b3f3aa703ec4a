import { describe, expect, it } from 'vitest';
import { adminAccessOf, administers, seesStatistics } from './admin-access';

describe('what an account administers, from its grants', () => {
  it('gives a network administrator everything', () => {
    const grants = [{ role: 'network-admin' as const, permissions: ['network-admin'] }];
    const a = adminAccessOf(grants);
    expect(a).toMatchObject({ network: true, statistics: 'all' });
    expect(administers(a) && seesStatistics(a, grants)).toBe(true);
  });

  it('gives alliance staff their alliance and its statistics, no library', () => {
    const grants = [{ role: 'alliance-staff' as const, alliance: 'JALIS', permissions: ['alliance-admin', 'statistics'] }];
    const a = adminAccessOf(grants);
    expect(a).toEqual({ network: false, alliances: ['JALIS'], libraryAdmin: [], statistics: [] });
    expect(administers(a)).toBe(true);
    expect(seesStatistics(a, grants)).toBe(true);
  });

  it('keeps a library’s staff to their library, and a reader out', () => {
    const staff = [{ role: 'library-staff' as const, library: 'CN-WHU', permissions: ['statistics'] }];
    expect(administers(adminAccessOf(staff))).toBe(false);
    expect(seesStatistics(adminAccessOf(staff), staff)).toBe(true);
    const reader = [{ role: 'reader' as const, library: 'CN-NJU', permissions: ['reader'] }];
    expect(administers(adminAccessOf(reader)) || seesStatistics(adminAccessOf(reader), reader)).toBe(false);
  });
});
