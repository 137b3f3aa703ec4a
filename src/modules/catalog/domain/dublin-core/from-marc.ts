import { isDataField, type DataField, type Flavour, type MarcRecord } from '../marc/index.js';
import { DC_ELEMENTS, type DcElement, type DcRecord } from './oai-dc.js';

/**
 * MARC → simple Dublin Core, for what Anylib gives out (OAI-PMH `oai_dc`, SRU `dc`). MARC 21
 * follows the Library of Congress "MARC to Dublin Core Crosswalk", unqualified
 * (https://www.loc.gov/marc/marc2dc.html, §2), as its MARC21slim2OAIDC stylesheet applies it;
 * UNIMARC (and CNMARC, which keeps UNIMARC's tags) the same elements from UNIMARC's blocks.
 *
 * Refinements, each so that a harvester gets what a reader would call the value:
 * - vernacular 880 fields (MARC 21) count as the field their $6 links to, so a Chinese,
 *   Japanese or Korean record gives its title and names in their own script as well;
 * - ISBD punctuation closing a subfield (` /`, ` :`, `;`, `,`, a full stop after a word) is
 *   removed, as LoC's stylesheets do (chopPunctuation), but an initial's full stop is kept;
 * - identifiers say what they are (`ISBN …`, `ISSN …`, `doi:…`, `hdl:…`), the forms that
 *   dcToMarc (crosswalk.ts) reads back into 020/022/024, so DC → MARC → DC keeps them;
 * - type gives the DCMI Type term of leader/06 (LoC gives words like "text"; DCMI terms are what
 *   DC consumers filter on) and then the genre/form terms;
 * - classification numbers (LoC lists 050/082 under subject) are left out: a harvester would
 *   index "PS3553.H15" as a subject word.
 * Values repeated across fields (041 and 008 languages, 655 "Text") are given once.
 */
export function marcToDublinCore(record: MarcRecord, flavour: Flavour): DcRecord {
  const out = new Map<DcElement, string[]>();
  const add = (element: DcElement, value: string | undefined): void => {
    // Non-sorting marks (NSB/NSE U+0088/U+0089, U+0098/U+009C around "Lo " in UNIMARC) and other C1 controls mean nothing outside MARC.
    const v = value?.replace(/[\u0080-\u009f]/g, '').replace(/\s+/g, ' ').trim().normalize('NFC');
    if (!v) return;
    const list = out.get(element) ?? [];
    if (!list.includes(v)) list.push(v);
    out.set(element, list);
  };
  if (flavour === 'unimarc') fromUnimarc(record, add);
  else fromMarc21(record, add);
  // Elements in DCMES order, the order oai_dc's schema examples and most harvesters show.
  const dc: DcRecord = {};
  for (const e of DC_ELEMENTS) {
    const values = out.get(e);
    if (values && values.length > 0) dc[e] = values;
  }
  return dc;
}

type Add = (element: DcElement, value: string | undefined) => void;

/** The tag a field counts as: an 880's linked tag ($6 `245-01/$1`), else its own. */
function effectiveTag(f: DataField): string {
  if (f.tag !== '880') return f.tag;
  const link = f.subfields.find((s) => s.code === '6')?.value ?? '';
  return /^\d{3}/.test(link) ? link.slice(0, 3) : '880';
}

/** Words whose full stop is part of them, not ISBD punctuation (names and extents end in them). */
const ABBREVIATIONS = new Set(['jr', 'sr', 'inc', 'co', 'ltd', 'corp', 'bros', 'dept', 'st', 'dr', 'mr', 'mrs', 'ed', 'eds', 'etc', 'pbk', 'hbk', 'cm', 'mm', 'p', 'pp', 'ill', 'ca', 'vol', 'vols', 'v', 'no', 'col', 'b', 'd', 'fl', 'approx']);

/** Removes the ISBD punctuation that closes a subfield (LoC's chopPunctuation, keeping an initial's full stop). */
export function chop(value: string): string {
  let v = value.trim().replace(/[\s]*[/:;,=+]+$/, '').trim();
  // "Press." → "Press", "1999." → "1999", but "Smith, John A.", "Jr." and "ed." keep theirs.
  const last = /(\S+)\.$/u.exec(v)?.[1];
  if (last && !/\.\.$/.test(v) && !/^\p{Lu}$/u.test(last) && !ABBREVIATIONS.has(last.toLowerCase())) v = v.slice(0, -1);
  return v.replace(/\s+[/:;=]$/, '').trim();
}

const subs = (f: DataField, codes: string): string[] =>
  f.subfields.filter((s) => codes.includes(s.code)).map((s) => s.value);

/** The chosen subfields, each chopped, joined with a blank (the stylesheets' subfieldSelect). */
const join = (f: DataField, codes: string): string =>
  chop(subs(f, codes).map((s) => s.trim()).filter((s) => s !== '').join(' '));

/** A subject heading: the main part, then subdivisions joined with ` -- ` as LCSH displays them. */
function heading(f: DataField, main: string, subdivisions: string): string {
  const head = join({ ...f, subfields: f.subfields.filter((s) => main.includes(s.code)) }, main);
  const rest = f.subfields.filter((s) => subdivisions.includes(s.code)).map((s) => chop(s.value)).filter((s) => s !== '');
  return [head, ...rest].filter((s) => s !== '').join(' -- ');
}

/** DCMI Type terms for leader/06, which MARC 21 and UNIMARC code alike for these values. */
const TYPE_OF_RECORD: Record<string, string> = {
  a: 'Text', b: 'Text', t: 'Text', c: 'Text', d: 'Text', e: 'Image', f: 'Image', g: 'MovingImage',
  i: 'Sound', j: 'Sound', k: 'StillImage', m: 'Software', o: 'Collection', p: 'Collection', r: 'PhysicalObject',
};
const UNIMARC_TYPE: Record<string, string> = { ...TYPE_OF_RECORD, l: 'Software', m: 'Collection' };

const LANGUAGE = /^[a-z]{3}$/;
const emptyLanguage = (code: string): boolean => !LANGUAGE.test(code) || code === 'und' || code === 'zxx';

/** An ISBN subfield as an identifier: `ISBN 9787020002207 (精装)` (qualifier from $q or the value's own parentheses). */
function isbn(value: string, qualifier?: string): string | undefined {
  const m = /^\s*([\dXx-]{10,17})\s*(?:\((.+?)\))?/.exec(value);
  if (!m) return undefined;
  const q = (qualifier ?? m[2])?.trim().replace(/^\((.*)\)$/, '$1');
  return `ISBN ${m[1]!.replace(/-/g, '').toUpperCase()}${q ? ` (${chop(q)})` : ''}`;
}

function issn(value: string): string | undefined {
  const m = /(\d{4})-?(\d{3}[\dXx])/.exec(value);
  return m ? `ISSN ${m[1]}-${m[2]!.toUpperCase()}` : undefined;
}

/** A 024 (MARC 21) or 017 (UNIMARC) other standard identifier in the form its source names. */
function standardIdentifier(f: DataField, ind1: string): string | undefined {
  const a = subs(f, 'a')[0]?.trim();
  if (!a) return undefined;
  const source = (subs(f, '2')[0] ?? '').toLowerCase();
  if (f.ind1 === ind1 && source === 'doi') return `doi:${a}`;
  if (f.ind1 === ind1 && source === 'hdl') return `hdl:${a}`;
  return a;
}

function fromMarc21(record: MarcRecord, add: Add): void {
  const fields = record.fields.filter(isDataField);
  const f008 = record.fields.find((f) => f.tag === '008');
  const control008 = f008 && !isDataField(f008) ? f008.value : '';
  const byTag = (...tags: string[]) => fields.filter((f) => tags.includes(effectiveTag(f)));

  for (const f of byTag('245')) add('title', join(f, 'abfgknps'));
  for (const f of byTag('246')) add('title', join(f, 'abnp'));
  for (const f of byTag('100', '700')) add('creator', join(f, 'abcdq'));
  for (const f of byTag('110', '111', '710', '711')) add('creator', join(f, 'abcdn'));
  for (const f of byTag('720')) add('contributor', join(f, 'a'));
  for (const f of byTag('600', '610', '611', '630', '650', '653')) add('subject', heading(f, 'abcdqt', 'vxyz'));
  // LoC: description 500–599 but 506 and 540 (rights), 530 (relation), 546 (language); 520 first.
  for (const f of byTag('520')) add('description', join(f, 'a'));
  for (const f of fields) {
    const t = Number(effectiveTag(f));
    if (t >= 500 && t < 600 && ![506, 520, 530, 540, 546].includes(t)) add('description', join(f, 'a'));
  }
  for (const f of byTag('260', ...fields.some((f) => f.tag === '260') ? [] : ['264'])) {
    if (f.tag === '264' && f.ind2 !== '1') continue; // 264 #1 is publication; #2–#4 distribution, manufacture, copyright
    for (const b of subs(f, 'b')) add('publisher', chop(b));
  }
  const dates = byTag('260', '264').filter((f) => f.tag !== '264' || f.ind2 === '1').flatMap((f) => subs(f, 'c'));
  for (const c of dates) add('date', chop(c).replace(/^\[(.*)\]$/, '$1'));
  if (dates.length === 0) {
    const year = control008.slice(7, 11);
    if (/^\d{4}$/.test(year)) add('date', year);
  }
  add('type', TYPE_OF_RECORD[record.leader[6] ?? '']);
  for (const f of byTag('655')) add('type', heading(f, 'a', 'vxyz'));
  for (const f of byTag('300')) add('format', join(f, 'abce'));
  for (const f of byTag('340')) add('format', join(f, 'a'));
  for (const f of byTag('856')) for (const q of subs(f, 'q')) add('format', q);
  for (const f of byTag('020')) for (const a of subs(f, 'a')) add('identifier', isbn(a, subs(f, 'q')[0]));
  for (const f of byTag('022')) for (const a of subs(f, 'a')) add('identifier', issn(a));
  for (const f of byTag('024')) add('identifier', standardIdentifier(f, '7'));
  for (const f of byTag('856')) for (const u of subs(f, 'u')) add('identifier', u.trim());
  for (const f of byTag('786')) add('source', join(f, 'otn'));
  const lang = control008.slice(35, 38);
  if (!emptyLanguage(lang)) add('language', lang);
  for (const f of byTag('041')) for (const a of subs(f, 'a')) for (const code of a.match(/[a-z]{3}/g) ?? []) add('language', code);
  for (const f of byTag('546')) add('language', join(f, 'a'));
  for (const f of byTag('530')) add('relation', join(f, 'abcdu'));
  for (const f of byTag('490', '440', '830')) add('relation', join(f, 'anpv'));
  for (const f of byTag('760', '762', '765', '767', '770', '772', '773', '774', '775', '776', '777', '780', '785', '787')) add('relation', join(f, 'otn'));
  for (const f of byTag('651')) add('coverage', heading(f, 'a', 'vxyz'));
  for (const f of byTag('752')) add('coverage', join(f, 'abcd'));
  for (const f of byTag('506', '540')) add('rights', join(f, 'a'));
}

/** A UNIMARC name (7XX): entry element, the rest of the name ($b, which SBN writes with its comma), additions and dates. */
function unimarcName(f: DataField): string {
  const a = chop(subs(f, 'a').join(' '));
  const b = subs(f, 'b').map((s) => s.trim().replace(/^,\s*/, '')).filter((s) => s !== '').join(' ');
  const rest = subs(f, 'cdf').map(chop).filter((s) => s !== '');
  return [b ? `${a}, ${chop(b)}` : a, ...rest].join(', ');
}

function fromUnimarc(record: MarcRecord, add: Add): void {
  const fields = record.fields.filter(isDataField);
  const byTag = (...tags: string[]) => fields.filter((f) => tags.includes(f.tag));

  // 200 $a title proper (repeated for titles by the same author), $e other title information, $h/$i part.
  for (const f of byTag('200')) {
    let title = subs(f, 'a').map(chop).join(' ; ');
    for (const e of subs(f, 'e')) title += ` : ${chop(e)}`;
    const part = [...subs(f, 'h'), ...subs(f, 'i')].map(chop).filter((s) => s !== '');
    if (part.length > 0) title += `. ${part.join(', ')}`;
    add('title', title);
  }
  for (const f of byTag('510', '512', '517', '532', '541')) add('title', join(f, 'ae'));
  // 700/710 primary, 701/711 alternative responsibility: creators; 702/712 secondary: contributors.
  for (const f of byTag('700', '701', '710', '711', '720', '721')) add('creator', unimarcName(f));
  for (const f of byTag('702', '712', '722')) add('contributor', unimarcName(f));
  for (const f of byTag('600', '601', '602', '604', '605', '606', '607', '610')) add('subject', heading(f, f.tag === '600' || f.tag === '601' ? 'abcdf' : 'a', 'jxyz'));
  // 330 summary first, then the other notes of block 3.
  for (const f of byTag('330')) add('description', join(f, 'a'));
  for (const f of fields) if (f.tag.startsWith('3') && !['330', '371'].includes(f.tag)) add('description', join(f, 'a'));
  const publication = byTag('210').length > 0 ? byTag('210') : byTag('214');
  for (const f of publication) for (const c of subs(f, 'c')) add('publisher', chop(c));
  const dates = publication.flatMap((f) => subs(f, 'd'));
  for (const d of dates) add('date', chop(d).replace(/^\[(.*)\]$/, '$1'));
  if (dates.length === 0) {
    // 100 $a/09-12: date 1 of the general processing data.
    const year = (subs(byTag('100')[0] ?? { tag: '', ind1: '', ind2: '', subfields: [] }, 'a')[0] ?? '').slice(9, 13);
    if (/^\d{4}$/.test(year)) add('date', year);
  }
  add('type', UNIMARC_TYPE[record.leader[6] ?? '']);
  // 608 form, genre or physical characteristics: UNIMARC's 655, which LoC maps to type.
  for (const f of byTag('608')) add('type', heading(f, 'a', 'jxyz'));
  for (const f of byTag('215')) add('format', [join(f, 'ac'), join(f, 'd')].filter((s) => s !== '').join(' ; '));
  for (const f of byTag('856')) for (const q of subs(f, 'q')) add('format', q);
  for (const f of byTag('010')) for (const a of subs(f, 'a')) add('identifier', isbn(a, subs(f, 'b')[0]));
  for (const f of byTag('011')) for (const a of subs(f, 'a')) add('identifier', issn(a));
  for (const f of byTag('017')) add('identifier', standardIdentifier(f, '7'));
  for (const f of byTag('856')) for (const u of subs(f, 'u')) add('identifier', u.trim());
  for (const f of byTag('101')) for (const a of subs(f, 'a')) if (!emptyLanguage(a.trim())) add('language', a.trim());
  // Series (225) and the linking block (4XX, their $t title) are relations.
  for (const f of byTag('225')) add('relation', join(f, 'aehiv'));
  for (const f of fields) if (f.tag.startsWith('4')) add('relation', join(f, 't'));
  for (const f of byTag('371')) add('rights', join(f, 'a'));
}
