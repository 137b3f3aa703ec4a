/** Repository records for the harvest tests, made from real records: the Evergreen "concerto" set of the shared MARC data. */
import { readFileSync } from 'node:fs';
import { isControlField, isDataField, marcXmlRecord, readMarcXmlSync, type DataField, type MarcRecord } from '../domain/marc/index.js';
import type { RepositoryRecord } from './oai-repository.fixture.js';
import { sharedPath } from '../../../../test/support/shared.js';

const CONCERTO = sharedPath('data/marc/evergreen/bibs_concerto.xml');

/** The first `n` records of the set, as MarcRecords. */
export function concerto(n: number): MarcRecord[] {
  const out: MarcRecord[] = [];
  for (const r of readMarcXmlSync(readFileSync(CONCERTO))) {
    if (r.ok) out.push(r.record);
    if (out.length === n) break;
  }
  return out;
}

const control = (r: MarcRecord, tag: string) => r.fields.find((f) => f.tag === tag && isControlField(f)) as { value: string } | undefined;
const subfield = (r: MarcRecord, tag: string, code: string): string | undefined => {
  for (const f of r.fields) if (f.tag === tag && isDataField(f)) for (const s of f.subfields) if (s.code === code) return s.value;
  return undefined;
};
const trimmed = (s: string | undefined) => s?.replace(/\s*[/:;,.]\s*$/, '').trim();

/** The record as a member's system exports it: with its holding in 852 (location, call number). */
export function withHolding(r: MarcRecord, library: string): MarcRecord {
  const f852: DataField = {
    tag: '852', ind1: '0', ind2: ' ',
    subfields: [{ code: 'a', value: library }, { code: 'b', value: 'Music Library' }, { code: 'h', value: subfield(r, '050', 'a') ?? 'ML' }],
  };
  return { ...r, fields: [...r.fields, f852] };
}

/** dc:type as repositories write it for the MARC types of record of the set. */
const DC_TYPES: Record<string, string> = { a: 'Text', c: 'Musical score', i: 'Sound', j: 'Sound', g: 'MovingImage' };

/** A simple Dublin Core description of a MARC record, as a repository's oai_dc dissemination gives it. */
export function dublinCoreOf(r: MarcRecord): string {
  const el = (name: string, v: string | undefined) => (v ? `<dc:${name}>${v.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</dc:${name}>` : '');
  const isbn = subfield(r, '020', 'a');
  const f008 = control(r, '008')?.value ?? '';
  return `<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
    `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd">` +
    el('title', trimmed(subfield(r, '245', 'a'))) + el('creator', trimmed(subfield(r, '100', 'a'))) + el('subject', trimmed(subfield(r, '650', 'a'))) +
    el('publisher', trimmed(subfield(r, '260', 'b'))) + el('date', /\d{4}/.exec(subfield(r, '260', 'c') ?? '')?.[0] ?? (/^\d{4}$/.test(f008.slice(7, 11)) ? f008.slice(7, 11) : undefined)) + el('type', DC_TYPES[r.leader[6] ?? 'a'] ?? 'Text') +
    el('format', trimmed(subfield(r, '300', 'a'))) + el('identifier', isbn ? `ISBN ${isbn.split(' ')[0]}` : undefined) +
    el('identifier', subfield(r, '856', 'u')) + el('language', f008.slice(35, 38).trim() || undefined) + '</oai_dc:dc>';
}

/** Repository records for `records`: identifier oai:concerto:<001>, datestamps a day apart from `firstDay`. */
export function repositoryRecords(records: MarcRecord[], library: string, firstDay = Date.UTC(2024, 2, 1, 10)): RepositoryRecord[] {
  return records.map((r, i) => {
    const id = control(r, '001')!.value;
    return {
      identifier: `oai:concerto:${id}`,
      datestamp: new Date(firstDay + i * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      sets: [i % 2 === 0 ? 'even' : 'odd'],
      metadata: { marc21: marcXmlRecord(withHolding(r, library), [], { namespace: true }), oai_dc: dublinCoreOf(r) },
    };
  });
}
