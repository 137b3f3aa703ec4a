/** Input and output schemas of the holdings routes (zod; OpenAPI is generated from them). */
import { z } from 'zod';
import { charsetNames } from '../domain/charset/index.js';
import { ITEM_STATUSES, itemMappingSchema, itemProfileNameSchema } from '../domain/holdings/index.js';

export const MAX_CHANGES_PER_PUSH = 10_000;
export const MAX_BARCODES_PER_LOOKUP = 100;

export const symbolParams = z.object({ symbol: z.string().min(1).max(100) });
export const clusterParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

const libraryAvailability = z.object({
  symbol: z.string(),
  copies: z.number().int(),
  available: z.number().int(),
  onLoan: z.number().int(),
  inTransit: z.number().int(),
  referenceOnly: z.number().int(),
  nextDue: z.string().nullable().describe('earliest due date of the copies on loan, YYYY-MM-DD'),
});

export const clusterAvailabilityView = z.object({
  clusterId: z.number().int(),
  copies: z.number().int(),
  available: z.number().int(),
  onLoan: z.number().int(),
  nextDue: z.string().nullable(),
  libraries: z.array(libraryAvailability),
});

/**
 * The push body. Rows are checked one by one by the service (partial success), so the schema
 * only fixes the envelope: an array of at most 10,000 changes.
 */
export const availabilityPush = z.strictObject({
  changes: z
    .array(z.unknown())
    .min(1)
    .max(MAX_CHANGES_PER_PUSH)
    .describe(`changes {barcode, status (${ITEM_STATUSES.join(' | ')}), dueDate? (YYYY-MM-DD, with on-loan)}; at most ${MAX_CHANGES_PER_PUSH}`),
});

export const pushReportView = z.object({
  received: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  superseded: z.number().int(),
  unknown: z.array(z.string()).describe('barcodes the library has no copy with'),
  invalid: z.array(z.object({ row: z.number().int(), barcode: z.string().optional(), field: z.string(), reason: z.string() })),
});

export const itemsQuery = z.strictObject({
  barcode: z
    .string()
    .min(1)
    .max(10_000)
    .describe(`one barcode, or up to ${MAX_BARCODES_PER_LOOKUP} separated by commas`)
    .transform((s) => [...new Set(s.split(',').map((b) => b.trim()).filter((b) => b !== ''))])
    .pipe(z.array(z.string().max(100)).min(1).max(MAX_BARCODES_PER_LOOKUP)),
});

export const itemView = z.object({
  barcode: z.string(),
  status: z.enum(ITEM_STATUSES),
  dueDate: z.string().nullable(),
  location: z.string().nullable(),
  callNumber: z.string().nullable(),
  materialType: z.string().nullable(),
  statusChangedAt: z.string(),
  localId: z.string(),
  clusterId: z.number().int().nullable(),
});
export const itemsView = z.object({ items: z.array(itemView) });

const harvestSettings = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2000).optional().describe('OAI-PMH base URL; the directory entry’s endpoint when absent'),
  set: z.string().min(1).max(200).optional(),
  prefix: z.enum(['marc21', 'oai_dc']).optional(),
  schedule: z.enum(['daily', 'weekly', 'off']).optional(),
});

/** The catalog profile as written: every field optional, omitted ones take their defaults (PUT replaces the whole profile). */
export const catalogProfileBody = z.strictObject({
  localIdField: z
    .string()
    .regex(/^(00[1-9]|(0[1-9][0-9]|[1-9][0-9]{2})\$[a-z0-9])$/, 'a control field (001–009) or a data field and subfield such as 035$a')
    .default('001'),
  flavour: z.enum(['auto', 'marc21', 'unimarc']).default('auto'),
  charset: z.enum(charsetNames).nullable().default(null).describe('null: detect per record'),
  itemProfile: itemProfileNameSchema.default('auto'),
  itemMapping: itemMappingSchema.default({}),
  sourcePriority: z.number().int().min(-1000).max(1000).default(0).describe('higher wins when choosing a cluster’s display record'),
  harvest: harvestSettings.nullable().default(null),
}).superRefine((p, ctx) => {
  // 'auto' picks a convention per record, so a tag of the library's own belongs to a named profile.
  if (p.itemMapping.tag !== undefined && (p.itemProfile === 'auto' || p.itemProfile === 'none')) {
    ctx.addIssue({ code: 'custom', path: ['itemMapping', 'tag'], message: 'an item field tag of your own needs a named item profile, not auto or none' });
  }
});
export type CatalogProfileInput = z.output<typeof catalogProfileBody>;

export const catalogProfileView = z.object({
  library: z.string(),
  localIdField: z.string(),
  flavour: z.string(),
  charset: z.string().nullable(),
  itemProfile: z.string(),
  itemMapping: z.record(z.string(), z.unknown()),
  sourcePriority: z.number().int(),
  harvest: z.record(z.string(), z.unknown()).nullable(),
  /** Null while the library has no profile of its own (the defaults shown apply). */
  updatedAt: z.string().nullable(),
});

export const librarySummaryView = z.object({
  library: z.string(),
  records: z.number().int().describe('live member records the library has in the union catalogue'),
  copies: z.number().int(),
  byStatus: z.record(z.enum(ITEM_STATUSES), z.number().int()),
  overdue: z.number().int().describe('copies on loan past their due date'),
  lastStatusChange: z.string().nullable(),
});
