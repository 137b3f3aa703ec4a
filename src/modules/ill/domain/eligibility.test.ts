import { describe, expect, it } from 'vitest';
import { checkEligibility, type EligibilityInput } from './eligibility.js';

const base = (extra: Partial<EligibilityInput> = {}): EligibilityInput => ({
  request: { service: 'loan', materialType: 'book', edition: 'any', citationKey: 'cluster:42' },
  reader: { id: 'r1', category: 'undergraduate', library: 'CN-NJU' },
  rules: { mayRequest: true, services: ['loan', 'copy'], maxOpenRequests: 5 },
  openRequests: 1,
  recentRequests: [],
  ownItems: [],
  now: '2027-03-10T02:00:00Z',
  ...extra,
});

describe('eligibility of a request', () => {
  it('lets an ordinary request through', () => {
    expect(checkEligibility(base())).toEqual({ ok: true, reasons: [] });
  });

  it('refuses a reader their library has blocked, naming the library', () => {
    const r = checkEligibility(base({ reader: { id: 'r1', category: 'student', library: 'CN-NJU', blocked: true } }));
    expect(r).toEqual({ ok: false, reasons: [{ code: 'ILL_ELIG_READER_BLOCKED', params: { library: 'CN-NJU' }, severity: 'refuse' }] });
  });

  it('returns every reason at once', () => {
    const r = checkEligibility(
      base({
        request: { service: 'copy', materialType: 'thesis', edition: 'any', citationKey: 'cluster:42', neededBy: '2027-03-01' },
        rules: { mayRequest: true, services: ['loan'], maxOpenRequests: 3, excludedMaterialTypes: ['thesis'] },
        openRequests: 3,
        recentRequests: [{ id: 'q7', citationKey: 'cluster:42', createdAt: '2027-03-05T08:00:00Z' }],
      }),
    );
    expect(r.ok).toBe(false);
    expect(r.reasons).toEqual([
      { code: 'ILL_ELIG_SERVICE_NOT_ALLOWED', params: { service: 'copy', category: 'undergraduate' }, severity: 'refuse' },
      { code: 'ILL_ELIG_MATERIAL_NOT_ALLOWED', params: { materialType: 'thesis', category: 'undergraduate' }, severity: 'refuse' },
      { code: 'ILL_ELIG_TOO_MANY_OPEN', params: { open: 3, max: 3 }, severity: 'refuse' },
      { code: 'ILL_ELIG_NEEDED_BY_PAST', params: { neededBy: '2027-03-01' }, severity: 'refuse' },
      { code: 'ILL_ELIG_DUPLICATE', params: { request: 'q7', createdAt: '2027-03-05T08:00:00Z' }, severity: 'refuse' },
    ]);
  });

  it('refuses a blocked category without also listing each service', () => {
    expect(checkEligibility(base({ rules: { mayRequest: false, services: [], maxOpenRequests: 5 } })).reasons.map((r) => r.code)).toEqual(['ILL_ELIG_CATEGORY_BLOCKED']);
  });

  it('does not count a request outside the window, closed, or for another citation as a duplicate', () => {
    const recentRequests = [
      { id: 'old', citationKey: 'cluster:42', createdAt: '2027-01-10T00:00:00Z' },
      { id: 'done', citationKey: 'cluster:42', createdAt: '2027-03-09T00:00:00Z', closed: true },
      { id: 'other', citationKey: 'cluster:43', createdAt: '2027-03-09T00:00:00Z' },
    ];
    expect(checkEligibility(base({ recentRequests })).ok).toBe(true);
    expect(checkEligibility(base({ recentRequests, duplicateWindowDays: 90 })).reasons.map((r) => r.code)).toEqual(['ILL_ELIG_DUPLICATE']);
  });

  it('says so when the reader’s own library has a copy on the shelf, until confirmed', () => {
    const ownItems = [{ id: 'own-1', status: 'on-loan' as const }, { id: 'own-2', status: 'available' as const }];
    expect(checkEligibility(base({ ownItems }))).toEqual({ ok: false, reasons: [{ code: 'ILL_ELIG_OWN_COPY_AVAILABLE', params: { library: 'CN-NJU', item: 'own-2' }, severity: 'confirm' }] });
    expect(checkEligibility(base({ ownItems, confirmed: ['ILL_ELIG_OWN_COPY_AVAILABLE'] }))).toEqual({ ok: true, reasons: [] });
    // A reference-only copy at home is no use for a loan, but the reader can copy from it.
    const ref = [{ id: 'ref', status: 'reference-only' as const }];
    expect(checkEligibility(base({ ownItems: ref })).ok).toBe(true);
    expect(checkEligibility(base({ ownItems: ref, request: { ...base().request, service: 'copy' } })).reasons.map((r) => r.code)).toEqual(['ILL_ELIG_OWN_COPY_AVAILABLE']);
  });
});
