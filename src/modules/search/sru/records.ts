/**
 * A union record in one of the SRU record schemas: MARCXML (MARC 21 slim), simple Dublin Core
 * (`srw_dc:dc`, SRU's DC schema, through the catalogue's LoC MARC → DC crosswalk) and MARC-in-JSON
 * (not XML, so always carried as escaped text).
 */
import { DC_NAMESPACE, marcJsonRecord, marcToDublinCore, marcXmlRecord, xmlText, type DcRecord, type UnionRecord } from '../../catalog/index.js';
import type { RecordSchemaName } from './params.js';
import { SCHEMAS } from './params.js';

/** SRU's Dublin Core container (info:srw/schema/1/dc-v1.1). */
export const SRW_DC_NAMESPACE = 'info:srw/schema/1/dc-schema';

export function srwDcXml(dc: DcRecord): string {
  let x = `<srw_dc:dc xmlns:srw_dc="${SRW_DC_NAMESPACE}" xmlns:dc="${DC_NAMESPACE}">`;
  for (const [element, values] of Object.entries(dc)) for (const v of values ?? []) x += `<dc:${element}>${xmlText(v)}</dc:${element}>`;
  return `${x}</srw_dc:dc>`;
}

/**
 * recordData's content, in UTF-8 (as it goes out), and the schema URI; `escaping: 'string'` gives
 * the XML as text (1.2 recordPacking=string).
 */
export function renderRecord(r: UnionRecord, schema: RecordSchemaName, escaping: 'xml' | 'string'): { schemaUri: string; escaping: 'xml' | 'string'; data: Buffer } {
  const schemaUri = SCHEMAS.find((s) => s.name === schema)!.uri;
  if (schema === 'json') return { schemaUri, escaping: 'string', data: Buffer.from(xmlText(JSON.stringify(marcJsonRecord(r.record)))) };
  const xml = schema === 'dc' ? srwDcXml(marcToDublinCore(r.record, r.flavour)) : marcXmlRecord(r.record, [], { namespace: true, flavour: r.flavour }).trimEnd();
  return { schemaUri, escaping, data: Buffer.from(escaping === 'string' ? xmlText(xml) : xml) };
}
