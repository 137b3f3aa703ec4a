import { z } from 'zod';

const name = z.string().trim().min(1).max(200).describe('what the reader calls it');

export const savedSearchParams = z.object({ id: z.coerce.number().int().min(1) });

export const savedSearchCreate = z.strictObject({
  name,
  query: z.string().max(2000).describe('the results page’s query string: q, facets and filters, sort (paging is left out)'),
});

export const savedSearchRename = z.strictObject({ name });

export const savedSearchView = z.object({
  id: z.number(),
  name: z.string(),
  query: z.string().describe('normalised: parameters sorted, paging and empty values left out'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const savedSearchList = z.object({ items: z.array(savedSearchView), limit: z.number() });
