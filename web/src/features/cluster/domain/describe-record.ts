import { solidCjk } from '../../../shared/text';

/** A MARC field as GET /api/v1/clusters/{id} sends it. */
export interface Field {
  tag: string;
  value?: string;
  ind1?: string;
  ind2?: string;
  subfields?: { code: string; value: string }[];
}

export interface DisplayRecord {
  library: string;
  localId: string;
  flavour: 'marc21' | 'unimarc';
  leader: string;
  fields: Field[];
}

/** What a reader reads about a union record; every part in the record's own script first when it has one (880). */
export interface Description {
  title: string | null;
  romanisedTitle: string | null;
  authors: string[];
  edition: string | null;
  publication: string | null;
  physical: string | null;
  series: string[];
  subjects: string[];
  notes: string[];
  isbns: string[];
  issns: string[];
}

/** Joins chosen subfields and strips ISBD's closing punctuation (` /`, ` :`, `.`, `,`). */
function text(field: Field | undefined, codes: string): string | null {
  if (!field?.subfields) return null;
  // Solid within a subfield only: two subfields (place, publisher) stay apart.
  const parts = field.subfields.filter((s) => codes.includes(s.code)).map((s) => solidCjk(s.value.trim()));
  const joined = parts.join(' ').replace(/\s+/g, ' ').replace(/[\s/:;,=.]+$/, '').trim();
  return joined || null;
}

const sub = (field: Field | undefined, code: string) => field?.subfields?.find((s) => s.code === code)?.value;

/** The 880 linked to a field (its $6 `880-nn` ⇄ the 880's `TAG-nn`), i.e. the same data in its own script. */
function vernacularOf(fields: Field[], field: Field | undefined): Field | undefined {
  const link = sub(field, '6');
  const occurrence = link?.match(/^880-(\d\d)/)?.[1];
  if (!field || !occurrence) return undefined;
  return fields.find((f) => f.tag === '880' && sub(f, '6')?.startsWith(`${field.tag}-${occurrence}`));
}

/** UNIMARC writes no ISBD punctuation: place : publisher, date. */
function unimarcImprint(field: Field | undefined): string | null {
  const place = text(field, 'a');
  const publisher = text(field, 'c');
  const date = text(field, 'd');
  const head = [place, publisher].filter(Boolean).join(' : ');
  return [head, date].filter(Boolean).join(', ') || null;
}

/** Reads the display record of a MARC 21 or UNIMARC union record for the cluster page. */
export function describeRecord(record: DisplayRecord): Description {
  const fields = record.fields;
  const all = (...tags: string[]) => fields.filter((f) => tags.includes(f.tag));
  const first = (tag: string) => fields.find((f) => f.tag === tag);
  const values = (list: Field[], codes: string) => list.map((f) => text(f, codes)).filter((s): s is string => Boolean(s));
  const cleanId = (s: string) => s.trim().split(/\s+/)[0] ?? '';

  if (record.flavour === 'unimarc') {
    return {
      title: text(first('200'), 'ae'),
      romanisedTitle: null,
      authors: values(all('700', '701', '702', '710', '711', '712'), 'ab'),
      edition: text(first('205'), 'a'),
      publication: unimarcImprint(first('210') ?? first('214')),
      physical: text(first('215'), 'acd'),
      series: values(all('225'), 'av'),
      subjects: values(all('600', '601', '606', '607'), 'axyz'),
      notes: values(all('300', '327', '330'), 'a'),
      isbns: all('010').map((f) => cleanId(sub(f, 'a') ?? '')).filter(Boolean),
      issns: all('011').map((f) => cleanId(sub(f, 'a') ?? '')).filter(Boolean),
    };
  }

  const inOwnScript = (field: Field | undefined, codes: string) => text(vernacularOf(fields, field), codes) ?? text(field, codes);
  const title = first('245');
  const vernacularTitle = text(vernacularOf(fields, title), 'abnp');
  const romanised = text(title, 'abnp');
  const names = all('100', '110', '111', '700', '710', '711');
  return {
    title: vernacularTitle ?? romanised,
    romanisedTitle: vernacularTitle && romanised !== vernacularTitle ? romanised : null,
    authors: [...new Set(names.map((f) => inOwnScript(f, 'abcdq')).filter((s): s is string => Boolean(s)))],
    edition: inOwnScript(first('250'), 'ab'),
    publication: inOwnScript(first('264') ?? first('260'), 'abc'),
    physical: text(first('300'), 'abc'),
    series: all('490', '830').map((f) => inOwnScript(f, 'av')).filter((s): s is string => Boolean(s)),
    subjects: [...new Set(values(all('600', '610', '611', '630', '650', '651'), 'abcdvxyz'))],
    notes: values(all('500', '504', '505', '520', '546'), 'a'),
    isbns: all('020').map((f) => cleanId(sub(f, 'a') ?? '')).filter(Boolean),
    issns: all('022').map((f) => cleanId(sub(f, 'a') ?? '')).filter(Boolean),
  };
}
