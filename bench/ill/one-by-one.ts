/**
 * Sourcing as src/modules/ill/sourcing.ts did it before the directory cache (issue 5, rota
 * figure): the cluster's copies, then for each holder its directory entry and the agreements,
 * one read after another. Kept for bench/ill/rota.ts, which times both on the same database and
 * checks that they give the same rota.
 */
import type { Queryable } from '../../src/platform/db/index.js';
import { availabilityOfClusters } from '../../src/modules/catalog/index.js';
import { agreementsBetween, getLibrary } from '../../src/modules/network/index.js';
import { buildRota, type RotaAgreement, type RotaCandidate, type RotaLibrary } from '../../src/modules/ill/domain/index.js';
import { itemsOf, type SourcingRequest } from '../../src/modules/ill/sourcing.js';
import type { Library } from '../../src/modules/ill/directory.js';

const placed = (l: Library): RotaLibrary => ({
  symbol: l.entry.symbol, province: l.entry.province, ...(l.entry.city ? { city: l.entry.city.zh } : {}), ...(l.entry.coordinates ? { coordinates: l.entry.coordinates } : {}),
  alliances: l.memberships.map((m) => m.alliance),
});

export async function sourceOneByOne(db: Queryable, borrower: Library, req: SourcingRequest & { clusterId: number }, now: string) {
  const availability = (await availabilityOfClusters(db, [req.clusterId])).get(req.clusterId)!;
  const candidates: RotaCandidate[] = [];
  const agreements = new Map<string, RotaAgreement>();
  for (const a of availability.libraries) {
    const lib = await getLibrary(db, a.symbol);
    if (!lib) continue;
    const policy = lib.entry.lendingPolicy;
    candidates.push({
      ...placed(lib),
      items: itemsOf(a),
      ...(policy ? { policy: { lendsReturnables: policy.lendsReturnables, suppliesCopies: policy.suppliesCopies, ...(policy.excludedMaterialTypes ? { excludedMaterialTypes: policy.excludedMaterialTypes } : {}), ...(policy.fees ? { fees: policy.fees } : {}) } } : {}),
      ...(lib.entry.closedDays ? { closedDays: lib.entry.closedDays.map(({ from, to }) => ({ from, to })) } : {}),
      ...(lib.entry.targetLendBorrowRatio !== undefined ? { stats: { lent: 0, borrowed: 0, targetRatio: lib.entry.targetLendBorrowRatio } } : {}),
    });
    if (a.symbol !== borrower.entry.symbol) {
      for (const g of await agreementsBetween(db, borrower.entry.symbol, a.symbol, now.slice(0, 10))) {
        agreements.set(g.code, {
          code: g.code, parties: g.parties, ...(g.feesWaived !== undefined ? { feesWaived: g.feesWaived } : {}), ...(g.fees ? { fees: g.fees } : {}),
          ...(g.subsidyRate !== undefined ? { subsidyRate: g.subsidyRate } : {}), ...(g.turnaroundDays !== undefined ? { turnaroundDays: g.turnaroundDays } : {}),
          validFrom: g.validFrom, ...(g.validTo ? { validTo: g.validTo } : {}),
        });
      }
    }
  }
  const rota = buildRota(
    { service: req.service, materialType: req.materialType, edition: req.edition, ...(req.neededBy ? { neededBy: req.neededBy } : {}), ...(req.pages !== undefined ? { pages: req.pages } : {}), borrower: placed(borrower) },
    candidates, [...agreements.values()], { now },
  );
  return { rota, ownItems: itemsOf(availability.libraries.find((l) => l.symbol === borrower.entry.symbol)) };
}
