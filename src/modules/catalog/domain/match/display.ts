/**
 * The display record of a cluster (issue 3: "The best record of a cluster is its display
 * record (encoding level, completeness, source priority)"): members ranked by encoding level
 * first, then the alliance's priority for the holding library, then completeness.
 */
import { isDataField, type Flavour, type MarcRecord } from '../marc/record.js';

/** A member record of a cluster. */
export interface ClusterMember<Id = string> {
  id: Id;
  record: MarcRecord;
  flavour: Flavour;
  /** The holding library's symbol, for source priority. */
  library?: string;
}

export interface DisplayOptions {
  /** Higher is preferred (a national library's records over a branch's); unlisted libraries count 0. */
  sourcePriority?: Readonly<Record<string, number>>;
}

export interface RankedMember<Id = string> {
  member: ClusterMember<Id>;
  /** 0 is a full record; higher is less complete by the cataloguer's own account. */
  encodingRank: number;
  priority: number;
  completeness: number;
}

/**
 * MARC 21 leader/17: blank full; 1 full not examined; 4 core; I and L OCLC full; 2 less than
 * full; K and M OCLC less than full; 3 abbreviated; 5 partial (preliminary); 7 minimal;
 * u/z unknown; 8 prepublication (CIP) last.
 */
const MARC21_ENCODING: Record<string, number> = {
  ' ': 0, '1': 1, I: 1, L: 2, '4': 3, '2': 4, K: 5, M: 5, '3': 6, '5': 7, '7': 8, u: 9, z: 9, '8': 10,
};

/** UNIMARC leader/17: blank full; 1 sublevel 1 (not examined); 3 sublevel 3 (less than full); 2 prepublication. */
const UNIMARC_ENCODING: Record<string, number> = { ' ': 0, '1': 1, '3': 6, '2': 10 };

export function encodingRank(record: MarcRecord, flavour: Flavour): number {
  const level = record.leader[17] ?? 'u';
  return (flavour === 'unimarc' ? UNIMARC_ENCODING : MARC21_ENCODING)[level] ?? 9;
}

/**
 * Completeness: one point per data field, and more for what readers use most — subjects and
 * classification (two each), notes and contents (one more each), a standard number, an extent
 * and a publication statement (one more each).
 */
export function completeness(record: MarcRecord, flavour: Flavour): number {
  let score = 0;
  for (const f of record.fields) {
    if (!isDataField(f)) continue;
    score += 1;
    const t = f.tag;
    const bonus =
      flavour === 'unimarc'
        ? t[0] === '6' ? 2 : t[0] === '3' ? 1 : ['010', '011', '215', '210', '214'].includes(t) ? 1 : 0
        : t[0] === '6' || ['050', '060', '080', '082', '084', '090'].includes(t) ? 2
          : t[0] === '5' ? 1 : ['020', '022', '300', '260', '264'].includes(t) ? 1 : 0;
    score += bonus;
  }
  return score;
}

/** Members ranked best first: encoding level, then source priority, then completeness, then id. */
export function rankForDisplay<Id>(members: readonly ClusterMember<Id>[], options: DisplayOptions = {}): RankedMember<Id>[] {
  const ranked = members.map((member) => ({
    member,
    encodingRank: encodingRank(member.record, member.flavour),
    priority: (member.library !== undefined ? options.sourcePriority?.[member.library] : undefined) ?? 0,
    completeness: completeness(member.record, member.flavour),
  }));
  return ranked.sort(
    (x, y) =>
      x.encodingRank - y.encodingRank ||
      y.priority - x.priority ||
      y.completeness - x.completeness ||
      String(x.member.id).localeCompare(String(y.member.id)),
  );
}

/** The display record of a cluster: the best-ranked member, or null for an empty cluster. */
export function chooseDisplayRecord<Id>(members: readonly ClusterMember<Id>[], options: DisplayOptions = {}): ClusterMember<Id> | null {
  return rankForDisplay(members, options)[0]?.member ?? null;
}
