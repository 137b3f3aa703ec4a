import type { Flavour } from '../marc/record.js';

/**
 * The rules of each format that validation checks: leader positions, the indicators of the
 * common tags, the fields a record needs and the fields that may appear only once. Taken from
 * the MARC 21 Format for Bibliographic Data and the UNIMARC Manual (Bibliographic, 2008 and later
 * updates); only the common tags are listed — others need blank-or-digit indicators only.
 */
export interface LeaderRule {
  position: number;
  name: string;
  allowed: string;
}

/** Each indicator's allowed characters (' ' = blank), for a tag. */
export type IndicatorRule = readonly [ind1: string, ind2: string];

export interface FormatRules {
  name: string;
  leader: LeaderRule[];
  /** Leader/20–23, the entry map. */
  entryMaps: string[];
  indicators: Record<string, IndicatorRule>;
  /** Fields the record must have, each with the subfields it needs and their lengths. */
  required: { tag: string; subfields?: { code: string; length?: number }[]; length?: number }[];
  /** Control fields of a fixed length, when present. */
  fixedLength: Record<string, number>;
  notRepeatable: ReadonlySet<string>;
  /** Main entries: at most one of these in a record. */
  mainEntries: readonly string[];
}

const D = '0123456789';
const B = ' ';

const marc21: FormatRules = {
  name: 'MARC 21',
  leader: [
    { position: 5, name: 'record status', allowed: 'acdnp' },
    { position: 6, name: 'type of record', allowed: 'acdefgijkmoprt' },
    { position: 7, name: 'bibliographic level', allowed: 'abcdims' },
    { position: 8, name: 'type of control', allowed: ' a' },
    { position: 9, name: 'character coding scheme', allowed: ' a' },
    // Blank, 1–8, u, z, and the OCLC values that shared catalogues carry.
    { position: 17, name: 'encoding level', allowed: ' 12345678uzEIJKLM' },
    { position: 18, name: 'descriptive cataloguing form', allowed: ' acinu' },
    { position: 19, name: 'multipart resource record level', allowed: ' abc' },
  ],
  entryMaps: ['4500'],
  indicators: {
    '010': [B, B],
    '020': [B, B],
    '022': [B + '01', B],
    '035': [B, B],
    '040': [B, B],
    '041': [B + '01', B + '7'],
    '050': [B + '01', '04'],
    '082': ['017', B + '04'],
    '100': ['013', B],
    '110': ['012', B],
    '111': ['012', B],
    '130': [D, B],
    '240': ['01', D],
    '245': ['01', D],
    '246': ['0123', B + '012345678'],
    '250': [B, B],
    '260': [B + '23', B],
    '264': [B + '23', '01234'],
    '300': [B, B],
    '490': ['01', B],
    '500': [B, B],
    '504': [B, B],
    '505': ['0128', B + '0'],
    '520': [B + '012348', B],
    '600': ['013', '01234567'],
    '610': ['012', '01234567'],
    '611': ['012', '01234567'],
    '630': [D, '01234567'],
    '650': [B + '012', '01234567'],
    '651': [B, '01234567'],
    '700': ['013', B + '2'],
    '710': ['012', B + '2'],
    '711': ['012', B + '2'],
    '830': [B, D],
    '856': [B + '012347', B + '01278'],
  },
  required: [
    { tag: '008', length: 40 },
    { tag: '245', subfields: [{ code: 'a' }] },
  ],
  fixedLength: { '005': 16, '008': 40 },
  notRepeatable: new Set(['001', '003', '005', '008', '010', '018', '036', '038', '040', '042', '043', '044', '045', '066', '240', '243', '245', '250', '254', '256', '263', '306', '357', '384']),
  mainEntries: ['100', '110', '111', '130'],
};

const unimarc: FormatRules = {
  name: 'UNIMARC',
  leader: [
    { position: 5, name: 'record status', allowed: 'cdnop' },
    { position: 6, name: 'type of record', allowed: 'abcdefgijklmr' },
    { position: 7, name: 'bibliographic level', allowed: 'acims' },
    { position: 8, name: 'hierarchical level code', allowed: ' 012' },
    { position: 9, name: 'undefined (blank)', allowed: ' a' },
    { position: 17, name: 'encoding level', allowed: ' 123' },
    { position: 18, name: 'descriptive cataloguing form', allowed: ' in' },
  ],
  // UNIMARC defines '450 '; records converted from MARC 21 often carry '4500'.
  entryMaps: ['450 ', '4500'],
  indicators: {
    '010': [B, B],
    '011': [B + '01', B],
    '100': [B, B],
    '101': ['012', B],
    '102': [B, B],
    '200': ['01', B],
    '205': [B, B],
    '210': [B + '012', B + '01'],
    '215': [B, B],
    '225': ['012', B],
    '300': [B, B],
    '330': [B, B],
    '606': [B + '012', B],
    '690': [B, B],
    '700': [B, '01'],
    '701': [B, '01'],
    '702': [B, '01'],
    '710': ['01', '0123'],
    '711': ['01', '0123'],
    '712': ['01', '0123'],
    '801': [B, '0123'],
  },
  required: [
    { tag: '100', subfields: [{ code: 'a', length: 36 }] },
    { tag: '200', subfields: [{ code: 'a' }] },
  ],
  fixedLength: { '005': 16 },
  notRepeatable: new Set(['001', '003', '005', '100', '101', '102', '105', '106', '200', '700', '710', '720']),
  mainEntries: ['700', '710', '720'],
};

/** The rules of a format. */
export const rulesFor = (flavour: Flavour): FormatRules => (flavour === 'unimarc' ? unimarc : marc21);
