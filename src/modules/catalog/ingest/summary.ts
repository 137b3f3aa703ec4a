/**
 * What lists show of a cluster (`clusters.summary`): title, author, year, format, language and
 * ISBNs of its display record, in the record's own words (not folded).
 */
import { isDataField, type DataField, type Flavour, type MarcRecord } from '../domain/marc/index.js';
import type { NormalisedRecord } from '../domain/normalise/index.js';

export interface ClusterSummary {
  title: string;
  author: string | null;
  year: number | null;
  format: string;
  language: string | null;
  isbns: string[];
}

const firstField = (r: MarcRecord, tags: readonly string[]): DataField | undefined => {
  for (const tag of tags) {
    const f = r.fields.find((x): x is DataField => isDataField(x) && x.tag === tag);
    if (f) return f;
  }
  return undefined;
};

const joined = (f: DataField | undefined, codes: string): string =>
  f ? f.subfields.filter((s) => codes.includes(s.code)).map((s) => s.value.trim()).filter((v) => v !== '').join(' ') : '';

/** ISBD closing punctuation (" /", " :", " ;", ",", ".") is not part of a title shown in a list. */
const tidy = (s: string): string => s.replace(/[\s/:;,=.]+$/u, '').trim();

/** The summary of a display record. */
export function summarise(record: MarcRecord, flavour: Flavour, n: NormalisedRecord): ClusterSummary {
  const unimarc = flavour === 'unimarc';
  const titleField = firstField(record, unimarc ? ['200'] : ['245']);
  const title = tidy(joined(titleField, unimarc ? 'aehi' : 'abnp'));
  const authorField = firstField(record, unimarc ? ['700', '710', '701', '711', '702', '712'] : ['100', '110', '111', '700', '710']);
  const author = tidy(unimarc ? joined(authorField, 'ab') : joined(authorField, 'a'));
  return {
    title,
    author: author === '' ? null : author,
    year: n.year,
    format: n.format,
    language: n.language,
    isbns: n.isbns.map((i) => i.isbn13),
  };
}
