/**
 * Test factories (STYLE.md §10): MARC records written the way cataloguers read them, and a
 * book record with sensible defaults that each test changes where it matters.
 */
import type { MarcField, MarcRecord } from '../marc/record.js';

/**
 * A record from lines like "008 020805s2002    nyu    j      000 1 eng  " and
 * "245 10 $aSummerland /$cMichael Chabon." (control fields: tag and value; data fields: tag,
 * two indicators, then subfields introduced by "$").
 */
export function marc(leader: string, ...lines: string[]): MarcRecord {
  const fields: MarcField[] = lines.map((line) => {
    const tag = line.slice(0, 3);
    if (tag < '010') return { tag, value: line.slice(4) };
    const subfields = line
      .slice(7)
      .split('$')
      .filter((s) => s !== '')
      .map((s) => ({ code: s[0]!, value: s.slice(1) }));
    return { tag, ind1: line[4] ?? ' ', ind2: line[5] ?? ' ', subfields };
  });
  return { leader: leader.padEnd(24, ' '), fields };
}

export interface BookSpec {
  leader?: string;
  isbn?: string | string[];
  title?: string;
  subtitle?: string;
  part?: string;
  author?: string | null;
  edition?: string;
  publisher?: string | null;
  year?: number | null;
  pages?: string;
  language?: string;
  /** Form of item at 008/23: ' ' print, 'o' online. */
  form?: string;
  extra?: string[];
}

/** A MARC 21 book: "Summerland" by Michael Chabon, Hyperion 2002, 500 p., unless told otherwise. */
export function aBook(spec: BookSpec = {}): MarcRecord {
  const year = spec.year === undefined ? 2002 : spec.year;
  const date = year === null ? 'uuuu' : String(year);
  const f008 = `020805s${date}    nyu    j${spec.form ?? ' '}     000 1 ${spec.language ?? 'eng'} d`;
  const isbns = spec.isbn === undefined ? ['0786808772'] : [spec.isbn].flat();
  const title = [`245 10 $a${spec.title ?? 'Summerland'}`];
  if (spec.part) title.push(`$n${spec.part}`);
  if (spec.subtitle) title.push(`$b${spec.subtitle}`);
  const author = spec.author === undefined ? 'Chabon, Michael.' : spec.author;
  const publisher = spec.publisher === undefined ? 'Miramax Books/Hyperion Books for Children' : spec.publisher;
  return marc(
    spec.leader ?? '00000cam a2200000 a 4500',
    '001 test',
    `008 ${f008}`,
    ...isbns.map((i) => `020    $a${i}`),
    ...(author ? [`100 1  $a${author}`] : []),
    title.join(''),
    ...(spec.edition ? [`250    $a${spec.edition}`] : []),
    `260    $aNew York :${publisher ? `$b${publisher},` : ''}$c${year === null ? '[n.d.]' : `c${year}`}.`,
    `300    $a${spec.pages ?? '500 p.'} ;$c22 cm.`,
    ...(spec.extra ?? []),
  );
}
