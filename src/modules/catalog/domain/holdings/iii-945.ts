/**
 * Innovative (Millennium/Sierra) item data exported in 945, one field per item record:
 * $a item call number, $c volume, $g copy number, $i barcode, $l location code, $o icode2,
 * $s status, $t itype, $y item record number. Real example: evergreen/hebrew.marc (945 $l only).
 *
 * Status codes are Innovative's stock ones (item STATUS fixed field). A checked-out item keeps
 * status '-' in Innovative; its due date is not in the standard 945 load table, so a library
 * whose export writes one names the subfield in its mapping (`{ dueDate: ['k'] }`), or pushes
 * circulation through the availability API.
 */
import type { ProfileDefinition } from './item-reader.js';

export const iii945: ProfileDefinition = {
  name: 'iii-945',
  tag: '945',
  barcode: ['i'],
  location: ['l'],
  callNumber: ['a', 'c'],
  materialType: ['t'],
  status: ['s'],
  statusMap: {
    '-': 'available',
    m: 'missing',
    z: 'missing', // claims returned: not on the shelf, not with a reader
    n: 'lost', // billed
    $: 'lost', // lost and paid
    f: 'lost', // long overdue
    l: 'lost',
    o: 'reference-only', // library use only / non-circulating
    t: 'in-transit',
    '!': 'unavailable', // on holdshelf for a reader
    i: 'unavailable', // in processing
    p: 'unavailable',
    q: 'unavailable', // bindery
    r: 'unavailable', // repair
    d: 'unavailable', // damaged
    w: 'unavailable', // withdrawn
    u: 'unavailable', // staff use
    '?': 'unavailable', // storage
    '^': 'unavailable',
    '%': 'unavailable', // ILL returned
    s: 'unavailable',
    c: 'unavailable',
    e: 'unavailable',
    j: 'unavailable',
    v: 'unavailable',
  },
  signals: [
    // icode2 'w' marks a withdrawn item; other icode2 values only steer display.
    { code: 'o', what: 'icode2', read: (v) => (v === 'w' ? 'unavailable' : null) },
  ],
  dueDate: [],
  dueDateMeansOnLoan: false,
  markers: ['i', 'l', 's', 't', 'y'],
};
