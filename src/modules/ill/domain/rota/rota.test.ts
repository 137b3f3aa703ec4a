import { describe, expect, it } from 'vitest';
import { buildRota, calendarDate, RotaInputError } from './rota.js';
import type { Agreement, Candidate, RotaRequest } from './types.js';

const now = '2027-03-10T02:00:00Z'; // 10:00 in Nanjing
const nanjing = { lat: 32.06, lon: 118.8 };

const aRequest = (extra: Partial<RotaRequest> = {}): RotaRequest => ({
  service: 'loan',
  materialType: 'book',
  edition: 'any',
  borrower: { symbol: 'CN-NJU', province: 'CN-JS', city: '南京', alliances: ['JALIS'], coordinates: nanjing },
  ...extra,
});
const aCandidate = (symbol: string, extra: Partial<Candidate> = {}): Candidate => ({
  symbol,
  province: 'CN-JS',
  city: '南京',
  alliances: ['JALIS'],
  items: [{ id: `${symbol}-1`, status: 'available' }],
  stats: { lent: 100, borrowed: 100, received: 100, filled: 90, turnaroundDays: 3 },
  ...extra,
});
const rota = (candidates: Candidate[], request = aRequest(), agreements: Agreement[] = [], weights = {}) => buildRota(request, candidates, agreements, { now, weights });
const order = (r: ReturnType<typeof rota>) => r.ranked.map((x) => x.symbol);
const why = (r: ReturnType<typeof rota>, symbol: string) => r.excluded.find((x) => x.symbol === symbol)?.reasons.map((x) => x.code);

describe('the rota', () => {
  it('prefers the same city, then province or alliance, then region, then the nation, then outside the network', () => {
    const r = rota([
      aCandidate('CN-OUT', { inNetwork: false }),
      aCandidate('CN-BJ', { province: 'CN-BJ', city: '北京', alliances: ['BALIS'] }),
      aCandidate('CN-SH', { province: 'CN-SH', city: '上海', alliances: ['SHALIS'] }),
      aCandidate('CN-SZ', { city: '苏州' }),
      aCandidate('CN-SEU'),
    ]);
    expect(order(r)).toEqual(['CN-SEU', 'CN-SZ', 'CN-SH', 'CN-BJ', 'CN-OUT']);
    expect(r.ranked.map((x) => x.tier)).toEqual(['same-city', 'same-province', 'same-region', 'national', 'outside-network']);
    expect(r.ranked[2]!.reasons).toContainEqual({ code: 'ILL_ROTA_SAME_REGION', params: { region: 'east' } });
  });

  it('counts a shared alliance across provinces as near as the same province', () => {
    const r = rota([aCandidate('CN-CALIS-BJ', { province: 'CN-BJ', city: '北京', alliances: ['CALIS'] }), aCandidate('CN-XA', { province: 'CN-SN', city: '西安', alliances: ['CALIS', 'X'] })], aRequest({ borrower: { ...aRequest().borrower, alliances: ['CALIS'] } }));
    expect(r.ranked.map((x) => [x.symbol, x.tier])).toEqual([['CN-CALIS-BJ', 'same-alliance'], ['CN-XA', 'same-alliance']]);
    expect(r.ranked[0]!.reasons[0]).toEqual({ code: 'ILL_ROTA_SAME_ALLIANCE', params: { alliance: 'CALIS' } });
  });

  it('excludes every library that cannot lend, each with all of its reasons', () => {
    const r = rota(
      [
        aCandidate('CN-NJU'),
        aCandidate('CN-TRIED'),
        aCandidate('CN-REF', { items: [{ id: 'r1', status: 'reference-only' }, { id: 'r2', status: 'missing' }, { id: 'r3', status: 'unavailable' }] }),
        aCandidate('CN-NOLOAN', { policy: { lendsReturnables: false, suppliesCopies: true } }),
        aCandidate('CN-NOMAPS', { policy: { lendsReturnables: true, suppliesCopies: true, excludedMaterialTypes: ['book'] } }),
        aCandidate('CN-SHUT', { closedDays: [{ from: '2027-03-01', to: '2027-03-15' }] }),
        aCandidate('CN-LATE', { items: [{ id: 'l1', status: 'on-loan', dueDate: '2027-05-01' }] }),
        aCandidate('CN-OLD', { items: [{ id: 'o1', status: 'available', sameEdition: false }] }),
        aCandidate('CN-NONE', { items: [] }),
        aCandidate('CN-OK'),
      ],
      aRequest({ tried: ['CN-TRIED'], neededBy: '2027-04-01', edition: 'this' }),
    );
    expect(order(r)).toEqual(['CN-OK']);
    expect(Object.fromEntries(r.excluded.map((x) => [x.symbol, x.reasons]))).toEqual({
      'CN-LATE': [{ code: 'ILL_ROTA_DUE_TOO_LATE', params: { dueDate: '2027-05-01', neededBy: '2027-04-01' } }],
      'CN-NJU': [{ code: 'ILL_ROTA_IS_BORROWER' }],
      'CN-NOLOAN': [{ code: 'ILL_ROTA_NO_LOANS' }],
      'CN-NOMAPS': [{ code: 'ILL_ROTA_MATERIAL_EXCLUDED', params: { materialType: 'book' } }],
      'CN-NONE': [{ code: 'ILL_ROTA_NO_HOLDINGS' }],
      'CN-OLD': [{ code: 'ILL_ROTA_WRONG_EDITION' }],
      'CN-REF': [{ code: 'ILL_ROTA_REFERENCE_ONLY' }, { code: 'ILL_ROTA_COPY_MISSING' }, { code: 'ILL_ROTA_COPY_UNAVAILABLE' }],
      'CN-SHUT': [{ code: 'ILL_ROTA_CLOSED_UNTIL', params: { until: '2027-03-15' } }],
      'CN-TRIED': [{ code: 'ILL_ROTA_ALREADY_TRIED' }],
    });
  });

  it('copies from a reference-only copy, and from an electronic one only when the licence allows ILL', () => {
    const r = rota(
      [
        aCandidate('CN-REF', { items: [{ id: 'r1', status: 'reference-only' }] }),
        aCandidate('CN-EFORBID', { items: [{ id: 'e1', status: 'available', electronic: true, licence: 'ill-forbidden' }] }),
        aCandidate('CN-EUNKNOWN', { items: [{ id: 'e2', status: 'available', electronic: true }] }),
      ],
      aRequest({ service: 'copy', materialType: 'serial' }),
    );
    expect(order(r)).toEqual(['CN-REF', 'CN-EUNKNOWN']);
    expect(r.ranked[1]!.reasons).toContainEqual({ code: 'ILL_ROTA_LICENCE_UNKNOWN' });
    expect(why(r, 'CN-EFORBID')).toEqual(['ILL_ROTA_LICENCE_FORBIDS_ILL']);
    expect(why(rota([aCandidate('CN-E', { items: [{ id: 'e', status: 'available', electronic: true, licence: 'ill-allowed' }] })]), 'CN-E')).toEqual(['ILL_ROTA_E_COPY_NOT_LOANABLE']);
  });

  it('takes a copy instead when either will do and the library does not lend', () => {
    const r = rota([aCandidate('CN-A', { policy: { lendsReturnables: false, suppliesCopies: true } }), aCandidate('CN-B')], aRequest({ service: 'either' }));
    expect(Object.fromEntries(r.ranked.map((x) => [x.symbol, x.service]))).toEqual({ 'CN-A': 'copy', 'CN-B': 'loan' });
    expect(r.ranked.find((x) => x.symbol === 'CN-A')!.reasons[0]).toEqual({ code: 'ILL_ROTA_SERVICE_COPY' });
  });

  it('ranks a copy on the shelf above one on loan, and one due soon above one due late', () => {
    const r = rota([
      aCandidate('CN-LATER', { items: [{ id: 'a', status: 'on-loan', dueDate: '2027-04-30' }] }),
      aCandidate('CN-SOON', { items: [{ id: 'b', status: 'on-loan', dueDate: '2027-03-12' }] }),
      aCandidate('CN-SHELF'),
    ], aRequest(), [], { distance: 0, availability: 1 });
    expect(order(r)).toEqual(['CN-SHELF', 'CN-SOON', 'CN-LATER']);
    expect(r.ranked[1]!.item).toEqual({ id: 'b', status: 'on-loan', dueDate: '2027-03-12' });
  });

  it('spares the library that lends far more than it borrows, and prefers a good record', () => {
    const busy = aCandidate('CN-BUSY', { stats: { lent: 900, borrowed: 100, received: 100, filled: 90, turnaroundDays: 3 } });
    const even = aCandidate('CN-EVEN', { stats: { lent: 100, borrowed: 100, received: 100, filled: 90, turnaroundDays: 3 } });
    expect(order(rota([busy, even]))).toEqual(['CN-EVEN', 'CN-BUSY']);
    const poor = aCandidate('CN-POOR', { stats: { lent: 100, borrowed: 100, received: 100, filled: 20, turnaroundDays: 12 } });
    const r = rota([poor, even]);
    expect(order(r)).toEqual(['CN-EVEN', 'CN-POOR']);
    expect(r.ranked[1]!.reasons).toContainEqual({ code: 'ILL_ROTA_FILL_RATE', params: { percent: 20, requests: 100 } });
    expect(r.ranked[1]!.reasons).toContainEqual({ code: 'ILL_ROTA_TURNAROUND_MEASURED', params: { days: 12 } });
  });

  it('prices through the agreement: fees waived, or the fee less the alliance subsidy', () => {
    const fees = { currency: 'CNY', loan: 20 };
    const candidates = [
      aCandidate('CN-FEE', { policy: { lendsReturnables: true, suppliesCopies: true, fees } }),
      aCandidate('CN-SUB', { alliances: ['NSTL'], policy: { lendsReturnables: true, suppliesCopies: true, fees } }),
      aCandidate('CN-WAIVED', { policy: { lendsReturnables: true, suppliesCopies: true, fees } }),
    ];
    const agreements: Agreement[] = [
      { code: 'SUB', parties: [{ alliance: 'JALIS' }, { alliance: 'NSTL' }], subsidyRate: 0.5, turnaroundDays: 2, validFrom: '2027-01-01' },
      { code: 'FREE', parties: [{ library: 'CN-NJU' }, { library: 'CN-WAIVED' }], feesWaived: true, validFrom: '2027-01-01' },
      { code: 'EXPIRED', parties: [{ library: 'CN-NJU' }, { library: 'CN-FEE' }], feesWaived: true, validFrom: '2020-01-01', validTo: '2026-12-31' },
    ];
    const r = rota(candidates, aRequest(), agreements, { distance: 0, cost: 1 });
    expect(r.ranked.map((x) => [x.symbol, x.cost?.amount, x.agreement])).toEqual([['CN-WAIVED', 0, 'FREE'], ['CN-SUB', 10, 'SUB'], ['CN-FEE', 20, undefined]]);
    expect(r.ranked[1]!.reasons).toContainEqual({ code: 'ILL_ROTA_COST_SUBSIDISED', params: { amount: 10, currency: 'CNY', fee: 20, percent: 50, agreement: 'SUB' } });
    expect(r.ranked[0]!.reasons).toContainEqual({ code: 'ILL_ROTA_FEES_WAIVED', params: { agreement: 'FREE' } });
  });

  it('takes the turnaround an agreement commits to when the lender has no history', () => {
    const agreements: Agreement[] = [{ code: 'FAST', parties: [{ alliance: 'JALIS' }, { library: 'CN-NEW' }], turnaroundDays: 2, validFrom: '2027-01-01' }];
    const r = rota([aCandidate('CN-NEW', { stats: { lent: 0, borrowed: 0 } })], aRequest(), agreements);
    expect(r.ranked[0]!.reasons).toEqual(expect.arrayContaining([{ code: 'ILL_ROTA_TURNAROUND_COMMITTED', params: { days: 2, agreement: 'FAST' } }, { code: 'ILL_ROTA_FILL_RATE_UNKNOWN' }]));
  });

  it('breaks ties by symbol and shows a breakdown whose contributions add up to the score', () => {
    const r = rota([aCandidate('CN-B'), aCandidate('CN-A'), aCandidate('CN-C')]);
    expect(order(r)).toEqual(['CN-A', 'CN-B', 'CN-C']);
    expect(r.ranked.map((x) => x.rank)).toEqual([1, 2, 3]);
    const b = r.ranked[0]!.breakdown;
    const sum = Object.values(b).reduce((s, c) => s + c.contribution, 0);
    expect(sum).toBeCloseTo(r.ranked[0]!.score, 3);
    expect(Object.values(b).reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1, 6);
  });

  it('reads closed days in the deployment’s calendar (China Standard Time by default)', () => {
    expect(calendarDate('2027-03-15T17:00:00Z')).toBe('2027-03-16');
    const shut = aCandidate('CN-SHUT', { closedDays: [{ from: '2027-03-01', to: '2027-03-15' }] });
    expect(buildRota(aRequest(), [shut], [], { now: '2027-03-15T17:00:00Z' }).ranked.map((x) => x.symbol)).toEqual(['CN-SHUT']);
    expect(buildRota(aRequest(), [shut], [], { now: '2027-03-15T17:00:00Z', utcOffsetMinutes: 0 }).ranked).toEqual([]);
  });

  it('says what is wrong with bad input', () => {
    expect(() => rota([aCandidate('CN-A'), aCandidate('CN-A')])).toThrow(new RotaInputError('candidates: CN-A is listed twice'));
    expect(() => rota([], aRequest(), [], { cost: -1 })).toThrow('weights.cost: must be a number ≥ 0, not -1');
    expect(() => buildRota(aRequest(), [], [], { now: 'yesterday' })).toThrow('now: not an ISO 8601 instant: yesterday');
  });
});
