/**
 * The search form (REST query string, CLI options) as a SearchRequest: the box and the advanced
 * boxes parsed and joined, facet choices read, the reader's library found. Syntax errors become
 * problem details with the place and the reason.
 */
import { AppError } from '../../platform/errors/index.js';
import type { QueryNode, QuerySyntaxError, SearchField } from './domain/query/ast.js';
import { MAX_QUERY_LENGTH, MAX_QUERY_NODES } from './domain/query/ast.js';
import { allOf, inField } from './domain/query/fields.js';
import { parseReaderQuery } from './domain/query/parse.js';
import { SearchErrors } from './errors.js';
import type { AvailabilityScope, FacetName, SearchFilters, SearchRequest, SortOrder } from './search-index.js';
import { FACET_NAMES } from './search-index.js';

export interface SearchForm {
  q?: string;
  title?: string;
  author?: string;
  subject?: string;
  publisher?: string;
  series?: string;
  isbn?: string;
  issn?: string;
  callnumber?: string;
  sysno?: string;
  format?: string[];
  language?: string[];
  year?: string[];
  subjectFacet?: string[];
  authorFacet?: string[];
  library?: string[];
  alliance?: string[];
  availability?: AvailabilityScope | AvailabilityScope[];
  sort?: SortOrder;
  page?: number;
  pageSize?: number;
  cursor?: string;
  facets?: 'true' | 'false' | string[];
  debug?: string;
}

const BOXES: [keyof SearchForm, SearchField][] = [
  ['title', 'title'], ['author', 'author'], ['subject', 'subject'], ['publisher', 'publisher'], ['series', 'series'],
  ['isbn', 'isbn'], ['issn', 'issn'], ['callnumber', 'callNumber'], ['sysno', 'systemNumber'],
];

/** A parse error as the problem the reader sees. */
export function syntaxProblem(e: QuerySyntaxError): AppError {
  const at = { offset: e.offset + 1, near: e.near };
  switch (e.reason) {
    case 'empty':
      return SearchErrors.QUERY_EMPTY();
    case 'too-long':
      return SearchErrors.QUERY_TOO_LONG({ max: MAX_QUERY_LENGTH });
    case 'too-complex':
      return SearchErrors.QUERY_TOO_COMPLEX({ max: MAX_QUERY_NODES });
    case 'unbalanced-quote':
      return SearchErrors.QUERY_UNBALANCED_QUOTE(at);
    case 'unbalanced-parenthesis':
      return SearchErrors.QUERY_UNBALANCED_PARENTHESIS(at);
    case 'operator-without-operand':
      return SearchErrors.QUERY_OPERATOR_ALONE(at);
    case 'not-alone':
      return SearchErrors.QUERY_NOT_ALONE(at);
    case 'unknown-field':
      return SearchErrors.QUERY_UNKNOWN_FIELD(at);
    default:
      return SearchErrors.QUERY_BAD_VALUE(at);
  }
}

function parsed(text: string): QueryNode {
  const result = parseReaderQuery(text);
  if (!result.ok) throw syntaxProblem(result.error);
  return result.query;
}

/** Year choices: "1990-1999", "2000-", "-1950", "1984". Unreadable ones are a 400. */
function yearRanges(values: readonly string[]): { from: number | null; to: number | null }[] {
  return values.map((v) => {
    const m = /^(\d{1,4})?\s*[-–]\s*(\d{1,4})?$/.exec(v) ?? /^(\d{1,4})$/.exec(v);
    if (!m) throw SearchErrors.QUERY_BAD_VALUE({ offset: 1, near: v });
    const from = m[1] !== undefined ? Number(m[1]) : null;
    const to = m.length > 2 ? (m[2] !== undefined ? Number(m[2]) : null) : from;
    return { from, to };
  });
}

/** The request a form asks for; `libraryId` is the reader's library (signed in, or chosen). */
export function searchRequestOf(form: SearchForm, libraryId: number | null): SearchRequest {
  const parts: QueryNode[] = [];
  if (form.q !== undefined && form.q.trim() !== '') parts.push(parsed(form.q));
  for (const [box, field] of BOXES) {
    const value = form[box];
    if (typeof value === 'string' && value.trim() !== '') parts.push(inField(parsed(value), field));
  }
  const filters: SearchFilters = {
    ...(form.format?.length ? { format: form.format } : {}),
    ...(form.language?.length ? { language: form.language } : {}),
    ...(form.year?.length ? { year: yearRanges(form.year) } : {}),
    ...(form.subjectFacet?.length ? { subject: form.subjectFacet } : {}),
    ...(form.authorFacet?.length ? { author: form.authorFacet } : {}),
    ...(form.library?.length ? { library: form.library } : {}),
    ...(form.alliance?.length ? { alliance: form.alliance } : {}),
    ...(form.availability ? { availability: Array.isArray(form.availability) ? form.availability : [form.availability] } : {}),
  };
  const query = allOf(parts);
  if (query === null && Object.keys(filters).length === 0) throw SearchErrors.QUERY_EMPTY();
  const pageSize = form.pageSize ?? 20;
  const facets: FacetName[] = form.facets === undefined || form.facets === 'false'
    ? []
    : form.facets === 'true'
      ? [...FACET_NAMES]
      : form.facets.filter((f): f is FacetName => (FACET_NAMES as readonly string[]).includes(f));
  return {
    query,
    filters,
    sort: form.sort ?? 'relevance',
    offset: ((form.page ?? 1) - 1) * pageSize,
    limit: pageSize,
    ...(form.cursor ? { after: form.cursor } : {}),
    facets,
    viewer: { libraryId },
    debug: form.debug === '1' || form.debug === 'true',
    suggest: true,
  };
}
