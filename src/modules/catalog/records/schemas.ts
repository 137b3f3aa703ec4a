import { z } from 'zod';

/** A field as the API shows and takes it: a control field (`tag`, `value`) or a data field (`tag`, `ind1`, `ind2`, `subfields`). */
export const fieldOut = z.object({
  tag: z.string(),
  value: z.string().optional(),
  ind1: z.string().optional(),
  ind2: z.string().optional(),
  subfields: z.array(z.object({ code: z.string(), value: z.string() })).optional(),
});

/** Loose on purpose: a field of the wrong shape is a cataloguing problem named by validation, not a JSON error. */
export const fieldIn = z.strictObject({
  tag: z.string().max(10),
  value: z.string().max(100_000).optional(),
  ind1: z.string().max(10).optional(),
  ind2: z.string().max(10).optional(),
  subfields: z.array(z.strictObject({ code: z.string().max(10), value: z.string().max(100_000) })).max(1000).optional(),
});

export const recordParams = z.object({ symbol: z.string().min(1).max(100), localId: z.string().min(1).max(200) });
export const versionParams = recordParams.extend({ version: z.coerce.number().int().min(1) });
export const libraryParams = z.object({ symbol: z.string().min(1).max(100) });
export const clusterParams = z.object({ id: z.coerce.number().int().min(1) });

export const rawFormat = z.enum(['marcxml', 'iso2709', 'marcjson']);

export const recordQuery = z.strictObject({ format: rawFormat.optional() });

export const recordView = z.object({
  library: z.string(),
  localId: z.string(),
  clusterId: z.number().nullable(),
  format: z.string().describe('the format the record came in: iso2709, marcxml, marcjson, oai_dc, api'),
  flavour: z.enum(['marc21', 'unimarc']),
  version: z.number(),
  updatedAt: z.string(),
  leader: z.string(),
  fields: z.array(fieldOut),
});

export const recordPut = z.strictObject({
  flavour: z.enum(['marc21', 'unimarc']).optional().describe('default: the record’s present flavour, else the library’s, else marc21'),
  leader: z.string().max(100),
  fields: z.array(fieldIn).max(5000),
  note: z.string().max(1000).optional().describe('why the change was made, kept with the audit entry'),
});

export const versionSummary = z.object({
  version: z.number(),
  changedAt: z.string(),
  changedBy: z.object({ id: z.number(), name: z.string() }).nullable(),
  via: z.string(),
});

export const versionList = z.object({ library: z.string(), localId: z.string(), current: z.number(), deleted: z.boolean(), versions: z.array(versionSummary) });

export const versionView = versionSummary.extend({ library: z.string(), localId: z.string(), leader: z.string(), fields: z.array(fieldOut) });

const changedPair = z.object({ from: z.string(), to: z.string() });
export const diffView = z.object({
  library: z.string(),
  localId: z.string(),
  from: z.number(),
  to: z.number(),
  leader: changedPair.optional(),
  fields: z.array(
    z.object({
      change: z.enum(['added', 'removed', 'changed']),
      tag: z.string(),
      occurrence: z.number(),
      field: fieldOut.optional(),
      from: z.string().optional(),
      to: z.string().optional(),
      ind1: changedPair.optional(),
      ind2: changedPair.optional(),
      subfields: z
        .array(z.object({ change: z.enum(['added', 'removed', 'changed']), code: z.string(), occurrence: z.number(), from: z.string().optional(), to: z.string().optional() }))
        .optional(),
    }),
  ),
});

export const diffQuery = z.strictObject({ from: z.coerce.number().int().min(1).optional().describe('default: the version before') });

export const libraryRecordsQuery = z.strictObject({
  since: z.iso.datetime({ offset: true }).optional().describe('records changed at or after this time'),
  includeDeleted: z.stringbool().default(false),
  after: z.string().max(200).optional().describe('the `next` cursor of the page before'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const recordSummary = z.object({
  library: z.string(),
  localId: z.string(),
  clusterId: z.number().nullable(),
  flavour: z.enum(['marc21', 'unimarc']),
  version: z.number(),
  deleted: z.boolean(),
  updatedAt: z.string(),
});

export const recordPage = z.object({ items: z.array(recordSummary), next: z.string().nullable() });

export const holdingView = z.object({
  library: z.string(),
  location: z.string().nullable(),
  callNumber: z.string().nullable(),
  summary: z.string().nullable(),
  items: z.array(z.object({ barcode: z.string().nullable(), location: z.string().nullable(), callNumber: z.string().nullable(), status: z.string(), dueDate: z.string().nullable() })),
});

export const clusterView = z.object({
  id: z.number(),
  summary: z.record(z.string(), z.unknown()),
  workKey: z.string().nullable(),
  recordCount: z.number(),
  holdingCount: z.number(),
  updatedAt: z.string(),
  displayRecord: z.object({ library: z.string(), localId: z.string(), flavour: z.enum(['marc21', 'unimarc']), leader: z.string(), fields: z.array(fieldOut) }).nullable(),
  records: z.array(recordSummary),
  holdings: z.array(holdingView),
  availability: z.object({
    copies: z.number(),
    available: z.number(),
    onLoan: z.number(),
    nextDue: z.string().nullable(),
    libraries: z.array(
      z.object({ symbol: z.string(), copies: z.number(), available: z.number(), onLoan: z.number(), inTransit: z.number(), referenceOnly: z.number(), nextDue: z.string().nullable() }),
    ),
  }),
});

export const clusterRecordsQuery = z.strictObject({ format: rawFormat.optional() });
export const clusterRecordsView = z.object({ id: z.number(), records: z.array(recordView) });

export const mergedView = z.object({ id: z.number(), mergedInto: z.number() });
