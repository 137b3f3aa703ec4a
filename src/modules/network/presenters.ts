import type { Principal } from '../../platform/http/access.js';
import type { AllianceRecord, AllianceSummary } from './alliance.store.js';
import type { LibraryDoc } from './domain/document.js';
import { provinces } from './domain/provinces.js';
import type { LibraryRecord } from './library.store.js';

/**
 * Staff of any library or alliance (not readers, not anonymous callers) see the directory's
 * contact e-mail addresses and telephone numbers; the rest of the directory is public.
 */
export function seesContactDetails(p: Principal | undefined): boolean {
  return !!p && p.grants.some((g) => g.role !== 'reader');
}

/** A library entry as the caller may see it: contacts without e-mail and phone for the public. */
export function libraryEntry(doc: LibraryDoc, staff: boolean): LibraryDoc {
  if (staff || !doc.contacts) return doc;
  return { ...doc, contacts: doc.contacts.map(({ name, role }) => ({ name, role })) };
}

/** GET /libraries/{symbol}: the entry, its province's name and the alliances it belongs to. */
export function presentLibrary(r: LibraryRecord, staff: boolean) {
  return { ...libraryEntry(r.doc, staff), provinceName: provinces[r.doc.province], memberships: r.memberships };
}

/** A line of the library list. */
export function presentLibrarySummary(d: LibraryDoc) {
  return { symbol: d.symbol, name: d.name, type: d.type, province: d.province, provinceName: provinces[d.province], city: d.city, coordinates: d.coordinates };
}

/** GET /alliances/{code}: the alliance with its members (and their names), governance and child alliances. */
export function presentAlliance(r: AllianceRecord) {
  return {
    ...r.fields,
    provinceName: r.fields.province && provinces[r.fields.province],
    members: r.members,
    governance: r.governance,
    children: r.children,
  };
}

export function presentAllianceSummary(s: AllianceSummary) {
  return { ...s.fields, memberCount: s.memberCount };
}
