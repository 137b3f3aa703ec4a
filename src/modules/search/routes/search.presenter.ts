import type { Locale } from '../../../platform/i18n.js';
import { renderQuery } from '../domain/query/render.js';
import { AVAILABILITY_LABELS, FACET_LABELS, FORMAT_LABELS, LANGUAGE_LABELS, label } from '../labels.js';
import type { SearchRequest, SearchResult } from '../search-index.js';
import type { SearchResultView } from './search.schemas.js';

/** A search result as the API shows it, labelled in the reader's language. */
export function presentResult(request: SearchRequest, result: SearchResult, locale: Locale): SearchResultView {
  const pageSize = request.limit ?? 20;
  return {
    query: request.query ? renderQuery(request.query) : '',
    total: result.total,
    totalEstimated: result.totalEstimated,
    page: pageSize > 0 ? Math.floor((request.offset ?? 0) / pageSize) + 1 : 1,
    pageSize,
    hits: result.hits.map((h) => ({
      clusterId: h.clusterId,
      title: h.title,
      author: h.author,
      vernacularTitle: h.vernacularTitle,
      vernacularAuthor: h.vernacularAuthor,
      year: h.year,
      format: h.format,
      formatLabel: label(FORMAT_LABELS, h.format, locale) ?? h.format,
      language: h.language,
      isbns: h.isbns,
      holdings: {
        libraries: h.holdings.libraries,
        availableCopies: h.holdings.availableCopies,
        nearest: h.holdings.nearest && {
          symbol: h.holdings.nearest.symbol,
          name: locale === 'zh-CN' ? h.holdings.nearest.nameZh ?? h.holdings.nearest.name : h.holdings.nearest.name,
          distanceKm: h.holdings.nearest.distanceKm,
        },
      },
      score: h.score,
      ...(h.explain ? { explain: h.explain } : {}),
    })),
    facets: result.facets.map((f) => ({
      name: f.name,
      label: FACET_LABELS[f.name][locale],
      estimated: f.estimated,
      values: f.values.map((v) => {
        const fixed = f.name === 'format' ? label(FORMAT_LABELS, v.value, locale)
          : f.name === 'language' ? label(LANGUAGE_LABELS, v.value, locale)
          : f.name === 'availability' ? label(AVAILABILITY_LABELS, v.value, locale)
          : locale === 'zh-CN' ? v.labelZh ?? v.label : v.label;
        return { value: v.value, count: v.count, ...(fixed ? { label: fixed } : {}) };
      }),
    })),
    next: result.next,
    suggestions: result.suggestions,
    tookMs: result.tookMs,
  };
}
