import type { AgreementDoc, AllianceFields, GovernanceBody, LibraryDoc } from './document.js';
import { withoutUndefined } from './same.js';

/**
 * The one way each entry is kept: an empty list or an empty set of endpoints says the same as
 * none, so both are stored as none. This is what makes a re-import of an exported file (JSON or
 * CSV, which cannot tell the two apart) report every entry unchanged.
 */
export function canonicalLibrary(l: LibraryDoc): LibraryDoc {
  const endpoints = l.endpoints && Object.values(l.endpoints).some((v) => v !== undefined) ? withoutUndefined(l.endpoints) : undefined;
  const policy = l.lendingPolicy && {
    ...withoutUndefined(l.lendingPolicy),
    excludedMaterialTypes: l.lendingPolicy.excludedMaterialTypes?.length ? l.lendingPolicy.excludedMaterialTypes : undefined,
  };
  return withoutUndefined({
    symbol: l.symbol,
    name: l.name,
    type: l.type,
    province: l.province,
    city: l.city,
    coordinates: l.coordinates,
    fte: l.fte,
    contacts: l.contacts?.length ? l.contacts.map((c) => withoutUndefined(c)) : undefined,
    endpoints,
    lendingPolicy: policy && withoutUndefined(policy),
    closedDays: l.closedDays?.length ? l.closedDays.map((d) => withoutUndefined(d)) : undefined,
    targetLendBorrowRatio: l.targetLendBorrowRatio,
  });
}

export function canonicalAllianceFields(a: AllianceFields): AllianceFields {
  return withoutUndefined({
    code: a.code,
    name: a.name,
    kind: a.kind,
    tier: a.tier,
    parent: a.parent,
    managementCentre: a.managementCentre,
    founded: a.founded,
    statedMemberCount: a.statedMemberCount,
    province: a.province,
    organisationModel: a.organisationModel,
    managementModel: a.managementModel,
    website: a.website,
    description: a.description,
  });
}

export function canonicalGovernance(bodies: readonly GovernanceBody[]): GovernanceBody[] {
  return bodies.map((b) => withoutUndefined({ body: b.body, name: b.name, seats: b.seats?.length ? b.seats.map((s) => withoutUndefined(s)) : undefined }));
}

/** An agreement that does not say fees are waived does not waive them. */
export function canonicalAgreement(g: AgreementDoc): AgreementDoc {
  return withoutUndefined({
    code: g.code,
    name: g.name,
    parties: g.parties.map((p) => withoutUndefined(p)),
    feesWaived: g.feesWaived ?? false,
    fees: g.fees && withoutUndefined(g.fees),
    subsidyRate: g.subsidyRate,
    turnaroundDays: g.turnaroundDays,
    validFrom: g.validFrom,
    validTo: g.validTo,
  });
}
