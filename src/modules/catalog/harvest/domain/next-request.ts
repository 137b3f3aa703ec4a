import type { OaiPage } from './oai-response.js';

/**
 * Where a harvest stands between pages: what to ask for and how far it has come. This is what
 * is checkpointed after each page, so a crashed run goes on from the last page it stored.
 */
export interface HarvestCursor {
  prefix: string;
  set?: string;
  /** The `from` of this run's list (repository granularity); a stale token restarts here. */
  from?: string;
  until?: string;
  /** The token to ask with next; undefined before the first page. */
  resumptionToken?: string;
  /** The latest datestamp harvested so far: where the next incremental run starts. */
  lastDatestamp?: string;
  /** Pages and records taken so far in this run. */
  pages: number;
  records: number;
  completeListSize?: number;
  /** How often the repository refused this run's token and the list was asked for again. */
  restarts?: number;
}

/** The query of the next ListRecords request (§3.5: with a token, the token is the only argument). */
export function listRecordsQuery(c: HarvestCursor): Record<string, string> {
  if (c.resumptionToken !== undefined) return { verb: 'ListRecords', resumptionToken: c.resumptionToken };
  return {
    verb: 'ListRecords',
    metadataPrefix: c.prefix,
    ...(c.set ? { set: c.set } : {}),
    ...(c.from ? { from: c.from } : {}),
    ...(c.until ? { until: c.until } : {}),
  };
}

/** What to do after a page. */
export type NextStep =
  | { kind: 'continue'; cursor: HarvestCursor }
  | { kind: 'done'; cursor: HarvestCursor }
  /** The token was refused: ask for the list again from the run's `from` (records already held come back unchanged). */
  | { kind: 'restart'; cursor: HarvestCursor }
  | { kind: 'fail'; code: string; message: string };

/** How many times a run may be told its token is bad before it gives up (a repository that never accepts its own tokens). */
export const MAX_RESTARTS = 3;

/**
 * Decides what follows a page (§3.5, §3.6): a non-empty token → ask with it; an empty or absent
 * token → the list is complete; `noRecordsMatch` → complete and empty (an incremental run with
 * nothing new); `badResumptionToken` → restart the list; any other error → the run fails with
 * the repository's code. `latest` is the latest datestamp harvested, this page included.
 */
export function afterPage(cursor: HarvestCursor, page: OaiPage, pageRecords: number, latest: string | undefined): NextStep {
  const restarts = cursor.restarts ?? 0;
  const codes = page.errors.map((e) => e.code);
  if (codes.length > 0) {
    if (codes.every((c) => c === 'noRecordsMatch')) return { kind: 'done', cursor: { ...cursor, resumptionToken: undefined } };
    if (codes.includes('badResumptionToken') && cursor.resumptionToken !== undefined) {
      if (restarts >= MAX_RESTARTS) return { kind: 'fail', code: 'badResumptionToken', message: `the repository refused its resumption token ${restarts + 1} times` };
      return { kind: 'restart', cursor: { ...cursor, resumptionToken: undefined, restarts: restarts + 1 } };
    }
    const e = page.errors[0]!;
    return { kind: 'fail', code: e.code, message: page.errors.map((x) => `${x.code}: ${x.message}`).join('; ') };
  }
  const next: HarvestCursor = {
    ...cursor,
    pages: cursor.pages + 1,
    records: cursor.records + pageRecords,
    lastDatestamp: latest,
    resumptionToken: page.resumptionToken?.token || undefined,
    ...(page.resumptionToken?.completeListSize !== undefined ? { completeListSize: page.resumptionToken.completeListSize } : {}),
  };
  return next.resumptionToken === undefined ? { kind: 'done', cursor: next } : { kind: 'continue', cursor: next };
}
