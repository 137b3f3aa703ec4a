import type { AgreementDoc, AllianceDoc, LibraryDoc } from './document.js';
import { cycleThrough } from './hierarchy.js';
import { formatPath, type FieldPath, type Problem } from './problems.js';

/**
 * What a check may ask about the rest of the directory: which libraries and alliances exist (in
 * the database, or earlier in the same file) and every alliance's parent after the change.
 */
export interface References {
  hasLibrary(symbol: string): boolean;
  hasAlliance(code: string): boolean;
  parents: ReadonlyMap<string, string | null | undefined>;
}

/** A library entry's own consistency: closed periods end on or after they start. */
export function libraryProblems(lib: LibraryDoc, at: FieldPath): Problem[] {
  const problems: Problem[] = [];
  lib.closedDays?.forEach((d, i) => {
    if (d.to < d.from) problems.push({ path: [...at, 'closedDays', i, 'to'], code: 'dates-reversed', params: { from: d.from, to: d.to } });
  });
  return problems;
}

/**
 * An alliance's references: its parent and management centre exist, its members and seat holders
 * are known libraries listed once, terms end after they start, and the parent chain has no cycle.
 */
export function allianceProblems(a: AllianceDoc, at: FieldPath, refs: References): Problem[] {
  const problems: Problem[] = [];
  if (a.parent !== undefined) {
    if (!refs.hasAlliance(a.parent)) problems.push({ path: [...at, 'parent'], code: 'unknown-alliance', params: { value: a.parent } });
    else {
      const cycle = cycleThrough(a.code, refs.parents);
      if (cycle) problems.push({ path: [...at, 'parent'], code: 'cycle', params: { path: cycle.join(' → ') } });
    }
  }
  if (a.managementCentre !== undefined && !refs.hasLibrary(a.managementCentre)) {
    problems.push({ path: [...at, 'managementCentre'], code: 'unknown-library', params: { value: a.managementCentre } });
  }
  if (a.members) problems.push(...memberProblems(a.members, [...at, 'members'], refs));
  a.governance?.forEach((body, b) =>
    body.seats?.forEach((seat, s) => {
      const seatAt = [...at, 'governance', b, 'seats', s];
      if (seat.library !== undefined && !refs.hasLibrary(seat.library)) problems.push({ path: [...seatAt, 'library'], code: 'unknown-library', params: { value: seat.library } });
      if (seat.termStart && seat.termEnd && seat.termEnd < seat.termStart) {
        problems.push({ path: [...seatAt, 'termEnd'], code: 'dates-reversed', params: { from: seat.termStart, to: seat.termEnd } });
      }
    }),
  );
  return problems;
}

/** A member list: every library known, none listed twice. */
export function memberProblems(members: readonly { library: string }[], at: FieldPath, refs: Pick<References, 'hasLibrary'>): Problem[] {
  const problems: Problem[] = [];
  const first = new Map<string, number>();
  members.forEach((m, i) => {
    const seen = first.get(m.library);
    if (seen !== undefined) problems.push({ path: [...at, i, 'library'], code: 'duplicate', params: { value: m.library, first: `${formatPath(at)}[${seen}]` } });
    else first.set(m.library, i);
    if (!refs.hasLibrary(m.library)) problems.push({ path: [...at, i, 'library'], code: 'unknown-library', params: { value: m.library } });
  });
  return problems;
}

/** An agreement: each party names one known library or alliance, once; it ends after it starts. */
export function agreementProblems(g: AgreementDoc, at: FieldPath, refs: References): Problem[] {
  const problems: Problem[] = [];
  const first = new Map<string, number>();
  g.parties.forEach((p, i) => {
    const partyAt = [...at, 'parties', i];
    if ((p.library === undefined) === (p.alliance === undefined)) {
      problems.push({ path: partyAt, code: 'party-shape' });
      return;
    }
    const key = p.library !== undefined ? `library:${p.library}` : `alliance:${p.alliance}`;
    const seen = first.get(key);
    if (seen !== undefined) problems.push({ path: partyAt, code: 'duplicate', params: { value: key, first: `${formatPath([...at, 'parties'])}[${seen}]` } });
    else first.set(key, i);
    if (p.library !== undefined && !refs.hasLibrary(p.library)) problems.push({ path: [...partyAt, 'library'], code: 'unknown-library', params: { value: p.library } });
    if (p.alliance !== undefined && !refs.hasAlliance(p.alliance)) problems.push({ path: [...partyAt, 'alliance'], code: 'unknown-alliance', params: { value: p.alliance } });
  });
  if (g.validTo !== undefined && g.validTo < g.validFrom) problems.push({ path: [...at, 'validTo'], code: 'dates-reversed', params: { from: g.validFrom, to: g.validTo } });
  return problems;
}
