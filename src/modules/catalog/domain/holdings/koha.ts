/**
 * Koha's item fields: 952 in MARC 21 and 995 in UNIMARC (Koha's default frameworks, "Location
 * and item information (Koha)"). Status lives in several numeric authorised values — withdrawn,
 * lost, damaged, not for loan — and a due date (items.onloan) when the copy is out.
 */
import type { ProfileDefinition, StatusSignal } from './item-reader.js';
import { kohaNumber } from './status.js';

/** WITHDRAWN: any value but 0 takes the copy out of circulation. */
const withdrawn = (code: string): StatusSignal => ({
  code,
  what: 'withdrawn status',
  read: (v) => {
    const n = kohaNumber(v);
    return n === undefined ? undefined : n === 0 ? null : 'unavailable';
  },
});

/** LOST: Koha's stock values 1 Lost, 2 Long overdue, 3 Lost and paid for, 4 Missing. */
const lost = (code: string): StatusSignal => ({
  code,
  what: 'lost status',
  read: (v) => {
    const n = kohaNumber(v);
    return n === undefined ? undefined : n === 0 ? null : n === 4 ? 'missing' : 'lost';
  },
});

/** NOT_LOAN: negative values are copies not yet on the shelf (-1 Ordered); positive ones stay in the library. */
const notForLoan = (code: string): StatusSignal => ({
  code,
  what: 'not-for-loan status',
  read: (v) => {
    const n = kohaNumber(v);
    return n === undefined ? undefined : n === 0 ? null : n < 0 ? 'unavailable' : 'reference-only';
  },
});

/** DAMAGED: Koha lends damaged copies unless told not to, so by default it changes nothing ("$4=1" in a mapping can). */
const damaged = (code: string): StatusSignal => ({
  code,
  what: 'damaged status',
  read: (v) => (kohaNumber(v) === undefined ? undefined : null),
});

/**
 * MARC 21 952: $a home branch, $b holding branch, $c shelving location, $o call number,
 * $p barcode, $y item type, $q due date (onloan), $0 withdrawn, $1 lost, $4 damaged,
 * $7 not for loan, $8 collection.
 */
export const koha952: ProfileDefinition = {
  name: 'koha-952',
  tag: '952',
  barcode: ['p'],
  location: ['a', 'c'],
  locationFallback: ['b'],
  callNumber: ['o'],
  materialType: ['y'],
  status: [],
  statusMap: {},
  signals: [withdrawn('0'), lost('1'), damaged('4'), notForLoan('7')],
  dueDate: ['q'],
  dueDateMeansOnLoan: true,
  markers: ['b', 'c', 'o', 'p', 'y', '7', '9'],
};

/**
 * UNIMARC/CNMARC 995 as Koha UNIMARC (and the French Recommandation 995 it follows) writes it:
 * $b home branch (coded; $a free text), $c holding branch, $e shelving location, $f barcode,
 * $k call number, $r item type, $n due date (onloan), $o not for loan, $0 withdrawn, $2 lost.
 */
export const unimarc995: ProfileDefinition = {
  name: 'unimarc-995',
  tag: '995',
  barcode: ['f'],
  location: ['b', 'e'],
  locationFallback: ['a', 'c'],
  callNumber: ['k'],
  materialType: ['r'],
  status: [],
  statusMap: {},
  signals: [withdrawn('0'), lost('2'), notForLoan('o')],
  dueDate: ['n'],
  dueDateMeansOnLoan: true,
  markers: ['b', 'c', 'e', 'f', 'k', 'r'],
};
