/**
 * OAI-PMH sets (§4.6) from the network directory: `alliance:<CODE>` per alliance and
 * `library:<SYMBOL>` per member library, under the parents `alliance` and `library` (a colon makes
 * a hierarchy, §2.7.2: harvesting `alliance` gives every item held in any alliance). Names in
 * Chinese and English, from the directory.
 */
import type { AllianceName, PlacedLibrary } from '../../network/index.js';

export interface OaiSet {
  spec: string;
  name: { zh: string; en: string };
  /** The libraries whose records make an item a member. */
  libraryIds: number[];
}

/** §3.4 setSpec: unreserved URI characters; a code that has others cannot be a set. */
const SPEC_PART = /^[A-Za-z0-9\-_.!~*'()]+$/;

export interface SetDirectory {
  sets: OaiSet[];
  bySpec: Map<string, OaiSet>;
  /** The setSpecs of an item held by these libraries (leaf sets: library and alliance). */
  specsOf(libraryIds: readonly number[]): string[];
}

export function setDirectory(libraries: readonly PlacedLibrary[], alliances: readonly AllianceName[]): SetDirectory {
  const liveAlliances = alliances.filter((a) => SPEC_PART.test(a.code));
  const liveLibraries = libraries.filter((l) => SPEC_PART.test(l.symbol));
  const allianceSets: OaiSet[] = [...liveAlliances]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((a) => ({ spec: `alliance:${a.code}`, name: { zh: a.nameZh, en: a.nameEn }, libraryIds: libraries.filter((l) => l.allianceIds.includes(a.id)).map((l) => l.id) }));
  const librarySets: OaiSet[] = [...liveLibraries]
    .sort((a, b) => a.symbol.localeCompare(b.symbol))
    .map((l) => ({ spec: `library:${l.symbol}`, name: { zh: l.nameZh, en: l.nameEn }, libraryIds: [l.id] }));
  const sets: OaiSet[] = [
    { spec: 'alliance', name: { zh: '联盟', en: 'Alliances' }, libraryIds: libraries.filter((l) => l.allianceIds.length > 0).map((l) => l.id) },
    ...allianceSets,
    { spec: 'library', name: { zh: '成员馆', en: 'Member libraries' }, libraryIds: libraries.map((l) => l.id) },
    ...librarySets,
  ];
  const symbolOf = new Map(liveLibraries.map((l) => [l.id, l.symbol]));
  const allianceCodes = new Map(liveAlliances.map((a) => [a.id, a.code]));
  const alliancesOf = new Map(libraries.map((l) => [l.id, l.allianceIds]));
  return {
    sets,
    bySpec: new Map(sets.map((s) => [s.spec, s])),
    specsOf(libraryIds) {
      const codes = new Set<string>();
      const symbols = new Set<string>();
      for (const id of libraryIds) {
        const symbol = symbolOf.get(id);
        if (symbol) symbols.add(symbol);
        for (const a of alliancesOf.get(id) ?? []) {
          const code = allianceCodes.get(a);
          if (code) codes.add(code);
        }
      }
      return [...[...codes].sort().map((c) => `alliance:${c}`), ...[...symbols].sort().map((s) => `library:${s}`)];
    },
  };
}
