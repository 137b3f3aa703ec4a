/** The union catalogue the OAI-PMH tests harvest: real records from ../shared/data/marc held by a few libraries. */
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { readIso2709Sync, readMarcXmlSync, type MarcRecord } from '../../src/modules/catalog/domain/marc/index.js';
import { memberRecordDecoder } from '../../src/modules/catalog/domain/member-decoder.js';
import { concerto, withHolding } from '../../src/modules/catalog/harvest/test-records.fixture.js';
import { ingestRecords, type ParsedInput } from '../../src/modules/catalog/index.js';
import { importNetwork } from '../../src/modules/network/index.js';
import { buildApp, type App } from '../../src/platform/http/app.js';
import { oaiRoutes, type OaiRouteOptions } from '../../src/modules/search/oai/oai.routes.js';
import type { TestApp } from '../support/app.js';
import { sharedPath } from '../support/shared.js';
import { aLibrary, anAlliance } from '../network/factories.js';
import { aBook } from '../catalog/records.js';

const marc21 = (record: MarcRecord): ParsedInput => ({ record, flavour: 'marc21', sourceFormat: 'marcxml' });

/** The YAZ Chinese picture book (MARCXML, 880 vernacular fields). */
export const chineseBook = (): MarcRecord => [...readMarcXmlSync(readFileSync(sharedPath('data/marc/yaz/marc12.xml')))].flatMap((r) => (r.ok ? [r.record] : []))[0]!;

/** The first Italian SBN record (UNIMARC). */
export function unimarcBook(): MarcRecord {
  const bytes = readFileSync(sharedPath('data/marc/unimarc/italian-sbn-5.mrc'));
  return [...readIso2709Sync(bytes, { decode: memberRecordDecoder() })].flatMap((r) => (r.ok ? [r.record] : []))[0]!;
}

/**
 * CN-OA and CN-OB (alliance JALIS) and CN-OC (no alliance); CN-HV, which harvests. CN-OA holds 12
 * concerto records and the Chinese book; CN-OB the first 3 concerto records too (the same
 * clusters); CN-OC a UNIMARC record and a book no one else has.
 */
export async function loadCatalogue(t: TestApp): Promise<void> {
  await importNetwork(t.db, {
    libraries: [
      aLibrary({ symbol: 'CN-OA', name: { zh: '甲大学图书馆', en: 'University A Library' } }),
      aLibrary({ symbol: 'CN-OB' }), aLibrary({ symbol: 'CN-OC' }), aLibrary({ symbol: 'CN-HV' }),
    ],
    alliances: [anAlliance({ code: 'JALIS', name: { zh: '江苏高校图书馆联盟', en: 'Jiangsu Academic Library Alliance' }, members: [{ library: 'CN-OA', role: 'member' }, { library: 'CN-OB', role: 'member' }] })],
  });
  const records = concerto(12);
  await ingestRecords(t.db, { library: 'CN-OA', records: [...records.map((r) => marc21(withHolding(r, 'CN-OA'))), marc21(chineseBook())], via: 'test' });
  await ingestRecords(t.db, { library: 'CN-OB', records: records.slice(0, 3).map((r) => marc21(withHolding(r, 'CN-OB'))), via: 'test' });
  await ingestRecords(t.db, {
    library: 'CN-OC',
    records: [
      { record: unimarcBook(), flavour: 'unimarc', sourceFormat: 'iso2709' },
      marc21(aBook({ id: 'only-here', title: 'Only here: a local history of Wuxi', author: 'Zhou, Wen', year: 1999, isbn: '9787532735785', holding: { library: 'CN-OC' } })),
    ],
    via: 'test',
  });
}

/** CN-OC deletes the book no one else has: its cluster is left with no record. */
export async function deleteOnlyHere(t: TestApp): Promise<void> {
  await ingestRecords(t.db, { library: 'CN-OC', records: [marc21(aBook({ id: 'only-here', title: 'Only here: a local history of Wuxi', deleted: true }))], via: 'test' });
}

/** An app with only the OAI-PMH routes and small pages, on the test's database (a "restart" is another one). */
export async function smallPageApp(t: TestApp, pageSize: NonNullable<OaiRouteOptions['pageSize']>): Promise<App> {
  const app = await buildApp({ config: t.config, db: t.db, jobs: t.jobs, modules: async (a) => void (await a.register(oaiRoutes, { pageSize })) });
  await app.ready();
  return app;
}

/** The text of every element with this local name. */
export const texts = (xml: string, name: string): string[] =>
  [...xml.matchAll(new RegExp(`<(?:[\\w-]+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:[\\w-]+:)?${name}>`, 'g'))].map((m) => m[1]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"'));

export const errorCodes = (xml: string): string[] => [...xml.matchAll(/<error code="(\w+)"/g)].map((m) => m[1]!);

/** The resumption token of a list page: its text and attributes, or undefined when there is none. */
export function tokenOf(xml: string): { token: string; completeListSize: number; cursor: number } | undefined {
  const m = /<resumptionToken completeListSize="(\d+)" cursor="(\d+)">([^<]*)<\/resumptionToken>/.exec(xml);
  return m ? { token: m[3]!, completeListSize: Number(m[1]), cursor: Number(m[2]) } : undefined;
}

/** xmllint's verdict (well-formed; against a schema when given). */
export function xmllint(xml: string, schema?: string): { ok: boolean; stderr: string } {
  const r = spawnSync('xmllint', ['--noout', ...(schema ? ['--schema', schema] : []), '-'], { input: xml });
  if (r.error) throw new Error(`xmllint (Debian package libxml2-utils) is needed: ${r.error.message}`);
  return { ok: r.status === 0, stderr: r.stderr.toString() };
}
