import type { ControlField, DataField, MarcField, MarcRecord } from '../marc/index.js';
import { identifierFields } from './identifiers.js';
import type { DcRecord } from './oai-dc.js';
import { marcLanguage, typeCoding } from './vocabularies.js';

/** What the crosswalk needs besides the description. */
export interface CrosswalkOptions {
  /** The record's local id, written to 001 (for harvested records: the OAI identifier). */
  localId: string;
}

const data = (tag: string, ind1: string, ind2: string, ...subfields: [string, string][]): DataField => ({
  tag, ind1, ind2, subfields: subfields.map(([code, value]) => ({ code, value })),
});

/** Non-filing characters of a title's leading article (245 ind2), for the languages members catalogue in. */
function nonFiling(title: string): string {
  const m = /^(the |an |a |le |la |les |l'|der |die |das |el |los |las |il |lo |gli )/i.exec(title);
  return m ? String(m[1]!.length) : '0';
}

/** A personal name in inverted form ("Surname, Forename") is 1#; a name in direct order (or a body) 0#. */
const nameIndicator = (name: string): string => (/^[^,]+,\s*\S/.test(name) ? '1' : '0');

const EXTENT = /\d.*\b(p|pp|pages?|leaves|v|vols?|volumes?|min|minutes|sec|hours?|mb|kb|gb|sheets?|items?|cm|mm|maps?|discs?|cassettes?|reels?|frames?|photographs?|页|册|张|幅|分钟)\b|online resource|\d+\s*(页|册|张|幅)/i;
const MIME = /^[a-z]+\/[-+.\w]+(;.*)?$/i;

/** The first four-digit year in a date value (W3CDTF `2004-05-12`, `c2004`, `2004年`). */
function yearOf(dates: readonly string[]): string | undefined {
  for (const d of dates) {
    const m = /(?:^|\D)(1[0-9]{3}|20[0-9]{2})(?:\D|$)/.exec(d);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * Builds a MARC 21 bibliographic record from a simple Dublin Core description, following the
 * Library of Congress "Dublin Core to MARC Crosswalk" (https://www.loc.gov/marc/dccross.html)
 * with the refinements Anylib's pipeline needs to match and cluster these records like any other:
 *
 * - title → 245 (further titles 246 3#); creator → 100, further creators 700; contributor → 720;
 * - format: an extent → 300, a media type → 856 $q, a medium in words → 340;
 * - subject → 653 (one per term, `;`-separated terms split); description → 520;
 * - publisher → 260 $b, date → 260 $c and 008/07-10; type → leader/06 (/07) and 655 #7 ($2 dct
 *   for DCMI Type terms, local otherwise); format → 300 (an extent) or 856 $q (a media type);
 * - identifier → 020 (ISBN) / 022 (ISSN) / 024 (DOI, handle, URN, other) / 856 $u (URL);
 * - language → 041 and 008/35-37 (546 when it names no language we know); source → 786 0# $n;
 *   relation → 787 0# $n; coverage → 500; rights → 540.
 *
 * Leader: new (n), the type found or language material (a), monograph unless the type tells
 * otherwise, Unicode, encoding level 3 (abbreviated: a DC description is one), descriptive form
 * unknown (u). 008 has no date entered on file (blanks): the harvest datestamp there would
 * make every re-harvested record a new version although nothing in it changed.
 */
export function dcToMarc(dc: DcRecord, { localId }: CrosswalkOptions): MarcRecord {
  const fields: MarcField[] = [];
  const titles = dc.title ?? [];
  const creators = dc.creator ?? [];
  const dates = dc.date ?? [];
  const types = (dc.type ?? []).map((t) => ({ value: t, coding: typeCoding(t) }));
  const languages = (dc.language ?? []).map((l) => ({ value: l, code: marcLanguage(l) }));
  const codes = [...new Set(languages.flatMap((l) => (l.code ? [l.code] : [])))];
  const year = yearOf(dates);

  const identifiers = (dc.identifier ?? []).flatMap(identifierFields);
  const links = identifiers.filter((f) => f.tag === '856');
  for (const format of dc.format ?? []) {
    if (MIME.test(format)) {
      // A media type qualifies the record's link (LC: format → 856 $q); without a link it stands alone.
      const link = links.find((l) => !l.subfields.some((s) => s.code === 'q'));
      if (link) link.subfields.push({ code: 'q', value: format });
      else identifiers.push(data('856', ' ', ' ', ['q', format]));
    } else {
      // An extent is 300; a carrier or medium named in words ("print", "paper") is 340 $a.
      fields.push(data(EXTENT.test(format) ? '300' : '340', ' ', ' ', ['a', format]));
    }
  }
  fields.push(...identifiers);

  if (codes.length > 0) fields.push(data('041', '0', ' ', ...codes.map((c): [string, string] => ['a', c])));
  creators.forEach((name, i) => fields.push(data(i === 0 ? '100' : '700', nameIndicator(name), ' ', ['a', name])));
  for (const name of dc.contributor ?? []) fields.push(data('720', ' ', ' ', ['a', name], ['e', 'contributor']));
  if (titles.length > 0) fields.push(data('245', creators.length > 0 ? '1' : '0', nonFiling(titles[0]!), ['a', titles[0]!]));
  for (const t of titles.slice(1)) fields.push(data('246', '3', ' ', ['a', t]));
  const publishers = dc.publisher ?? [];
  if (publishers.length > 0 || dates.length > 0) {
    fields.push(data('260', ' ', ' ', ...publishers.map((p): [string, string] => ['b', p]), ...(dates[0] ? [['c', dates[0]] as [string, string]] : [])));
  }
  for (const c of dc.coverage ?? []) fields.push(data('500', ' ', ' ', ['a', c]));
  for (const d of dc.description ?? []) fields.push(data('520', ' ', ' ', ['a', d]));
  for (const r of dc.rights ?? []) fields.push(data('540', ' ', ' ', ['a', r]));
  for (const l of languages) if (!l.code) fields.push(data('546', ' ', ' ', ['a', l.value]));
  for (const s of dc.subject ?? []) {
    for (const term of s.split(/\s*;\s*/)) if (term !== '') fields.push(data('653', ' ', ' ', ['a', term]));
  }
  for (const t of types) fields.push(data('655', ' ', '7', ['a', t.value], ['2', t.coding?.dcmi ? 'dct' : 'local']));
  for (const s of dc.source ?? []) fields.push(data('786', '0', ' ', ['n', s]));
  for (const r of dc.relation ?? []) fields.push(data('787', '0', ' ', ['n', r]));

  const coded = types.find((t) => t.coding)?.coding;
  const typeOfRecord = coded?.typeOfRecord ?? 'a';
  const level = coded?.level ?? 'm';
  const leader = `00000n${typeOfRecord}${level} a22000003u 4500`;
  const f008 = [
    '      ', // 00-05 date entered on file: none (see above)
    year ? 's' : 'n',
    year ?? 'uuuu',
    '    ',
    'xx ', // 15-17 place of publication: not known from DC
    '|'.repeat(17), // 18-34 material-specific: no attempt to code
    codes[0] ?? 'und',
    ' ', // 38 not modified
    'd', // 39 cataloguing source: other
  ].join('');
  const control: ControlField[] = [
    { tag: '001', value: localId },
    { tag: '008', value: f008 },
  ];
  // Fields in tag order, as a cataloguer and yaz-marcdump expect; a stable sort keeps repeats in document order.
  const sorted = fields.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  return { leader, fields: [...control, ...sorted] };
}
