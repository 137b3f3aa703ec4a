/**
 * A search as the address bar holds it (`/search?q=红楼梦&format=book&page=2`): what the reader
 * asked, shareable and bookmarkable, and the API's query made from it (GET /api/v1/search).
 */

/** The facets of GET /api/v1/search, with the query parameter each one's choices go to. */
export const facetParams = {
  format: 'format',
  language: 'language',
  year: 'year',
  library: 'library',
  alliance: 'alliance',
  availability: 'availability',
  subject: 'subjectFacet',
  author: 'authorFacet',
} as const;
export type FacetName = keyof typeof facetParams;

export const sorts = ['relevance', 'year-desc', 'year-asc', 'title'] as const;
export type Sort = (typeof sorts)[number];

export const pageSize = 20;
/** The API pages by offset up to 5,000 hits; deeper, a reader narrows the search. */
export const maxPage = Math.floor(5000 / pageSize);

export interface SearchRequest {
  q: string;
  choices: Partial<Record<FacetName, string[]>>;
  sort: Sort;
  page: number;
}

export function readSearch(params: URLSearchParams): SearchRequest {
  const choices: Partial<Record<FacetName, string[]>> = {};
  for (const [facet, param] of Object.entries(facetParams) as [FacetName, string][]) {
    const values = params.getAll(param).filter(Boolean);
    if (values.length) choices[facet] = values;
  }
  const sort = params.get('sort');
  const page = Number(params.get('page') ?? '1');
  return {
    q: params.get('q') ?? '',
    choices,
    sort: (sorts as readonly string[]).includes(sort ?? '') ? (sort as Sort) : 'relevance',
    page: Number.isInteger(page) && page >= 1 ? Math.min(page, maxPage) : 1,
  };
}

export function writeSearch(req: SearchRequest): URLSearchParams {
  const params = new URLSearchParams();
  if (req.q) params.set('q', req.q);
  for (const [facet, values] of Object.entries(req.choices) as [FacetName, string[]][]) {
    for (const v of values) params.append(facetParams[facet], v);
  }
  if (req.sort !== 'relevance') params.set('sort', req.sort);
  if (req.page > 1) params.set('page', String(req.page));
  return params;
}

/** The value a facet's entry filters on: the year facet counts decades (`1980`), the filter takes ranges (`1980-1989`). */
export function choiceValue(facet: FacetName, value: string): string {
  if (facet === 'year' && /^\d{3,4}$/.test(value)) return `${value}-${Number(value) + 9}`;
  return value;
}

/** A facet value chosen or not; choosing one goes back to the first page. */
export function toggleChoice(req: SearchRequest, facet: FacetName, value: string): SearchRequest {
  const v = choiceValue(facet, value);
  const current = req.choices[facet] ?? [];
  const next = current.includes(v) ? current.filter((x) => x !== v) : [...current, v];
  const choices = { ...req.choices, [facet]: next };
  if (!next.length) delete choices[facet];
  return { ...req, choices, page: 1 };
}

export const isChosen = (req: SearchRequest, facet: FacetName, value: string) => (req.choices[facet] ?? []).includes(choiceValue(facet, value));

/** The API's query string for a search (always with facets; the reader's library when not signed in). */
export function apiQuery(req: SearchRequest, myLibrary?: string | null): Record<string, string | number | string[]> {
  const query: Record<string, string | number | string[]> = { q: req.q, page: req.page, pageSize, sort: req.sort, facets: 'true' };
  for (const [facet, values] of Object.entries(req.choices) as [FacetName, string[]][]) query[facetParams[facet]] = values;
  if (myLibrary) query.myLibrary = myLibrary;
  return query;
}
