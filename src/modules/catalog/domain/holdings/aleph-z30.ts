/**
 * Ex Libris Aleph items (table Z30) expanded into the bibliographic record when publishing
 * (expand_doc_bib_z30), under the alphabetic tag Z30 — or, in exports for other systems,
 * under a local numeric tag (mapping `{ tag: '949' }`, and the subfields if they differ).
 *
 * The mapping we chose (documented in docs/holdings.md, overridable per library):
 * $1 sub-library, $2 collection, $3 call number, $5 barcode, $m material, $f item status (a loan
 * policy: "Regular loan", "Reference"…), $p item process status (MI missing, LO lost, TR in
 * transit, OR on order …), $d due date of an open loan (Z36-DUE-DATE, YYYYMMDD).
 */
import type { ProfileDefinition } from './item-reader.js';

/** Item statuses name loan policies; only the ones that keep a copy in the building matter here. */
const REFERENCE = /\b(reference|ref\.?|library use|in.?house|non.?circ|pr[äa]senz)/i;

export const alephZ30: ProfileDefinition = {
  name: 'aleph-z30',
  tag: 'Z30',
  barcode: ['5'],
  location: ['1', '2'],
  callNumber: ['3'],
  materialType: ['m'],
  status: ['p'],
  statusMap: {
    MI: 'missing',
    Missing: 'missing',
    CL: 'missing', // claimed returned
    LO: 'lost',
    LS: 'lost',
    Lost: 'lost',
    TR: 'in-transit',
    IT: 'in-transit',
    'In transit': 'in-transit',
    OR: 'unavailable',
    'On order': 'unavailable',
    CT: 'unavailable',
    IP: 'unavailable',
    'In process': 'unavailable',
    BD: 'unavailable',
    'At bindery': 'unavailable',
    RP: 'unavailable',
    WD: 'unavailable',
    HS: 'unavailable', // on hold shelf
    RS: 'reference-only', // reading room / reserve stock
  },
  signals: [{ code: 'f', what: 'item status', read: (v) => (REFERENCE.test(v) ? 'reference-only' : null) }],
  dueDate: ['d'],
  dueDateMeansOnLoan: false,
  markers: ['1', '2', '3', '5'],
};
