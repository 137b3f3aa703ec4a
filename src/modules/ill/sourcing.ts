/**
 * Gathers what the rota and the eligibility check read: the cluster's copies with live
 * availability (catalog module), the holding libraries' places, lending policies and closed days
 * (directory), and the agreements between the borrower and each of them.
 */
import type { Queryable } from '../../platform/db/index.js';
import { availabilityOfClusters, type LibraryAvailability } from '../catalog/index.js';
import { agreementsBetween, getLibrary, type AgreementDoc } from '../network/index.js';
import { buildRota, type Rota, type RotaAgreement, type RotaCandidate, type RotaItem, type RotaLibrary } from './domain/index.js';

type Library = NonNullable<Awaited<ReturnType<typeof getLibrary>>>;

/** A library as the rota places it. */
function placed(l: Library): RotaLibrary {
  const e = l.entry;
  return {
    symbol: e.symbol,
    province: e.province,
    ...(e.city ? { city: e.city.zh } : {}),
    ...(e.coordinates ? { coordinates: e.coordinates } : {}),
    alliances: l.memberships.map((m) => m.alliance),
  };
}

/**
 * A library's copies as rota items. The catalogue gives counts per status (availabilityOfClusters),
 * so each counted copy becomes one item; copies in none of the counted statuses (missing, lost,
 * withdrawn) are `unavailable`.
 */
export function itemsOf(a: LibraryAvailability | undefined): RotaItem[] {
  if (!a) return [];
  const items: RotaItem[] = [];
  const add = (n: number, status: RotaItem['status'], dueDate?: string) => {
    for (let i = 0; i < n; i++) items.push({ id: `${a.symbol}/${status}/${i + 1}`, status, ...(dueDate ? { dueDate } : {}) });
  };
  add(a.available, 'available');
  add(a.onLoan, 'on-loan', a.nextDue ?? undefined);
  add(a.inTransit, 'in-transit');
  add(a.referenceOnly, 'reference-only');
  add(a.copies - a.available - a.onLoan - a.inTransit - a.referenceOnly, 'unavailable');
  return items;
}

const rotaAgreement = (g: AgreementDoc): RotaAgreement => ({
  code: g.code,
  parties: g.parties,
  ...(g.feesWaived !== undefined ? { feesWaived: g.feesWaived } : {}),
  ...(g.fees ? { fees: g.fees } : {}),
  ...(g.subsidyRate !== undefined ? { subsidyRate: g.subsidyRate } : {}),
  ...(g.turnaroundDays !== undefined ? { turnaroundDays: g.turnaroundDays } : {}),
  validFrom: g.validFrom,
  ...(g.validTo ? { validTo: g.validTo } : {}),
});

export interface Sourcing {
  rota: Rota;
  /** The borrowing library's own copies (eligibility: "your own library has a copy"). */
  ownItems: RotaItem[];
}

export interface SourcingRequest {
  clusterId: number | null;
  service: 'loan' | 'copy' | 'either';
  materialType: string;
  edition: 'this' | 'any';
  neededBy: string | null;
  pages?: number;
}

export async function source(db: Queryable, borrower: Library, req: SourcingRequest, now: string): Promise<Sourcing> {
  if (req.clusterId === null) return { rota: { ranked: [], excluded: [] }, ownItems: [] };
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
      ...(policy
        ? {
            policy: {
              lendsReturnables: policy.lendsReturnables,
              suppliesCopies: policy.suppliesCopies,
              ...(policy.excludedMaterialTypes ? { excludedMaterialTypes: policy.excludedMaterialTypes } : {}),
              ...(policy.fees ? { fees: policy.fees } : {}),
            },
          }
        : {}),
      ...(lib.entry.closedDays ? { closedDays: lib.entry.closedDays.map(({ from, to }) => ({ from, to })) } : {}),
      ...(lib.entry.targetLendBorrowRatio !== undefined ? { stats: { lent: 0, borrowed: 0, targetRatio: lib.entry.targetLendBorrowRatio } } : {}),
    });
    if (a.symbol !== borrower.entry.symbol) for (const g of await agreementsBetween(db, borrower.entry.symbol, a.symbol, now.slice(0, 10))) agreements.set(g.code, rotaAgreement(g));
  }
  const rota = buildRota(
    {
      service: req.service,
      materialType: req.materialType,
      edition: req.edition,
      ...(req.neededBy ? { neededBy: req.neededBy } : {}),
      ...(req.pages !== undefined ? { pages: req.pages } : {}),
      borrower: placed(borrower),
    },
    candidates,
    [...agreements.values()],
    { now },
  );
  return { rota, ownItems: itemsOf(availability.libraries.find((l) => l.symbol === borrower.entry.symbol)) };
}
