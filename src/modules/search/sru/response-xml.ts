/**
 * SRU responses as XML: searchRetrieveResponse, explainResponse and diagnostics, in SRU 1.2
 * (srw-types.xsd, namespace http://www.loc.gov/zing/srw/; 1.1 is the same) and SRU 2.0 (OASIS
 * searchRetrieve part 3, sruResponse.xsd). Elements in each schema's sequence order. Pure.
 *
 * A searchRetrieveResponse is written as UTF-8 bytes around its records' data, which come
 * already encoded (kept so between answers: rendered-records.ts): a page of ten union records in
 * MARCXML is some 50 KB, which as one string built by concatenation was flattened and encoded
 * again for every answer (in the SRU benchmark's server profile: building the response 2.2 → 0.8 %,
 * garbage collection 7.7 → 5.7 %).
 */
import { xmlAttr, xmlText } from '../../catalog/index.js';
import type { Locale } from '../../../platform/i18n.js';
import { DIAGNOSTIC_TEXTS, diagnosticUri, type SruDiagnostic } from '../domain/cql/index.js';
import type { SruVersion } from './params.js';

export const SRU_12_NAMESPACE = 'http://www.loc.gov/zing/srw/';
export const SRU_20_NAMESPACE = 'http://docs.oasis-open.org/ns/search-ws/sruResponse';
export const DIAG_12_NAMESPACE = 'http://www.loc.gov/zing/srw/diagnostic/';
export const DIAG_20_NAMESPACE = 'http://docs.oasis-open.org/ns/search-ws/diagnostic';
/** The schema a surrogate diagnostic (one in a record's place) is said to be in. */
const DIAG_SCHEMA_12 = 'info:srw/schema/1/diagnostics-v1.1';
const RESULT_COUNT_PRECISION = 'info:srw/vocabulary/resultCountPrecision/1/';

export const contentTypeFor = (v: SruVersion): string => (v === '2.0' ? 'application/sru+xml; charset=utf-8' : 'text/xml; charset=utf-8');

/** A record ready to go in: its schema URI and recordData content (already XML, or text when escaped) in UTF-8. */
export type ResponseRecord =
  | { kind: 'record'; schemaUri: string; escaping: 'xml' | 'string'; data: Uint8Array; position: number }
  | { kind: 'surrogate'; diagnostic: SruDiagnostic; position: number };

export interface SearchRetrieveOutcome {
  total: number;
  estimated: boolean;
  records: ResponseRecord[];
  nextRecordPosition: number | null;
  diagnostics: SruDiagnostic[];
  /** 1.2: the request's parameters, echoed. */
  echo?: Readonly<Record<string, string>>;
}

const head = (stylesheet: string | null): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${stylesheet ? `<?xml-stylesheet type="text/xsl" href="${xmlAttr(stylesheet).replace(/\?>/g, '?&gt;')}"?>\n` : ''}`;

const ns = (v: SruVersion) => (v === '2.0' ? SRU_20_NAMESPACE : SRU_12_NAMESPACE);
const el = (name: string, value: string | number) => `<zs:${name}>${typeof value === 'number' ? value : xmlText(value)}</zs:${name}>`;

/** One diagnostic element; `message` is the list's description in the reader's language, with the reason. */
export function diagnosticXml(v: SruVersion, d: SruDiagnostic, locale: Locale): string {
  const text = DIAGNOSTIC_TEXTS[d.code];
  const message = [text ? text[locale] : null, d.reason ? d.reason[locale] : null].filter((s) => s !== null).join(locale === 'zh-CN' ? '：' : ': ');
  const dns = v === '2.0' ? DIAG_20_NAMESPACE : DIAG_12_NAMESPACE;
  return `<diag:diagnostic xmlns:diag="${dns}"><diag:uri>${diagnosticUri(d.code)}</diag:uri>${d.details !== '' ? `<diag:details>${xmlText(d.details)}</diag:details>` : ''}${message !== '' ? `<diag:message>${xmlText(message)}</diag:message>` : ''}</diag:diagnostic>`;
}

/** A record's element: text and the record's own bytes, in order. */
function recordXml(v: SruVersion, r: ResponseRecord, locale: Locale): (string | Uint8Array)[] {
  // 1.2 record: recordSchema, recordPacking, recordData, recordPosition; 2.0 says recordXMLEscaping.
  const escapingEl = v === '2.0' ? 'recordXMLEscaping' : 'recordPacking';
  if (r.kind === 'surrogate') {
    return [`<zs:record>${el('recordSchema', v === '2.0' ? DIAG_20_NAMESPACE : DIAG_SCHEMA_12)}${el(escapingEl, 'xml')}<zs:recordData>${diagnosticXml(v, r.diagnostic, locale)}</zs:recordData>${el('recordPosition', r.position)}</zs:record>\n`];
  }
  return [`<zs:record>${el('recordSchema', r.schemaUri)}${el(escapingEl, r.escaping)}<zs:recordData>`, r.data, `</zs:recordData>${el('recordPosition', r.position)}</zs:record>\n`];
}

/** The response as UTF-8 bytes (the records' data copied in as they are). */
export function searchRetrieveXml(v: SruVersion, o: SearchRetrieveOutcome, locale: Locale, stylesheet: string | null = null): Buffer {
  const parts: (string | Uint8Array)[] = [`${head(stylesheet)}<zs:searchRetrieveResponse xmlns:zs="${ns(v)}">\n${el('version', v)}\n${el('numberOfRecords', o.total)}\n`];
  if (o.records.length > 0) {
    parts.push('<zs:records>\n');
    for (const r of o.records) parts.push(...recordXml(v, r, locale));
    parts.push('</zs:records>\n');
  }
  let x = '';
  if (o.nextRecordPosition !== null) x += el('nextRecordPosition', o.nextRecordPosition) + '\n';
  if (v !== '2.0' && o.echo) x += echoXml(o.echo) + '\n';
  if (o.diagnostics.length > 0) x += `<zs:diagnostics>${o.diagnostics.map((d) => diagnosticXml(v, d, locale)).join('')}</zs:diagnostics>\n`;
  // 2.0 §4.9.3: say whether numberOfRecords is exact or an estimate (a broad query over a capped candidate set).
  if (v === '2.0' && o.diagnostics.length === 0) x += el('resultCountPrecision', RESULT_COUNT_PRECISION + (o.estimated ? 'estimate' : 'exact')) + '\n';
  parts.push(`${x}</zs:searchRetrieveResponse>\n`);
  return utf8(parts);
}

/** Text and bytes as one UTF-8 buffer, in one allocation. */
function utf8(parts: readonly (string | Uint8Array)[]): Buffer {
  let length = 0;
  for (const p of parts) length += typeof p === 'string' ? Buffer.byteLength(p) : p.length;
  const out = Buffer.allocUnsafe(length);
  let at = 0;
  for (const p of parts) {
    if (typeof p === 'string') at += out.write(p, at);
    else {
      out.set(p, at);
      at += p.length;
    }
  }
  return out;
}

/** SRU 1.2 echoedSearchRetrieveRequest: the parameters the server used, in the schema's order. */
function echoXml(given: Readonly<Record<string, string>>): string {
  const order = ['version', 'query', 'startRecord', 'maximumRecords', 'recordPacking', 'recordSchema', 'resultSetTTL', 'sortKeys', 'stylesheet'];
  return `<zs:echoedSearchRetrieveRequest>${order.filter((k) => given[k] !== undefined).map((k) => el(k, given[k]!)).join('')}</zs:echoedSearchRetrieveRequest>`;
}

/** An explainResponse holding the ZeeRex record, or only diagnostics when the request was refused. */
export function explainXml(v: SruVersion, explainRecord: string | null, diagnostics: SruDiagnostic[], locale: Locale, stylesheet: string | null = null): string {
  let x = `${head(stylesheet)}<zs:explainResponse xmlns:zs="${ns(v)}">\n`;
  x += el('version', v) + '\n';
  if (explainRecord !== null) {
    x += `<zs:record>${el('recordSchema', 'http://explain.z3950.org/dtd/2.0/')}${el(v === '2.0' ? 'recordXMLEscaping' : 'recordPacking', 'xml')}<zs:recordData>${explainRecord}</zs:recordData>${el('recordPosition', 1)}</zs:record>\n`;
  }
  if (diagnostics.length > 0) x += `<zs:diagnostics>${diagnostics.map((d) => diagnosticXml(v, d, locale)).join('')}</zs:diagnostics>\n`;
  return `${x}</zs:explainResponse>\n`;
}
