/**
 * Gathers what the rota and the eligibility check read: the cluster's copies with live
 * availability, the holding libraries' places, lending policies and closed days (directory), and
 * the agreements between the borrower and each of them.
 */
import type { Queryable } from '../../platform/db/index.js';
import type { LibraryAvailability } from '../catalog/index.js';
import type { AgreementDoc } from '../network/index.js';
import { directoryAt, uncachedDirectory, type Directory, type Library } from './directory.js';
import { buildRota, type Rota, type RotaAgreement, type RotaCandidate, type RotaItem, type RotaLibrary } from './domain/index.js';
import { illStore } from './ill.store.js';

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
  /** The borrowing library as the directory has it; undefined when it has no such library. */
  borrower: Library | undefined;
  /** The directory as of this sourcing (cached by version), for the rest of the request's first steps. */
  directory: Directory;
}

export interface SourcingRequest {
  clusterId: number | null;
  service: 'loan' | 'copy' | 'either';
  materialType: string;
  edition: 'this' | 'any';
  neededBy: string | null;
  pages?: number;
}

/**
 * The rota for a request and what eligibility reads of the catalogue. One statement reads the
 * cluster's copies and the directory's version; the holders, the borrower and the agreements
 * come from the directory cache of that version (directory.ts), so a warm cache makes it one
 * round trip. `borrower` is the library or its symbol.
 */
export async function source(db: Queryable, borrower: Library | string, req: SourcingRequest, now: string): Promise<Sourcing> {
  if (req.clusterId === null) return sourceFrom(uncachedDirectory(db), borrower, [], req, now);
  const found = await illStore.clusterForSourcing(db, req.clusterId);
  return sourceFrom(directoryAt(db, found.directory), borrower, found.libraries, req, now);
}

/** The rota from a cluster's copies already read (illStore.clusterForSourcing) and the directory. */
export async function sourceFrom(directory: Directory, borrower: Library | string, copies: readonly LibraryAvailability[], req: SourcingRequest, now: string): Promise<Sourcing> {
  const lib = typeof borrower === 'string' ? await directory.library(borrower) : borrower;
  if (!lib || req.clusterId === null) return { rota: { ranked: [], excluded: [] }, ownItems: [], borrower: lib, directory };
  const day = now.slice(0, 10);
  // Every look-up at once: from the cache they cost nothing, and a cold one waits for one pooled round trip each.
  const holders = await Promise.all(copies.map(async (a) => {
    const holder = await directory.library(a.symbol);
    const between = holder && a.symbol !== lib.entry.symbol ? await directory.agreements(lib.entry.symbol, a.symbol, day) : [];
    return { a, holder, between };
  }));
  const candidates: RotaCandidate[] = [];
  const agreements = new Map<string, RotaAgreement>();
  for (const { a, holder, between } of holders) {
    if (!holder) continue;
    const policy = holder.entry.lendingPolicy;
    candidates.push({
      ...placed(holder),
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
      ...(holder.entry.closedDays ? { closedDays: holder.entry.closedDays.map(({ from, to }) => ({ from, to })) } : {}),
      ...(holder.entry.targetLendBorrowRatio !== undefined ? { stats: { lent: 0, borrowed: 0, targetRatio: holder.entry.targetLendBorrowRatio } } : {}),
    });
    for (const g of between) agreements.set(g.code, rotaAgreement(g));
  }
  const rota = buildRota(
    {
      service: req.service,
      materialType: req.materialType,
      edition: req.edition,
      ...(req.neededBy ? { neededBy: req.neededBy } : {}),
      ...(req.pages !== undefined ? { pages: req.pages } : {}),
      borrower: placed(lib),
    },
    candidates,
    [...agreements.values()],
    { now },
  );
  return { rota, ownItems: itemsOf(copies.find((l) => l.symbol === lib.entry.symbol)), borrower: lib, directory };
}
