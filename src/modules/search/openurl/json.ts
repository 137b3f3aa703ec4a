/** The resolver's answer for programs (`Accept: application/json` or `format=json`). */
import { localize, type Locale } from '../../../platform/i18n.js';
import { FOUND_BY, illRequestPath, type Citation, type FoundBy } from '../domain/openurl/index.js';
import { PROBLEM_MESSAGES } from './messages.js';
import type { Resolution } from './resolve.js';

export interface ResolutionJson {
  citation: Citation;
  problems: { field: string; code: string; value: string; message: string }[];
  /** How the matches were found (`isbn`, `issn`, `doi`, `oclc`, `lccn`, `title-author-year`, `title-author`, `title-year`, `title`, `journal-title`), or null. */
  foundBy: FoundBy | null;
  /** The same in words, in both languages. */
  explanation: { en: string; 'zh-CN': string } | null;
  tried: FoundBy[];
  total: number;
  matches: {
    clusterId: number;
    title: string;
    author: string | null;
    year: number | null;
    format: string;
    isbns: string[];
    record: string;
    illRequest: string;
    holdings: {
      libraries: number;
      copies: number;
      available: number;
      onLoan: number;
      nextDue: string | null;
      byLibrary: {
        symbol: string;
        name: { zh: string; en: string } | null;
        copies: number;
        available: number;
        onLoan: number;
        inTransit: number;
        referenceOnly: number;
        nextDue: string | null;
      }[];
    };
  }[];
  /** The interlibrary-loan request for the citation itself (no cluster): "request anyway". */
  illRequest: string;
}

export function resolutionJson(res: Resolution, locale: Locale): ResolutionJson {
  return {
    citation: res.citation,
    problems: res.problems.map((p) => ({ ...p, message: localize(PROBLEM_MESSAGES[p.code], locale, { field: p.field, value: p.value }) })),
    foundBy: res.foundBy,
    explanation: res.foundBy === null ? null : { ...FOUND_BY[res.foundBy] },
    tried: res.tried,
    total: res.total,
    matches: res.matches.map(({ hit, availability: a }) => ({
      clusterId: hit.clusterId,
      title: hit.title,
      author: hit.author,
      year: hit.year,
      format: hit.format,
      isbns: hit.isbns,
      record: `/api/v1/clusters/${hit.clusterId}`,
      illRequest: illRequestPath(res.citation, hit.clusterId),
      holdings: {
        libraries: a.libraries.length,
        copies: a.copies,
        available: a.available,
        onLoan: a.onLoan,
        nextDue: a.nextDue,
        byLibrary: a.libraries.map((l) => ({
          symbol: l.symbol,
          name: res.libraries.get(l.symbol) ?? null,
          copies: l.copies,
          available: l.available,
          onLoan: l.onLoan,
          inTransit: l.inTransit,
          referenceOnly: l.referenceOnly,
          nextDue: l.nextDue,
        })),
      },
    })),
    illRequest: illRequestPath(res.citation),
  };
}
