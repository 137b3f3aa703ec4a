/**
 * The parameters of an SRU request (SRU 1.2 §"searchRetrieve operation", SRU 2.0 = OASIS
 * searchRetrieve part 3 §4 and §11), read into one shape for both versions, or the diagnostic
 * that refuses them. Pure.
 */
import { diag, say, type SruDiagnostic } from '../domain/cql/index.js';

export type SruVersion = '1.1' | '1.2' | '2.0';
export type RecordSchemaName = 'marcxml' | 'dc' | 'json';

export const DEFAULT_RECORDS = 10;
export const MAX_RECORDS = 100;

export interface SruRequest {
  version: SruVersion;
  operation: 'explain' | 'searchRetrieve';
  query: string | null;
  /** 1-based. */
  startRecord: number;
  maximumRecords: number;
  schema: RecordSchemaName;
  /** Records as XML inside recordData, or as escaped text (1.2 recordPacking=string, 2.0 recordXMLEscaping=string). */
  escaping: 'xml' | 'string';
  /** SRU 1.2 `sortKeys` as sent (1.2 §"Sorting"); SRU 2.0 sorts with CQL `sortBy`. */
  sortKeys: string | null;
  stylesheet: string | null;
  /** The parameters as sent, for 1.2's echoedSearchRetrieveRequest. */
  given: Readonly<Record<string, string>>;
}

/** What a refused request is answered in: the version it asked for, when that version is one we speak. */
export interface SruRefusal {
  version: SruVersion;
  operation: 'explain' | 'searchRetrieve';
  diagnostic: SruDiagnostic;
}

export const SCHEMAS: readonly { name: RecordSchemaName; uri: string; aliases: readonly string[]; title: string }[] = [
  { name: 'marcxml', uri: 'info:srw/schema/1/marcxml-v1.1', aliases: ['marcxml', 'marc21', 'marc21xml', 'marcxml-v1.1', 'info:srw/schema/1/marcxml-v1.1', 'info:srw/schema/1/marcxml-v1.1-light', 'http://www.loc.gov/marc21/slim'], title: 'MARCXML (MARC 21 slim)' },
  { name: 'dc', uri: 'info:srw/schema/1/dc-v1.1', aliases: ['dc', 'dc-v1.1', 'info:srw/schema/1/dc-v1.1', 'info:srw/schema/1/dc-schema'], title: 'Dublin Core (simple)' },
  { name: 'json', uri: 'info:anylib/schema/marc-in-json', aliases: ['json', 'marcjson', 'marc-in-json', 'info:anylib/schema/marc-in-json'], title: 'MARC-in-JSON (as text)' },
];

const SCHEMA_LIST = SCHEMAS.map((s) => `${s.name} (${s.uri})`).join(', ');

/** Parameters each version defines; `x-` extensions are accepted and ignored (1.2 §"Extensions", 2.0 §4.7). */
const KNOWN_12 = new Set(['operation', 'version', 'query', 'startRecord', 'maximumRecords', 'recordPacking', 'recordSchema', 'recordXPath', 'resultSetTTL', 'sortKeys', 'stylesheet', 'extraRequestData']);
const KNOWN_20 = new Set(['operation', 'version', 'query', 'queryType', 'startRecord', 'maximumRecords', 'recordXMLEscaping', 'recordPacking', 'recordSchema', 'resultSetTTL', 'sortKeys', 'stylesheet', 'renderedBy', 'httpAccept', 'responseType']);

type Raw = Record<string, unknown>;

export function readSruRequest(raw: Raw): { ok: true; request: SruRequest } | { ok: false; refusal: SruRefusal } {
  const given: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    // A parameter sent twice is ambiguous; SRU names each once.
    if (Array.isArray(v)) return refuse('2.0', 'searchRetrieve', diag(6, k, say(`the parameter ${k} is given ${v.length} times`, `参数 ${k} 出现了 ${v.length} 次`)), raw);
    if (typeof v === 'string') given[k] = v;
  }
  const asked = given.version;
  const version: SruVersion = asked === '1.1' || asked === '1.2' || asked === '2.0' ? asked : asked !== undefined && /^1(\.\d+)?$/.test(asked) ? '1.2' : '2.0';
  const query = given.query ?? null;
  const op = given.operation;
  const operation: 'explain' | 'searchRetrieve' = op === 'explain' || op === 'searchRetrieve' ? op : query !== null ? 'searchRetrieve' : 'explain';
  const fail = (d: SruDiagnostic) => ({ ok: false as const, refusal: { version, operation, diagnostic: d } });

  if (asked !== undefined && asked !== version) return fail(diag(5, '2.0', say(`version ${asked} is not supported; supported: 1.1, 1.2, 2.0`, `不支持版本 ${asked}；支持：1.1、1.2、2.0`)));
  if (op !== undefined && op !== 'explain' && op !== 'searchRetrieve') {
    return fail(op === 'scan' ? diag(4, 'scan', say('scan is not supported', '不支持 scan')) : diag(4, op, say(`the operation ${op} is not supported; operations: explain, searchRetrieve`, `不支持操作 ${op}；支持：explain、searchRetrieve`)));
  }
  const known = version === '2.0' ? KNOWN_20 : KNOWN_12;
  const unknown = Object.keys(given).find((k) => !known.has(k) && !k.startsWith('x-'));
  if (unknown !== undefined) return fail(diag(8, unknown, say(`the parameter ${unknown} is not an SRU ${version} parameter here`, `${unknown} 不是此处支持的 SRU ${version} 参数`)));
  if (given.recordXPath) return fail(diag(8, 'recordXPath', say('recordXPath is not supported', '不支持 recordXPath')));
  if (operation === 'searchRetrieve' && (query === null || query.trim() === '')) return fail(diag(7, 'query', say('searchRetrieve needs a query', 'searchRetrieve 需要 query 参数')));
  if (given.queryType !== undefined && given.queryType !== 'cql') return fail(diag(6, 'queryType', say(`the query type ${given.queryType} is not supported; query types: cql`, `不支持检索式类型 ${given.queryType}；支持：cql`)));

  const start = number(given.startRecord, 1);
  if (start === null || start < 1) return fail(diag(6, 'startRecord', say(`startRecord must be a whole number from 1, not "${given.startRecord}"`, `startRecord 应为从 1 起的整数，而不是“${given.startRecord}”`)));
  const max = number(given.maximumRecords, DEFAULT_RECORDS);
  if (max === null) return fail(diag(6, 'maximumRecords', say(`maximumRecords must be a whole number from 0, not "${given.maximumRecords}"`, `maximumRecords 应为从 0 起的整数，而不是“${given.maximumRecords}”`)));

  const schemaName = given.recordSchema;
  const schema = schemaName === undefined ? SCHEMAS[0] : SCHEMAS.find((s) => s.aliases.includes(schemaName.toLowerCase()) || s.uri === schemaName);
  if (!schema) return fail(diag(66, schemaName!, say(`the record schema ${schemaName} is not known; schemas: ${SCHEMA_LIST}`, `未知的记录格式 ${schemaName}；支持：${SCHEMA_LIST}`)));

  const escaping = readEscaping(version, given);
  if (typeof escaping !== 'string') return fail(escaping);

  return {
    ok: true,
    request: {
      version,
      operation,
      query,
      startRecord: start,
      // The server may give fewer records than asked (1.2 §"maximumRecords"): at most MAX_RECORDS.
      maximumRecords: Math.min(max, MAX_RECORDS),
      schema: schema.name,
      escaping,
      sortKeys: given.sortKeys ?? null,
      stylesheet: given.stylesheet ?? null,
      given,
    },
  };
}

function refuse(version: SruVersion, operation: 'explain' | 'searchRetrieve', d: SruDiagnostic, raw: Raw) {
  const v = raw.version;
  const asked: SruVersion = v === '1.1' || v === '1.2' ? v : version;
  return { ok: false as const, refusal: { version: asked, operation, diagnostic: d } };
}

/** A whole number of at most 9 digits (larger is not a page anyone can ask for), the default when absent. */
function number(s: string | undefined, fallback: number): number | null {
  if (s === undefined || s === '') return fallback;
  return /^\d{1,9}$/.test(s.trim()) ? Number(s.trim()) : null;
}

/**
 * 1.2 `recordPacking` is xml|string; 2.0 renamed it `recordXMLEscaping` and gave `recordPacking`
 * another meaning (packed|unpacked: Anylib's records are always packed). A 2.0 request with the
 * 1.2 values is read as 1.2 meant them.
 */
function readEscaping(version: SruVersion, given: Record<string, string>): 'xml' | 'string' | SruDiagnostic {
  const read = (name: string, v: string | undefined): 'xml' | 'string' | SruDiagnostic => {
    if (v === undefined || v === '' || v.toLowerCase() === 'xml') return 'xml';
    if (v.toLowerCase() === 'string') return 'string';
    return diag(71, v, say(`${name} must be xml or string, not "${v}"`, `${name} 应为 xml 或 string，而不是“${v}”`));
  };
  if (version !== '2.0') return read('recordPacking', given.recordPacking);
  const packing = given.recordPacking?.toLowerCase();
  if (packing !== undefined && packing !== 'packed' && packing !== 'unpacked' && packing !== '') {
    if (given.recordXMLEscaping === undefined) return read('recordPacking', given.recordPacking);
    return diag(71, given.recordPacking!, say('recordPacking must be packed or unpacked', 'recordPacking 应为 packed 或 unpacked'));
  }
  return read('recordXMLEscaping', given.recordXMLEscaping);
}
