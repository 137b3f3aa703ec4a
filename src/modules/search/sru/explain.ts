/**
 * The explain record (ZeeRex 2.0, http://explain.z3950.org/dtd/2.0/): where the server is, which
 * indexes and relations it answers, which record schemas, how many records per page. Written from
 * the same tables the query mapping and the request reader use, so it cannot drift from them.
 */
import { xmlAttr, xmlText } from '../../catalog/index.js';
import { CONTEXT_SETS, CQL_INDEXES, SORT_KEYS } from '../domain/cql/index.js';
import { DEFAULT_RECORDS, MAX_RECORDS, SCHEMAS, type SruVersion } from './params.js';

export const ZEEREX_NAMESPACE = 'http://explain.z3950.org/dtd/2.0/';

export interface ServerPlace {
  host: string;
  port: number;
  database: string;
}

/** Host, port and database path of the public address (BASE_URL): `http://lib.example.org/anylib` → database `anylib/sru`. */
export function serverPlace(baseUrl: string): ServerPlace {
  try {
    const u = new URL(baseUrl);
    const port = u.port !== '' ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
    const path = u.pathname.replace(/^\/+|\/+$/g, '');
    return { host: u.hostname, port, database: path === '' ? 'sru' : `${path}/sru` };
  } catch {
    return { host: 'localhost', port: 80, database: 'sru' };
  }
}

const RELATIONS = ['=', '==', 'all', 'any', 'adj', '<>', '<', '>', '<=', '>=', 'within'];

export function explainRecord(place: ServerPlace, version: SruVersion): string {
  const titles = (t: { en: string; 'zh-CN': string }) => `<title lang="en" primary="true">${xmlText(t.en)}</title><title lang="zh">${xmlText(t['zh-CN'])}</title>`;
  const usedSets = new Set(CQL_INDEXES.map((i) => i.set));
  const sets = Object.entries(CONTEXT_SETS)
    .filter(([name]) => usedSets.has(name))
    .map(([name, uris]) => `<set name="${name}" identifier="${xmlAttr(uris[0]!)}"/>`)
    .join('');
  const indexes = CQL_INDEXES.map(
    (i) => `<index search="true" scan="false" sort="${SORT_KEYS.includes(`${i.set}.${i.name}` as (typeof SORT_KEYS)[number])}">${titles(i.title)}<map><name set="${i.set}">${xmlText(i.name)}</name></map></index>`,
  ).join('\n');
  const schemas = SCHEMAS.map((s) => `<schema identifier="${xmlAttr(s.uri)}" name="${s.name}" retrieve="true" sort="false"><title>${xmlText(s.title)}</title></schema>`).join('');
  return (
    `<explain xmlns="${ZEEREX_NAMESPACE}">\n` +
    `<serverInfo protocol="SRU" version="${version}" transport="http" method="GET POST"><host>${xmlText(place.host)}</host><port>${place.port}</port><database>${xmlText(place.database)}</database></serverInfo>\n` +
    `<databaseInfo>${titles({ en: 'Anylib union catalogue', 'zh-CN': 'Anylib 联合目录' })}<description lang="en" primary="true">Union records of the alliance's member libraries, with their holdings (852 per holding library).</description><description lang="zh">联盟成员馆的联合书目记录及其馆藏（每个馆藏馆一个 852 字段）。</description></databaseInfo>\n` +
    `<indexInfo>${sets}\n${indexes}\n</indexInfo>\n` +
    `<schemaInfo>${schemas}</schemaInfo>\n` +
    `<configInfo><default type="numberOfRecords">${DEFAULT_RECORDS}</default><setting type="maximumRecords">${MAX_RECORDS}</setting>` +
    `<default type="contextSet">dc</default><default type="index">cql.serverChoice</default><default type="relation">=</default>` +
    RELATIONS.map((r) => `<supports type="relation">${xmlText(r)}</supports>`).join('') +
    `<supports type="maskingCharacter">*</supports><supports type="sort"/>` +
    `</configInfo>\n</explain>`
  );
}
