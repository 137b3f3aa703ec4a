/**
 * The OAI-PMH 2.0 provider (issue 4) on a union catalogue of real records: every verb, every
 * error condition that can arise, sets, from/until, resumption over pages and across a restart,
 * persistent deletions. The official OAI-PMH XSD is not on this machine (no network): responses
 * are checked well-formed by xmllint, and their structure by the assertions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/platform/http/app.js';
import { testApp, type TestApp } from '../support/app.js';
import { ingestRecords } from '../../src/modules/catalog/index.js';
import { chineseBook, deleteOnlyHere, errorCodes, loadCatalogue, smallPageApp, texts, tokenOf, xmllint } from './oai.fixture.js';

let t: TestApp;
let pages: App;
const PAGE = { records: 4, identifiers: 5 };

beforeAll(async () => {
  t = await testApp();
  await loadCatalogue(t);
  pages = await smallPageApp(t, PAGE);
});
afterAll(async () => {
  await pages?.close();
  await t?.close();
});

/** A request's response body, checked to be a well-formed OAI-PMH document answered with 200 text/xml. */
async function oai(query: string, app: App = t.app): Promise<string> {
  const res = await app.inject({ url: `/oai?${query}` });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
  const lint = xmllint(res.body);
  expect(lint.ok, lint.stderr).toBe(true);
  expect(res.body).toContain('<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"');
  expect(res.body).toMatch(/<responseDate>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z<\/responseDate>/);
  return res.body;
}

const clusterIds = async (where = 'true'): Promise<number[]> =>
  (await t.db.query<{ id: number }>(`SELECT id::int FROM clusters c WHERE ${where} ORDER BY id`)).rows.map((r) => r.id);
const identifier = (id: number) => `oai:anylib.test:cluster/${id}`;
const clusterOfLocal = async (library: string, localId: string): Promise<number> =>
  (await t.db.query<{ id: number }>('SELECT r.cluster_id::int AS id FROM records r JOIN libraries l ON l.id = r.library_id WHERE l.symbol = $1 AND r.local_id = $2', [library, localId])).rows[0]!.id;

/** Every page of a list, following resumption tokens, with the tokens' attributes. */
async function wholeList(verb: string, args: string, app: App = pages): Promise<{ bodies: string[]; identifiers: string[]; tokens: ReturnType<typeof tokenOf>[] }> {
  const bodies = [await oai(`verb=${verb}&${args}`, app)];
  const tokens = [tokenOf(bodies[0]!)];
  while (tokens.at(-1)?.token) {
    bodies.push(await oai(`verb=${verb}&resumptionToken=${encodeURIComponent(tokens.at(-1)!.token)}`, app));
    tokens.push(tokenOf(bodies.at(-1)!));
  }
  return { bodies, identifiers: bodies.flatMap((b) => texts(b, 'identifier')), tokens };
}

describe('Identify and ListMetadataFormats', () => {
  it('describes the repository: base URL, protocol 2.0, seconds granularity, persistent deletions, the oai-identifier scheme', async () => {
    const xml = await oai('verb=Identify');
    expect(xml).toContain('<request verb="Identify">http://anylib.test/oai</request>');
    expect(texts(xml, 'baseURL')).toEqual(['http://anylib.test/oai']);
    expect(texts(xml, 'protocolVersion')).toEqual(['2.0']);
    expect(texts(xml, 'deletedRecord')).toEqual(['persistent']);
    expect(texts(xml, 'granularity')).toEqual(['YYYY-MM-DDThh:mm:ssZ']);
    expect(texts(xml, 'adminEmail')[0]).toMatch(/^\S+@\S+\.\S+$/);
    expect(texts(xml, 'repositoryIdentifier')).toEqual(['anylib.test']);
    const earliest = (await t.db.query<{ d: Date }>('SELECT min(updated_at) AS d FROM clusters')).rows[0]!.d;
    expect(texts(xml, 'earliestDatestamp')).toEqual([earliest.toISOString().slice(0, 19) + 'Z']);
  });

  it('lists oai_dc and marc21, and for one item the formats its union record can be given in', async () => {
    const all = await oai('verb=ListMetadataFormats');
    expect(texts(all, 'metadataPrefix')).toEqual(['oai_dc', 'marc21']);
    expect(texts(all, 'schema')).toContain('http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd');
    expect(texts(all, 'metadataNamespace')).toEqual(['http://www.openarchives.org/OAI/2.0/oai_dc/', 'http://www.loc.gov/MARC21/slim']);
    const chinese = await clusterOfLocal('CN-OA', 'on1183349983');
    expect(texts(await oai(`verb=ListMetadataFormats&identifier=${identifier(chinese)}`), 'metadataPrefix')).toEqual(['oai_dc', 'marc21']);
    // A UNIMARC union record is not MARC 21: only oai_dc.
    const unimarc = (await t.db.query<{ id: number }>("SELECT cluster_id::int AS id FROM records WHERE flavour = 'unimarc'")).rows[0]!.id;
    expect(texts(await oai(`verb=ListMetadataFormats&identifier=${identifier(unimarc)}`), 'metadataPrefix')).toEqual(['oai_dc']);
    expect(errorCodes(await oai('verb=ListMetadataFormats&identifier=oai:anylib.test:cluster/999999'))).toEqual(['idDoesNotExist']);
  });
});

describe('ListSets', () => {
  it('gives a set per alliance and per library with the directory\'s Chinese and English names', async () => {
    const xml = await oai('verb=ListSets');
    expect(texts(xml, 'setSpec')).toEqual(['alliance', 'alliance:JALIS', 'library', 'library:CN-HV', 'library:CN-OA', 'library:CN-OB', 'library:CN-OC']);
    expect(texts(xml, 'setName')).toContain('江苏高校图书馆联盟 / Jiangsu Academic Library Alliance');
    expect(texts(xml, 'setName')).toContain('甲大学图书馆 / University A Library');
    expect(xml).toContain('<dc:title xml:lang="zh">江苏高校图书馆联盟</dc:title>');
    // ListSets comes in one response: a token for it is not ours.
    expect(errorCodes(await oai('verb=ListSets&resumptionToken=abc'))).toEqual(['badResumptionToken']);
  });
});

describe('GetRecord', () => {
  it('gives a Chinese union record in oai_dc: title and author in pinyin and in characters, the holding libraries\' sets', async () => {
    const id = await clusterOfLocal('CN-OA', 'on1183349983');
    const xml = await oai(`verb=GetRecord&identifier=${identifier(id)}&metadataPrefix=oai_dc`);
    expect(xml).toContain(`<request verb="GetRecord" identifier="${identifier(id)}" metadataPrefix="oai_dc">`);
    expect(texts(xml, 'identifier')).toEqual([identifier(id), 'ISBN 9787572101014 (hardcover)', 'ISBN 7572101011 (hardcover)']);
    expect(texts(xml, 'title')).toEqual(['Che piao qu na er le', '车票去哪儿了']);
    expect(texts(xml, 'creator')).toEqual(['Liu, Xugong', '刘旭恭']);
    expect(texts(xml, 'setSpec')).toEqual(['alliance:JALIS', 'library:CN-OA']);
    const updated = (await t.db.query<{ d: Date }>('SELECT updated_at AS d FROM clusters WHERE id = $1', [id])).rows[0]!.d;
    expect(texts(xml, 'datestamp')).toEqual([updated.toISOString().slice(0, 19) + 'Z']);
  });

  it('gives the union record in MARCXML: 001 the cluster, 035 and 852 of every holding library', async () => {
    const id = await clusterOfLocal('CN-OB', (await t.db.query<{ l: string }>("SELECT local_id AS l FROM records r JOIN libraries l ON l.id = r.library_id WHERE l.symbol = 'CN-OB' ORDER BY r.id LIMIT 1")).rows[0]!.l);
    const xml = await oai(`verb=GetRecord&identifier=${identifier(id)}&metadataPrefix=marc21`);
    expect(xml).toContain('<metadata><record xmlns="http://www.loc.gov/MARC21/slim">');
    expect(xml).toContain(`<controlfield tag="001">${id}</controlfield>`);
    expect(texts(xml, 'subfield').filter((s) => s === 'CN-OA' || s === 'CN-OB')).toEqual(['CN-OA', 'CN-OB']);
    expect(texts(xml, 'setSpec')).toEqual(['alliance:JALIS', 'library:CN-OA', 'library:CN-OB']);
  });

  it('refuses a format it does not have, MARC 21 of a UNIMARC record, and identifiers that are not its own', async () => {
    const id = await clusterOfLocal('CN-OA', 'on1183349983');
    expect(errorCodes(await oai(`verb=GetRecord&identifier=${identifier(id)}&metadataPrefix=mods`))).toEqual(['cannotDisseminateFormat']);
    const unimarc = (await t.db.query<{ id: number }>("SELECT cluster_id::int AS id FROM records WHERE flavour = 'unimarc'")).rows[0]!.id;
    const refused = await oai(`verb=GetRecord&identifier=${identifier(unimarc)}&metadataPrefix=marc21`);
    expect(errorCodes(refused)).toEqual(['cannotDisseminateFormat']);
    // Not badArgument: the request is echoed with its arguments.
    expect(refused).toContain(`<request verb="GetRecord" identifier="${identifier(unimarc)}" metadataPrefix="marc21">`);
    expect(texts(await oai(`verb=GetRecord&identifier=${identifier(unimarc)}&metadataPrefix=oai_dc`), 'title')).toEqual(['Lo Stato innovatore : sfatare il mito del pubblico contro il privato']);
    for (const bad of ['oai:other.org:cluster/1', 'oai:anylib.test:cluster/0', 'oai:anylib.test:cluster/abc', 'oai:anylib.test:cluster/99999999999999999999', '<x>&']) {
      expect(errorCodes(await oai(`verb=GetRecord&identifier=${encodeURIComponent(bad)}&metadataPrefix=oai_dc`)), bad).toEqual(['idDoesNotExist']);
    }
  });
});

describe('ListRecords and ListIdentifiers', () => {
  it('go through every item over pages with resumption tokens: cursor, completeListSize, an empty token at the end', async () => {
    const all = await clusterIds();
    const list = await wholeList('ListIdentifiers', 'metadataPrefix=oai_dc');
    expect(list.identifiers.sort()).toEqual(all.map(identifier).sort());
    expect(list.bodies.length).toBe(Math.ceil(all.length / PAGE.identifiers));
    expect(list.tokens.map((x) => x?.cursor)).toEqual(list.bodies.map((_, i) => i * PAGE.identifiers));
    expect(new Set(list.tokens.map((x) => x?.completeListSize))).toEqual(new Set([all.length]));
    expect(list.tokens.at(-1)!.token).toBe('');
    // Records: the same items, each with metadata, in pages of 4.
    const records = await wholeList('ListRecords', 'metadataPrefix=oai_dc');
    expect(records.bodies.length).toBe(Math.ceil(all.length / PAGE.records));
    expect(records.bodies.join('').match(/<oai_dc:dc /g)?.length).toBe(all.length);
  });

  it('list marc21 only for MARC 21 union records', async () => {
    const marc21 = await clusterIds("EXISTS (SELECT 1 FROM records d WHERE d.id = c.display_record_id AND d.flavour = 'marc21')");
    const list = await wholeList('ListRecords', 'metadataPrefix=marc21');
    expect(list.bodies.join('').match(/<record xmlns="http:\/\/www\.loc\.gov\/MARC21\/slim">/g)?.length).toBe(marc21.length);
    expect(list.tokens[0]?.completeListSize).toBe(marc21.length);
  });

  it('keep to a set: a library\'s, an alliance\'s, and the parent sets', async () => {
    const ob = await wholeList('ListIdentifiers', 'metadataPrefix=oai_dc&set=library:CN-OB');
    expect(ob.identifiers.length).toBe(3);
    const jalis = await wholeList('ListIdentifiers', 'metadataPrefix=oai_dc&set=alliance:JALIS');
    expect(jalis.identifiers.length).toBe(13);
    expect(jalis.bodies.join('')).not.toContain('library:CN-OC');
    expect((await wholeList('ListIdentifiers', 'metadataPrefix=oai_dc&set=alliance')).identifiers.sort()).toEqual(jalis.identifiers.sort());
    expect((await wholeList('ListIdentifiers', 'metadataPrefix=oai_dc&set=library')).identifiers.length).toBe((await clusterIds()).length);
    expect(errorCodes(await oai('verb=ListRecords&metadataPrefix=oai_dc&set=library:CN-HV'))).toEqual(['noRecordsMatch']);
    expect(errorCodes(await oai('verb=ListRecords&metadataPrefix=oai_dc&set=library:NO-SUCH'))).toEqual(['noRecordsMatch']);
  });

  it('keep to from and until, in either granularity, until including its whole second or day', async () => {
    const { rows } = await t.db.query<{ d: Date; id: number }>('SELECT updated_at AS d, id::int FROM clusters ORDER BY updated_at, id');
    const seconds = (d: Date) => d.toISOString().slice(0, 19) + 'Z';
    const first = rows[0]!.d;
    const upToFirst = rows.filter((r) => seconds(r.d) <= seconds(first)).map((r) => identifier(r.id));
    expect((await wholeList('ListIdentifiers', `metadataPrefix=oai_dc&until=${seconds(first)}`)).identifiers).toEqual(upToFirst);
    const day = first.toISOString().slice(0, 10);
    expect((await wholeList('ListIdentifiers', `metadataPrefix=oai_dc&from=${day}&until=${day}`)).identifiers.length).toBe(rows.length);
    expect((await wholeList('ListIdentifiers', `metadataPrefix=oai_dc&from=${seconds(first)}`)).identifiers.length).toBe(rows.length);
    expect(errorCodes(await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&from=2999-01-01'))).toEqual(['noRecordsMatch']);
    expect(errorCodes(await oai('verb=ListRecords&metadataPrefix=oai_dc&until=2000-01-01T00:00:00Z'))).toEqual(['noRecordsMatch']);
  });

  it('take a token after a restart: another app on the same database goes on where the first left off', async () => {
    const first = await oai('verb=ListRecords&metadataPrefix=oai_dc&set=alliance:JALIS', pages);
    const token = tokenOf(first)!.token;
    const expected = await oai(`verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`, pages);
    await pages.close();
    pages = await smallPageApp(t, PAGE);
    const after = await oai(`verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`, pages);
    expect(texts(after, 'identifier')).toEqual(texts(expected, 'identifier'));
    expect(tokenOf(after)).toEqual(tokenOf(expected));
  });

  it('refuse forged, garbled and other verbs\' tokens, and unknown formats', async () => {
    const token = tokenOf(await oai('verb=ListIdentifiers&metadataPrefix=oai_dc', pages))!.token;
    const [body, sig] = token.split('.') as [string, string];
    const state = JSON.parse(Buffer.from(body, 'base64url').toString());
    const forged = `${Buffer.from(JSON.stringify({ ...state, s: 'library:CN-OC' })).toString('base64url')}.${sig}`;
    for (const bad of [forged, token.slice(0, -2), 'garbage', `${token}x`]) {
      const xml = await oai(`verb=ListIdentifiers&resumptionToken=${encodeURIComponent(bad)}`, pages);
      expect(errorCodes(xml)).toEqual(['badResumptionToken']);
      expect(xml).toContain('<request verb="ListIdentifiers" resumptionToken="');
    }
    expect(errorCodes(await oai(`verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`, pages))).toEqual(['badResumptionToken']);
    expect(errorCodes(await oai('verb=ListRecords&metadataPrefix=mods'))).toEqual(['cannotDisseminateFormat']);
  });
});

describe('deleted records (persistent)', () => {
  it('report a cluster whose only record its library deleted as deleted, with no metadata, in lists, its set and GetRecord', async () => {
    const id = await clusterOfLocal('CN-OC', 'only-here');
    const before = (await t.db.query<{ d: Date }>('SELECT updated_at AS d FROM clusters WHERE id = $1', [id])).rows[0]!.d;
    await deleteOnlyHere(t);
    const after = (await t.db.query<{ d: Date; n: number }>('SELECT updated_at AS d, record_count AS n FROM clusters WHERE id = $1', [id])).rows[0]!;
    expect(after.n).toBe(0);
    expect(after.d.getTime()).toBeGreaterThan(before.getTime());

    const got = await oai(`verb=GetRecord&identifier=${identifier(id)}&metadataPrefix=oai_dc`);
    expect(got).toContain(`<header status="deleted"><identifier>${identifier(id)}</identifier>`);
    expect(got).not.toContain('<metadata>');
    // Deleted records have no format to refuse: marc21 too.
    expect(errorCodes(await oai(`verb=GetRecord&identifier=${identifier(id)}&metadataPrefix=marc21`))).toEqual([]);

    const from = after.d.toISOString().slice(0, 19) + 'Z';
    const recent = await oai(`verb=ListRecords&metadataPrefix=marc21&from=${from}`);
    expect(recent).toContain(`<record><header status="deleted"><identifier>${identifier(id)}</identifier>`);
    const oc = await wholeList('ListIdentifiers', 'metadataPrefix=oai_dc&set=library:CN-OC');
    expect(oc.identifiers).toContain(identifier(id));
    expect(oc.bodies.join('')).toContain('status="deleted"');
  });
});

describe('bad requests', () => {
  it('answer badVerb and badArgument with the bare base URL in the request element', async () => {
    for (const [query, code] of [
      ['', 'badVerb'], ['verb=Frobnicate', 'badVerb'], ['verb=Identify&verb=ListSets', 'badVerb'],
      ['verb=Identify&colour=red', 'badArgument'], ['verb=GetRecord&identifier=x', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=marc21', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2024-13-01', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2024-05-02&until=2024-05-01', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2024-05-01&until=2024-05-02T00:00:00Z', 'badArgument'],
      ['verb=ListRecords&resumptionToken=abc&set=library:CN-OA', 'badArgument'],
      [`verb=ListRecords&metadataPrefix=${'x'.repeat(10_000)}`, 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&set=%00%01%ff%', 'noRecordsMatch'],
    ] as const) {
      const xml = await oai(query);
      expect(errorCodes(xml), query.slice(0, 80)).toContain(code);
      if (code !== 'noRecordsMatch') expect(xml, query.slice(0, 80)).toContain('<request>http://anylib.test/oai</request>');
    }
  });

  it('answer in Chinese when asked', async () => {
    const res = await t.app.inject({ url: '/oai?verb=GetRecord&identifier=x', headers: { 'accept-language': 'zh-CN' } });
    expect(res.body).toContain('<error code="badArgument">GetRecord 需要参数 "metadataPrefix"。</error>');
  });

  it('take the arguments as a POST form too, with the same rules', async () => {
    const post = (payload: string) => t.app.inject({ method: 'POST', url: '/oai', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload });
    const ok = await post('verb=ListMetadataFormats');
    expect(ok.statusCode).toBe(200);
    expect(texts(ok.body, 'metadataPrefix')).toEqual(['oai_dc', 'marc21']);
    expect(errorCodes((await post('verb=Identify&verb=Identify')).body)).toEqual(['badVerb']);
    expect(errorCodes((await post('verb=ListRecords&metadataPrefix=oai_dc&set=library:CN-OB&set=library:CN-OA')).body)).toEqual(['badArgument']);
  });
});

describe('datestamps', () => {
  it('change when a record joins a cluster: the item comes again in a list from then, in its new library\'s set', async () => {
    const id = await clusterOfLocal('CN-OA', 'on1183349983');
    const before = (await t.db.query<{ d: Date }>('SELECT updated_at AS d FROM clusters WHERE id = $1', [id])).rows[0]!.d;
    await ingestRecords(t.db, { library: 'CN-OC', records: [{ record: { ...chineseBook(), fields: chineseBook().fields.map((f) => (f.tag === '001' ? { tag: '001', value: 'oc-1' } : f)) }, flavour: 'marc21', sourceFormat: 'marcxml' }], via: 'test' });
    expect(await clusterOfLocal('CN-OC', 'oc-1')).toBe(id);
    const after = (await t.db.query<{ d: Date }>('SELECT updated_at AS d FROM clusters WHERE id = $1', [id])).rows[0]!.d;
    expect(after.getTime()).toBeGreaterThan(before.getTime());
    const xml = await oai(`verb=ListIdentifiers&metadataPrefix=oai_dc&set=library:CN-OC&from=${after.toISOString().slice(0, 19)}Z`);
    expect(texts(xml, 'identifier')).toContain(identifier(id));
    expect(xml).toContain(`<identifier>${identifier(id)}</identifier><datestamp>${after.toISOString().slice(0, 19)}Z</datestamp><setSpec>alliance:JALIS</setSpec><setSpec>library:CN-OA</setSpec><setSpec>library:CN-OC</setSpec>`);
  });
});
