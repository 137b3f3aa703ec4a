import { z } from 'zod';
import { AVAILABILITY_SCOPES, FACET_NAMES, SORTS } from '../search-index.js';

/** One value or several: `format=book&format=serial` or `format=book,serial`. */
const list = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((x) => x.split(',')).map((x) => x.trim()).filter((x) => x !== ''));

const text = z.string().max(10_000);

export const searchQuery = z.strictObject({
  q: text.optional().describe('The reader’s box: words, "phrases", AND/OR/NOT, (parentheses), comput*, field:word'),
  title: text.optional(),
  author: text.optional(),
  subject: text.optional(),
  publisher: text.optional(),
  series: text.optional(),
  isbn: text.optional(),
  issn: text.optional(),
  callnumber: text.optional(),
  sysno: text.optional(),
  format: list.optional(),
  language: list.optional(),
  year: list.optional().describe('Ranges: 1990-1999, 2000-, -1950, or a year'),
  subjectFacet: list.optional().describe('Subject headings chosen from the facet'),
  authorFacet: list.optional().describe('Names chosen from the facet'),
  library: list.optional().describe('Holding library symbols'),
  alliance: list.optional().describe('Alliance codes'),
  availability: z.union([z.enum(AVAILABILITY_SCOPES), z.array(z.enum(AVAILABILITY_SCOPES))]).optional(),
  myLibrary: z.string().max(100).optional().describe('The reader’s library (symbol) when not signed in: “in my library”, nearest copy'),
  sort: z.enum(SORTS).default('relevance'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(0).max(100).default(20),
  cursor: z.string().max(500).optional().describe('The `next` of the previous page: stable deep paging'),
  facets: z.union([z.enum(['true', 'false']), list]).optional().describe('true (all), or the facets wanted'),
  debug: z.enum(['0', '1', 'true', 'false']).optional(),
});
export type SearchQuery = z.infer<typeof searchQuery>;

const facetValue = z.object({ value: z.string(), label: z.string().optional(), count: z.number().int() });

export const searchResultView = z.object({
  query: z.string().describe('What was searched, in the box’s syntax'),
  total: z.number().int(),
  totalEstimated: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
  hits: z.array(z.object({
    clusterId: z.number().int(),
    title: z.string(),
    author: z.string().nullable(),
    vernacularTitle: z.string().nullable().describe('The title in its own script when `title` is romanised'),
    vernacularAuthor: z.string().nullable(),
    year: z.number().int().nullable(),
    format: z.string(),
    formatLabel: z.string(),
    language: z.string().nullable(),
    isbns: z.array(z.string()),
    holdings: z.object({
      libraries: z.number().int(),
      availableCopies: z.number().int(),
      nearest: z.object({ symbol: z.string(), name: z.string(), distanceKm: z.number().nullable() }).nullable(),
    }),
    score: z.number(),
    explain: z.object({ total: z.number(), parts: z.array(z.object({ what: z.string(), value: z.number() })) }).optional(),
  })),
  facets: z.array(z.object({ name: z.enum(FACET_NAMES), label: z.string(), estimated: z.boolean(), values: z.array(facetValue) })),
  next: z.string().nullable(),
  suggestions: z.array(z.string()),
  tookMs: z.number(),
});
export type SearchResultView = z.infer<typeof searchResultView>;

export const indexStatusView = z.object({
  documents: z.number().int(),
  pendingChanges: z.number().int().describe('Catalogue changes not yet searchable (seconds away)'),
});

export const rebuildStartedView = z.object({ jobId: z.number().int() });
