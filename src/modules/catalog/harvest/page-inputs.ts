import { dcToMarc, readOaiDc } from '../domain/dublin-core/index.js';
import { readMarcXmlSync, type Flavour, type MarcRecord, type Problem } from '../domain/marc/index.js';
import { error } from '../domain/marc/problems.js';
import type { ParsedInput } from '../ingest/index.js';
import { localIdOf } from '../ingest/canonical.js';
import type { OaiRecord } from './domain/oai-response.js';
import type { HarvestReject } from './harvest.store.js';

/** The metadata formats Anylib harvests. */
export const HARVEST_PREFIXES = ['marc21', 'oai_dc'] as const;
export type HarvestPrefix = (typeof HARVEST_PREFIXES)[number];

export interface PageInputs {
  inputs: ParsedInput[];
  rejects: HarvestReject[];
  /** Which local id each harvested identifier is, to remember for later deletions. */
  identifiers: { identifier: string; localId: string }[];
}

export interface PageContext {
  prefix: HarvestPrefix;
  /** The library's local-id field (`001`, `035$a` …). */
  localIdField: string;
  flavour: Flavour | 'auto';
  /** Position of the page's first record in the whole harvest (1-based). */
  firstPosition: number;
  /** Local ids of identifiers harvested before, for deleted records. */
  known: ReadonlyMap<string, string>;
}

/**
 * A deleted record's local id: the one remembered for its identifier; else, for oai_dc, the
 * identifier itself (the crosswalk's 001); else the identifier's last `:` segment, which is the
 * record number in the identifiers of Koha, Evergreen, Alma and most systems (`oai:host:123`).
 */
function deletedLocalId(identifier: string, c: PageContext): string {
  return c.known.get(identifier) ?? (c.prefix === 'oai_dc' ? identifier : identifier.slice(identifier.lastIndexOf(':') + 1));
}

/** An oai_dc record's local id goes where the library's profile looks for it (001 by default). */
function withLocalId(record: MarcRecord, field: string, id: string): MarcRecord {
  const [tag, code] = field.split('$') as [string, string | undefined];
  if (code === undefined) {
    if (tag === '001') return record;
    return { ...record, fields: [...record.fields.filter((f) => f.tag !== tag), { tag, value: id }] };
  }
  return { ...record, fields: [...record.fields, { tag, ind1: ' ', ind2: ' ', subfields: [{ code, value: id }] }] };
}

/**
 * What ingest is given for a page of harvested records: a record read from MARCXML, or built from
 * oai_dc by the crosswalk; a deletion for a header marked deleted; the rest rejected with why.
 */
export function pageInputs(records: readonly OaiRecord[], c: PageContext): PageInputs {
  const out: PageInputs = { inputs: [], rejects: [], identifiers: [] };
  records.forEach((r, i) => {
    const position = c.firstPosition + i;
    const { identifier } = r.header;
    const reject = (problems: Problem[], localId?: string) =>
      out.rejects.push({ position, problems, raw: Buffer.from(r.metadata ?? identifier), ...(localId ? { localId } : {}) });
    if (r.header.deleted) {
      out.inputs.push({ kind: 'delete', localId: deletedLocalId(identifier, c), position });
      return;
    }
    if (r.metadata === undefined || r.metadata === '') {
      reject([error('no-fields', `the repository sent ${identifier} without metadata`)]);
      return;
    }
    if (c.prefix === 'oai_dc') {
      let record: MarcRecord;
      try {
        record = withLocalId(dcToMarc(readOaiDc(r.metadata), { localId: identifier }), c.localIdField, identifier);
      } catch (e) {
        reject([error('xml-malformed', `oai_dc of ${identifier}: ${(e as Error).message}`)]);
        return;
      }
      out.inputs.push({ record, flavour: 'marc21', sourceFormat: 'oai_dc', position });
      out.identifiers.push({ identifier, localId: identifier });
      return;
    }
    const results = [...readMarcXmlSync(r.metadata, { flavour: c.flavour, localIdTag: c.localIdField.slice(0, 3) })];
    const read = results[0];
    if (read === undefined) {
      reject([error('no-fields', `the metadata of ${identifier} holds no MARC record`)]);
      return;
    }
    if (!read.ok) {
      reject(read.problems, read.localId);
      return;
    }
    out.inputs.push({ record: read.record, flavour: read.flavour, sourceFormat: 'marcxml', position });
    const localId = localIdOf(read.record, c.localIdField);
    if (localId !== undefined) out.identifiers.push({ identifier, localId });
  });
  return out;
}

