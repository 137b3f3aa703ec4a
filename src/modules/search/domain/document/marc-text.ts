/**
 * The words of a union record, field by field, as the index weighs them: titles, names, subjects,
 * publishers, series and the rest (issue 4, "Ranking": title over author over subject over other).
 * MARC 21 and UNIMARC/CNMARC each by their own tags; 880 fields (MARC 21 alternate graphic
 * representation) count with the field they link to, so 紅樓夢 in 880 is a title like 245.
 */
import type { DataField, Flavour, MarcRecord } from '../../../catalog/index.js';

export interface RecordText {
  titles: string[];
  authors: string[];
  subjects: string[];
  publishers: string[];
  series: string[];
  other: string[];
  dois: string[];
  /** Headings as shown in the subject facet (first subfield, closing punctuation trimmed). */
  subjectHeadings: string[];
  /** Names as shown in the author facet. */
  authorNames: string[];
  /** The title and main author in their own script (MARC 21 880 linked to 245 and 1XX), for hits whose 245 is romanised. */
  vernacularTitle: string | null;
  vernacularAuthor: string | null;
}

interface Rule {
  tags: readonly string[];
  codes: string;
  /** Only fields whose indicators pass (e.g. 264 with second indicator 1: publication). */
  when?: (f: DataField) => boolean;
}

type Part = 'titles' | 'authors' | 'subjects' | 'publishers' | 'series' | 'other';

const MARC21: Record<Part, Rule[]> = {
  titles: [
    { tags: ['245'], codes: 'abnp' }, { tags: ['246', '247'], codes: 'abnp' },
    { tags: ['130', '240', '730'], codes: 'anp' }, { tags: ['740'], codes: 'anp' },
  ],
  authors: [{ tags: ['100', '700'], codes: 'abcq' }, { tags: ['110', '710'], codes: 'ab' }, { tags: ['111', '711'], codes: 'a' }],
  subjects: [{ tags: ['600', '610', '611', '630', '648', '650', '651', '653', '655'], codes: 'abcdtvxyz' }],
  publishers: [{ tags: ['260'], codes: 'b' }, { tags: ['264'], codes: 'b', when: (f) => f.ind2 === '1' }],
  series: [{ tags: ['490', '440', '830'], codes: 'a' }, { tags: ['800', '810', '811'], codes: 't' }],
  other: [
    { tags: ['250'], codes: 'ab' }, { tags: ['260', '264'], codes: 'a' }, { tags: ['500', '502', '504', '520'], codes: 'a' },
    { tags: ['505'], codes: 'agrt' }, { tags: ['111', '711'], codes: 'cn' },
  ],
};

const UNIMARC: Record<Part, Rule[]> = {
  titles: [
    { tags: ['200'], codes: 'aehi' }, { tags: ['500', '503'], codes: 'ahi' },
    { tags: ['510', '512', '513', '514', '515', '516', '517', '518', '520', '530', '531', '532', '540', '541'], codes: 'aehi' },
  ],
  authors: [{ tags: ['700', '701', '702', '720', '721', '722'], codes: 'abcdfg' }, { tags: ['710', '711', '712'], codes: 'abcd' }],
  subjects: [{ tags: ['600', '601', '602', '604', '605', '606', '607', '608', '610', '615', '616', '617'], codes: 'abcdjtxyz' }],
  publishers: [{ tags: ['210', '214'], codes: 'cg' }],
  series: [{ tags: ['225'], codes: 'aehi' }, { tags: ['410', '411'], codes: 't' }],
  other: [{ tags: ['205'], codes: 'ab' }, { tags: ['210', '214'], codes: 'a' }, { tags: ['300', '327', '328', '330'], codes: 'a' }],
};

const FACET_SUBJECT: Record<Flavour, readonly string[]> = {
  marc21: ['650', '600', '610', '611', '630', '651', '655'],
  unimarc: ['606', '600', '601', '602', '605', '607', '608'],
};
const FACET_AUTHOR: Record<Flavour, readonly string[]> = {
  marc21: ['100', '110', '111', '700', '710', '711'],
  unimarc: ['700', '701', '702', '710', '711', '712'],
};

const isData = (f: MarcRecord['fields'][number]): f is DataField => 'subfields' in f;

/** ISBD closing punctuation is not part of a heading shown as a facet value. */
const tidy = (s: string): string => s.replace(/[\s/:;,=.]+$/u, '').trim();

/** The tag an 880 stands in for ("245-01/$1" → "245"), or its own tag. */
const effectiveTag = (f: DataField): string => {
  if (f.tag !== '880') return f.tag;
  const link = f.subfields.find((s) => s.code === '6')?.value ?? '';
  return /^\d{3}/.test(link) ? link.slice(0, 3) : f.tag;
};

const joined = (f: DataField, codes: string): string =>
  f.subfields.filter((s) => codes.includes(s.code)).map((s) => s.value.trim()).filter((v) => v !== '').join(' ');

/** The record's words by part, for the index and the facets. */
export function recordText(record: MarcRecord, flavour: Flavour): RecordText {
  const rules = flavour === 'unimarc' ? UNIMARC : MARC21;
  const fields = record.fields.filter(isData).map((f) => ({ field: f, tag: effectiveTag(f) }));
  const take = (part: Part): string[] => {
    const out: string[] = [];
    for (const { field, tag } of fields) {
      for (const rule of rules[part]) {
        if (!rule.tags.includes(tag) || (rule.when && !rule.when(field))) continue;
        const text = joined(field, rule.codes);
        if (text !== '') out.push(text);
      }
    }
    return out;
  };
  const firstOf = (tags: readonly string[]): string[] => {
    const out: string[] = [];
    for (const { field, tag } of fields) {
      if (field.tag === '880' || !tags.includes(tag)) continue;
      const a = tidy(field.subfields.find((s) => s.code === 'a')?.value ?? '');
      if (a !== '' && !out.includes(a)) out.push(a);
    }
    return out;
  };
  return {
    titles: take('titles'),
    authors: take('authors'),
    subjects: take('subjects'),
    publishers: take('publishers'),
    series: take('series'),
    other: take('other'),
    dois: dois(record, flavour),
    subjectHeadings: firstOf(FACET_SUBJECT[flavour]).slice(0, 20),
    authorNames: firstOf(FACET_AUTHOR[flavour]).slice(0, 20),
    vernacularTitle: linked(fields, ['245'], 'abnp'),
    vernacularAuthor: linked(fields, ['100', '110', '111'], 'a'),
  };
}

/** The first 880 standing in for one of these tags, its subfields joined and closing punctuation trimmed. */
function linked(fields: { field: DataField; tag: string }[], tags: readonly string[], codes: string): string | null {
  const f = fields.find((x) => x.field.tag === '880' && tags.includes(x.tag));
  const text = f ? tidy(joined(f.field, codes)) : '';
  return text === '' ? null : text;
}

/** DOIs: MARC 21 024 with first indicator 7 and $2 doi, UNIMARC 017 likewise, and doi.org links in 856 $u. */
function dois(record: MarcRecord, flavour: Flavour): string[] {
  const out = new Set<string>();
  const idTag = flavour === 'unimarc' ? '017' : '024';
  for (const f of record.fields) {
    if (!isData(f)) continue;
    if (f.tag === idTag && f.ind1 === '7' && f.subfields.some((s) => s.code === '2' && s.value.trim().toLowerCase() === 'doi')) {
      for (const s of f.subfields) if (s.code === 'a' && s.value.trim() !== '') out.add(s.value.trim().toLowerCase());
    }
    if (f.tag === '856') {
      for (const s of f.subfields) {
        const m = s.code === 'u' ? /doi\.org\/(10\.\S+)/i.exec(s.value) : null;
        if (m) out.add(m[1]!.toLowerCase());
      }
    }
  }
  return [...out];
}
