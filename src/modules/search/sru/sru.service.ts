/**
 * An SRU request answered: explain, or searchRetrieve through the search index and the
 * catalogue's union records. Every outcome is an SRU response, refusals included (diagnostics,
 * never an HTTP error: SRU clients read diagnostics, not status codes).
 */
import type { UnionRecord } from '../../catalog/index.js';
import { isAppError } from '../../../platform/errors/index.js';
import { localize, type Locale } from '../../../platform/i18n.js';
import { cqlSortOrder, cqlToQuery, diag, say, type SruDiagnostic } from '../domain/cql/index.js';
import type { SearchRequest, SearchResult, SortOrder } from '../search-index.js';
import { explainRecord, type ServerPlace } from './explain.js';
import { readSruRequest, type SruRequest } from './params.js';
import { renderRecord } from './records.js';
import type { RenderedRecord, RenderedRecords } from './rendered-records.js';
import { contentTypeFor, explainXml, searchRetrieveXml, type ResponseRecord } from './response-xml.js';

export interface SruContext {
  search(request: SearchRequest): Promise<SearchResult>;
  /** Union records of these clusters (missing ones left out). */
  records(clusterIds: readonly number[]): Promise<UnionRecord[]>;
  place: ServerPlace;
  locale: Locale;
  /** Records rendered for recent answers, used while their hit keeps its version. */
  rendered?: RenderedRecords;
  /** Told of a failure that is not the client's doing (answered with diagnostic 1). */
  onError?: (err: unknown) => void;
}

export interface SruAnswer {
  contentType: string;
  /** The XML: a searchRetrieveResponse as UTF-8 bytes (response-xml.ts), an explainResponse as text. */
  body: string | Buffer;
}

export async function answerSru(params: Record<string, unknown>, ctx: SruContext): Promise<SruAnswer> {
  const read = readSruRequest(params);
  if (!read.ok) {
    const { version, operation, diagnostic } = read.refusal;
    const body =
      operation === 'explain'
        ? explainXml(version, explainRecord(ctx.place, version), [diagnostic], ctx.locale)
        : searchRetrieveXml(version, { total: 0, estimated: false, records: [], nextRecordPosition: null, diagnostics: [diagnostic] }, ctx.locale);
    return { contentType: contentTypeFor(version), body };
  }
  const req = read.request;
  if (req.operation === 'explain') {
    return { contentType: contentTypeFor(req.version), body: explainXml(req.version, explainRecord(ctx.place, req.version), [], ctx.locale, req.stylesheet) };
  }
  return { contentType: contentTypeFor(req.version), body: await searchRetrieve(req, ctx) };
}

async function searchRetrieve(req: SruRequest, ctx: SruContext): Promise<Buffer> {
  const echo = req.version === '2.0' ? undefined : req.given;
  const refused = (d: SruDiagnostic, total = 0) =>
    searchRetrieveXml(req.version, { total, estimated: false, records: [], nextRecordPosition: null, diagnostics: [d], echo }, ctx.locale, req.stylesheet);

  const mapped = cqlToQuery(req.query ?? '');
  if (!mapped.ok) return refused(mapped.diagnostic);
  // CQL sortBy wins over sortKeys (SRU 2.0 §4.4: sorting belongs to the query).
  let sort: SortOrder = 'relevance';
  if (mapped.sort !== null) sort = mapped.sort;
  else if (req.sortKeys !== null && req.sortKeys.trim() !== '') {
    const s = sortFromKeys(req.sortKeys);
    if (typeof s !== 'string') return refused(s);
    sort = s;
  }

  let result: SearchResult;
  try {
    result = await ctx.search({ query: mapped.query, sort, offset: req.startRecord - 1, limit: req.maximumRecords });
  } catch (err) {
    return refused(searchFailure(err, ctx));
  }
  if (req.startRecord > 1 && req.startRecord > result.total) {
    return refused(diag(61, String(req.startRecord), say(`startRecord ${req.startRecord} is past the last of ${result.total} records`, `startRecord ${req.startRecord} 超出了共 ${result.total} 条记录`)), result.total);
  }

  // Records rendered for an earlier answer at the same document version; only the others are fetched.
  const kept = new Map<number, RenderedRecord>();
  for (const h of result.hits) {
    const r = h.version !== undefined ? ctx.rendered?.get(h.clusterId, h.version, req.schema, req.escaping) : undefined;
    if (r) kept.set(h.clusterId, r);
  }
  const ids = result.hits.map((h) => h.clusterId).filter((id) => !kept.has(id));
  const byId = new Map<number, UnionRecord>();
  if (ids.length > 0) {
    try {
      for (const r of await ctx.records(ids)) byId.set(r.clusterId, r);
    } catch (err) {
      return refused(searchFailure(err, ctx), result.total);
    }
  }
  const records = result.hits.map(({ clusterId: id, version }, i): ResponseRecord => {
    const position = req.startRecord + i;
    const done = kept.get(id);
    if (done) return { kind: 'record', position, ...done };
    const r = byId.get(id);
    // A cluster merged or removed between search and fetch: its place says so (a surrogate diagnostic).
    if (!r) return { kind: 'surrogate', diagnostic: diag(65, String(id), say(`record ${id} no longer exists`, `记录 ${id} 已不存在`)), position };
    const rendered = renderRecord(r, req.schema, req.escaping);
    if (version !== undefined) ctx.rendered?.set(id, version, req.schema, req.escaping, rendered);
    return { kind: 'record', position, ...rendered };
  });
  const after = req.startRecord + records.length;
  return searchRetrieveXml(
    req.version,
    { total: result.total, estimated: result.totalEstimated, records, nextRecordPosition: records.length > 0 && after <= result.total ? after : null, diagnostics: [], echo },
    ctx.locale,
    req.stylesheet,
  );
}

/** SRU 1.2 sortKeys (§"Sorting"): `path,schema,ascending,caseSensitive,missingValue`, keys separated by spaces. */
function sortFromKeys(keys: string): SortOrder | SruDiagnostic {
  const list = keys.trim().split(/\s+/);
  if (list.length > 1) return diag(84, '1', say('one sort key at most (relevance, dc.title, dc.date)', '最多一个排序键（relevance、dc.title、dc.date）'));
  const [path = '', , ascending] = list[0]!.split(',');
  if (ascending !== undefined && ascending !== '' && ascending !== '0' && ascending !== '1') return diag(90, ascending, say('ascending is 1 or 0', 'ascending 应为 1 或 0'));
  const r = cqlSortOrder(path, ascending === '0' ? false : ascending === '1' ? true : null);
  if (r.ok) return r.sort;
  return r.reason === 'direction' ? diag(90, ascending ?? '', say(`${path} sorts one way only`, `${path} 只能按一个方向排序`)) : diag(88, path, say(`cannot sort by ${path}; sort keys: dc.title, dc.date, relevance`, `不能按 ${path} 排序；排序键：dc.title、dc.date、relevance`));
}

/** The index's refusals (too deep a page, too long a search) as diagnostics in the reader's language; anything else is ours. */
function searchFailure(err: unknown, ctx: SruContext): SruDiagnostic {
  if (isAppError(err)) {
    const reason = say(localize(err.definition.message, 'en', err.params), localize(err.definition.message, 'zh-CN', err.params));
    if (err.code === 'PAGE_TOO_DEEP') return diag(61, '', reason);
    if (err.code === 'SEARCH_TIMEOUT') return diag(2, '', reason);
    if (err.status < 500) return diag(48, err.code, reason);
    ctx.onError?.(err);
    return diag(2, '', reason);
  }
  ctx.onError?.(err);
  return diag(1, '', say('the search failed; the error is logged', '检索失败，错误已记录'));
}
