import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRota } from './rota.js';
import type { Agreement, Candidate, RotaItem, RotaRequest } from './types.js';

const provinces = ['CN-JS', 'CN-SH', 'CN-BJ', 'CN-SN', 'CN-GD'];
const alliances = ['JALIS', 'CALIS', 'NSTL', 'SHALIS'];
const day = fc.integer({ min: 0, max: 120 }).map((d) => new Date(Date.UTC(2027, 1, 1) + d * 86_400_000).toISOString().slice(0, 10));

const item: fc.Arbitrary<RotaItem> = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 4 }),
    status: fc.constantFrom('available', 'on-loan', 'reference-only', 'in-transit', 'missing', 'lost', 'unavailable'),
    dueDate: day,
    sameEdition: fc.boolean(),
    electronic: fc.boolean(),
    licence: fc.constantFrom('ill-allowed', 'ill-forbidden', 'unknown'),
  },
  { requiredKeys: ['id', 'status'] },
) as fc.Arbitrary<RotaItem>;

const place = {
  province: fc.constantFrom(...provinces),
  city: fc.constantFrom('南京', '上海', '北京', '西安', '广州'),
  alliances: fc.subarray(alliances),
  coordinates: fc.record({ lat: fc.double({ min: 18, max: 50, noNaN: true }), lon: fc.double({ min: 75, max: 130, noNaN: true }) }),
};

const candidate = (symbol: string): fc.Arbitrary<Candidate> =>
  fc.record(
    {
      symbol: fc.constant(symbol),
      ...place,
      inNetwork: fc.boolean(),
      items: fc.array(item, { maxLength: 4 }),
      policy: fc.record({
        lendsReturnables: fc.boolean(),
        suppliesCopies: fc.boolean(),
        excludedMaterialTypes: fc.subarray(['book', 'serial', 'thesis']),
        fees: fc.record({ currency: fc.constant('CNY'), loan: fc.integer({ min: 0, max: 50 }), copyPerPage: fc.double({ min: 0, max: 2, noNaN: true }) }),
      }),
      closedDays: fc.array(fc.tuple(day, day).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a })), { maxLength: 2 }),
      stats: fc.record(
        { lent: fc.nat(1000), borrowed: fc.nat(1000), targetRatio: fc.double({ min: 0.1, max: 5, noNaN: true }), received: fc.nat(500), filled: fc.nat(500), turnaroundDays: fc.double({ min: 0, max: 30, noNaN: true }) },
        { requiredKeys: ['lent', 'borrowed'] },
      ),
    },
    { requiredKeys: ['symbol', 'province', 'alliances', 'items'] },
  );

const symbols = fc.uniqueArray(fc.constantFrom(...Array.from({ length: 40 }, (_, i) => `CN-${1000 + i}`)), { maxLength: 25 });

const scenario = symbols.chain((syms) =>
  fc.record({
    candidates: syms.length ? fc.tuple(...syms.map(candidate)) : fc.constant([] as Candidate[]),
    request: fc.record({
      service: fc.constantFrom('loan', 'copy', 'either'),
      materialType: fc.constantFrom('book', 'serial', 'thesis'),
      edition: fc.constantFrom('this', 'any'),
      neededBy: fc.option(day, { nil: undefined }),
      borrower: fc.record({ symbol: fc.constantFrom(...(syms.length ? syms : ['CN-0001'])), ...place }),
      tried: fc.subarray(syms),
    }) as fc.Arbitrary<RotaRequest>,
    agreements: fc.array(
      fc.record({
        code: fc.constantFrom('A1', 'A2', 'A3'),
        parties: fc.array(fc.oneof(fc.record({ alliance: fc.constantFrom(...alliances) }), fc.record({ library: fc.constantFrom(...(syms.length ? syms : ['CN-0001'])) })), { minLength: 2, maxLength: 3 }),
        feesWaived: fc.boolean(),
        subsidyRate: fc.double({ min: 0, max: 1, noNaN: true }),
        turnaroundDays: fc.nat(10),
        validFrom: fc.constant('2027-01-01'),
      }),
      { maxLength: 3 },
    ) as fc.Arbitrary<Agreement[]>,
    now: day.map((d) => `${d}T03:00:00Z`),
    seed: fc.nat(),
  }),
);

/** A fixed permutation of the list chosen by `seed` (Fisher–Yates with a tiny LCG). */
function shuffle<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('rota properties', () => {
  it('is deterministic: the same inputs in any order give the same rota', () => {
    fc.assert(
      fc.property(scenario, ({ candidates, request, agreements, now, seed }) => {
        const a = buildRota(request, candidates, agreements, { now });
        expect(buildRota(request, candidates, agreements, { now })).toEqual(a);
        expect(buildRota(request, shuffle(candidates, seed), agreements, { now })).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });

  it('never ranks the borrower nor a lender already tried, and places every candidate exactly once', () => {
    fc.assert(
      fc.property(scenario, ({ candidates, request, agreements, now }) => {
        const r = buildRota(request, candidates, agreements, { now });
        const listed = [...r.ranked.map((x) => x.symbol), ...r.excluded.map((x) => x.symbol)];
        expect(listed.sort()).toEqual(candidates.map((c) => c.symbol).sort());
        expect(r.ranked.map((x) => x.symbol)).not.toContain(request.borrower.symbol);
        for (const t of request.tried ?? []) expect(r.ranked.map((x) => x.symbol)).not.toContain(t);
        for (const x of r.excluded) expect(x.reasons.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('ranks best first with scores between 0 and 1 and ranks 1, 2, 3 …', () => {
    fc.assert(
      fc.property(scenario, ({ candidates, request, agreements, now }) => {
        const r = buildRota(request, candidates, agreements, { now });
        r.ranked.forEach((x, i) => {
          expect(x.rank).toBe(i + 1);
          expect(x.score).toBeGreaterThanOrEqual(0);
          expect(x.score).toBeLessThanOrEqual(1);
          if (i > 0) expect(r.ranked[i - 1]!.score).toBeGreaterThanOrEqual(x.score);
        });
      }),
      { numRuns: 200 },
    );
  });
});
