import type { RequestDraft } from '../hooks/request-form';

/** A citation typed or brought by a link, for a request the union catalogue may not hold. */
export interface Citation {
  title: string;
  author?: string;
  isbn?: string;
  issn?: string;
  year?: number;
}

/** What an OpenURL link (`/ill/request?<KEV>[&cluster=<id>]`, written by the resolver) asks for. */
export interface LinkedRequest {
  clusterId: number | null;
  citation: Citation | null;
  /** The part of a copy (article, chapter, pages) and the service it suggests. */
  draft: Partial<RequestDraft>;
}

/**
 * Reads the resolver's "request through interlibrary loan" link (docs/search.md, "The
 * interlibrary-loan link"): OpenURL 1.0 KEV keys, their 0.1 twins as databases still send them,
 * and our own `cluster`. Only what the request API takes is kept; a number that is not an ISBN or
 * ISSN in shape is left out rather than refused later.
 */
export function readLinkedRequest(params: URLSearchParams): LinkedRequest {
  const get = (...keys: string[]) => keys.map((k) => params.get(k)?.trim()).find((v) => v) ?? undefined;
  const cluster = Number(params.get('cluster'));
  const genre = (get('rft.genre', 'genre') ?? '').toLowerCase();
  const articleTitle = get('rft.atitle', 'atitle');
  const title = get('rft.btitle', 'rft.jtitle', 'rft.title', 'rft.stitle', 'title', 'stitle');
  const surname = get('rft.aulast', 'aulast');
  const given = get('rft.aufirst', 'aufirst', 'rft.auinit', 'auinit');
  const author = get('rft.au', 'au') ?? (surname ? [surname, given].filter(Boolean).join(', ') : undefined);
  const isbn = get('rft.isbn', 'isbn')?.replace(/^isbn:?\s*/i, '');
  const issn = get('rft.issn', 'issn', 'rft.eissn', 'eissn');
  const year = Number(get('rft.date', 'date')?.match(/\d{4}/)?.[0]);
  const start = get('rft.spage', 'spage');
  const end = get('rft.epage', 'epage');
  const pages = get('rft.pages', 'pages') ?? (start ? [start, end].filter(Boolean).join('-') : undefined);
  const part = Boolean(articleTitle) || ['article', 'chapter', 'bookitem', 'proceeding', 'conference'].includes(genre);

  const citation: Citation | null = title
    ? {
        title: title.slice(0, 1000),
        ...(author ? { author: author.slice(0, 500) } : {}),
        ...(isbn && /^[0-9Xx-]{10,17}$/.test(isbn) ? { isbn } : {}),
        ...(issn && /^\d{4}-?\d{3}[\dXx]$/.test(issn) ? { issn } : {}),
        ...(year >= 1000 && year <= 3000 ? { year } : {}),
      }
    : null;
  return {
    clusterId: Number.isInteger(cluster) && cluster > 0 ? cluster : null,
    citation,
    draft: {
      ...(part ? { service: 'copy' as const } : {}),
      ...(articleTitle ? { articleTitle } : {}),
      ...(pages ? { pages } : {}),
      ...(get('rft.volume', 'volume') ? { volume: get('rft.volume', 'volume') } : {}),
      ...(get('rft.issue', 'issue') ? { issue: get('rft.issue', 'issue') } : {}),
    },
  };
}
