/**
 * The OAI-PMH 2.0 provider over the union catalogue (issue 4): one item per cluster, its union
 * record as oai_dc or MARCXML. Answers a request's key–value pairs with the response document.
 */
import type { Db } from '../../../platform/db/index.js';
import type { Locale } from '../../../platform/i18n.js';
import {
  marcToDublinCore, marcXmlRecord, oaiCluster, oaiClusterCount, oaiClusterPage, oaiDcXml, oaiEarliestDatestamp, unionRecords,
  xmlText, DC_NAMESPACE, OAI_DC_NAMESPACE, OAI_DC_SCHEMA, type OaiCluster, type OaiClusterFilter, type UnionRecord,
} from '../../catalog/index.js';
import { networkMap } from '../../network/index.js';
import { parseArguments, parseOaiDate } from './arguments.js';
import { isMetadataPrefix, METADATA_FORMATS, oaiError, type MetadataPrefix, type OaiError, type OaiRequest } from './protocol.js';
import { setDirectory, type SetDirectory } from './sets.js';
import { decodeToken, encodeToken, type ListState } from './token.js';
import { errorsXml, headerXml, oaiDocument, resumptionTokenXml, responseDateOf, secondsOf } from './xml.js';

export interface OaiSettings {
  /** The application's public address (BASE_URL); the provider answers at `<baseUrl>/oai`. */
  baseUrl: string;
  /** Signs resumption tokens. */
  secret: string;
  /** Items per page of ListRecords and of ListIdentifiers. */
  pageSize?: { records: number; identifiers: number };
  /** Identify's adminEmail; default `oai-admin@<host of baseUrl>`. */
  adminEmail?: string;
}

export const DEFAULT_PAGE_SIZE = { records: 100, identifiers: 500 };

/** `oai:<host>:cluster/<id>` (the oai-identifier scheme: repository identifier = the host of BASE_URL). */
export const oaiIdentifier = (host: string, clusterId: number): string => `oai:${host}:cluster/${clusterId}`;

export function clusterIdOf(host: string, identifier: string): number | undefined {
  const prefix = `oai:${host}:cluster/`;
  if (!identifier.startsWith(prefix)) return undefined;
  const id = identifier.slice(prefix.length);
  return /^[1-9]\d{0,14}$/.test(id) ? Number(id) : undefined;
}

interface Context {
  db: Db;
  settings: OaiSettings;
  host: string;
  locale: Locale;
  now: Date;
}

/** The response document for a request (GET query or POST form pairs). Never throws for bad input: that is an OAI-PMH error. */
export async function answerOai(db: Db, settings: OaiSettings, pairs: readonly (readonly [string, string])[], locale: Locale, now = new Date()): Promise<string> {
  const baseUrl = `${settings.baseUrl}/oai`;
  const parsed = parseArguments(pairs);
  if (!parsed.ok) {
    // §3.2: after badVerb or badArgument the request element carries no attributes.
    const echo = parsed.errors.every((e) => e.code === 'badVerb' || e.code === 'badArgument') ? undefined : Object.fromEntries(pairs);
    return oaiDocument(now, baseUrl, echo, errorsXml(parsed.errors, locale));
  }
  const ctx: Context = { db, settings, host: new URL(settings.baseUrl).hostname, locale, now };
  const result = await answer(ctx, parsed.request);
  const echo = Object.fromEntries(pairs);
  if ('errors' in result) return oaiDocument(now, baseUrl, echo, errorsXml(result.errors, locale));
  return oaiDocument(now, baseUrl, echo, result.xml);
}

type Answer = { xml: string } | { errors: OaiError[] };
const fail = (e: OaiError): Answer => ({ errors: [e] });

async function answer(ctx: Context, req: OaiRequest): Promise<Answer> {
  switch (req.verb) {
    case 'Identify':
      return identify(ctx);
    case 'ListMetadataFormats':
      return listMetadataFormats(ctx, req.identifier);
    case 'ListSets':
      if (req.resumptionToken) return fail(oaiError('badResumptionToken', 'ListSets is answered in one response: there is no token to resume.', 'ListSets 一次答完，没有可续取的令牌。'));
      return listSets(ctx);
    case 'GetRecord':
      return getRecord(ctx, req.identifier, req.metadataPrefix);
    case 'ListIdentifiers':
    case 'ListRecords':
      return list(ctx, req);
  }
}

async function identify(ctx: Context): Promise<Answer> {
  const earliest = await oaiEarliestDatestamp(ctx.db);
  const sample = oaiIdentifier(ctx.host, 1);
  // The oai-identifier description (its schema) wants a domain name: a bare IP address or localhost has none.
  const domain = /^[a-zA-Z][a-zA-Z0-9-]*(\.[a-zA-Z][a-zA-Z0-9-]*)+$/.test(ctx.host);
  const description = domain
    ? `<description><oai-identifier xmlns="http://www.openarchives.org/OAI/2.0/oai-identifier" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai-identifier http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"><scheme>oai</scheme><repositoryIdentifier>${xmlText(ctx.host)}</repositoryIdentifier><delimiter>:</delimiter><sampleIdentifier>${xmlText(sample)}</sampleIdentifier></oai-identifier></description>`
    : '';
  const email = ctx.settings.adminEmail ?? `oai-admin@${domain ? ctx.host : 'localhost.localdomain'}`;
  return {
    xml: `<Identify>
<repositoryName>Anylib 联合目录 / Anylib union catalogue</repositoryName>
<baseURL>${xmlText(`${ctx.settings.baseUrl}/oai`)}</baseURL>
<protocolVersion>2.0</protocolVersion>
<adminEmail>${xmlText(email)}</adminEmail>
<earliestDatestamp>${earliest ? secondsOf(earliest) : responseDateOf(ctx.now)}</earliestDatestamp>
<deletedRecord>persistent</deletedRecord>
<granularity>YYYY-MM-DDThh:mm:ssZ</granularity>
${description}</Identify>`,
  };
}

const formatXml = (prefix: MetadataPrefix): string =>
  `<metadataFormat><metadataPrefix>${prefix}</metadataPrefix><schema>${METADATA_FORMATS[prefix].schema}</schema><metadataNamespace>${METADATA_FORMATS[prefix].namespace}</metadataNamespace></metadataFormat>`;

/** The prefixes an item can be disseminated in: oai_dc always (§4.4), marc21 when its union record is MARC 21 (a UNIMARC record is not). */
const formatsOf = (c: OaiCluster): MetadataPrefix[] => (c.deleted || c.flavour === 'marc21' ? ['oai_dc', 'marc21'] : ['oai_dc']);

const noSuchItem = (identifier: string): Answer =>
  fail(oaiError('idDoesNotExist', `"${identifier.slice(0, 100)}" is not an identifier of this repository.`, `"${identifier.slice(0, 100)}" 不是本库的标识符。`));

async function itemOf(ctx: Context, identifier: string): Promise<OaiCluster | undefined> {
  const id = clusterIdOf(ctx.host, identifier);
  return id === undefined ? undefined : oaiCluster(ctx.db, id);
}

async function listMetadataFormats(ctx: Context, identifier: string | undefined): Promise<Answer> {
  if (identifier === undefined) return { xml: `<ListMetadataFormats>${formatXml('oai_dc')}${formatXml('marc21')}</ListMetadataFormats>` };
  const item = await itemOf(ctx, identifier);
  if (!item) return noSuchItem(identifier);
  return { xml: `<ListMetadataFormats>${formatsOf(item).map(formatXml).join('')}</ListMetadataFormats>` };
}

async function sets(ctx: Context): Promise<SetDirectory> {
  const { libraries, alliances } = await networkMap(ctx.db);
  return setDirectory(libraries, alliances);
}

async function listSets(ctx: Context): Promise<Answer> {
  const directory = await sets(ctx);
  const xml = directory.sets.map((s) => {
    const name = s.name.zh && s.name.en && s.name.zh !== s.name.en ? `${s.name.zh} / ${s.name.en}` : s.name.zh || s.name.en;
    // Both names again in a setDescription (oai_dc, §4.6), each marked with its language.
    const titles = [['zh', s.name.zh], ['en', s.name.en]].filter(([, v]) => v).map(([lang, v]) => `<dc:title xml:lang="${lang}">${xmlText(v!)}</dc:title>`).join('');
    return `<set><setSpec>${xmlText(s.spec)}</setSpec><setName>${xmlText(name)}</setName><setDescription><oai_dc:dc xmlns:oai_dc="${OAI_DC_NAMESPACE}" xmlns:dc="${DC_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${OAI_DC_NAMESPACE} ${OAI_DC_SCHEMA}">${titles}</oai_dc:dc></setDescription></set>`;
  });
  return { xml: `<ListSets>\n${xml.join('\n')}\n</ListSets>` };
}

const cannotDisseminate = (prefix: string): OaiError =>
  oaiError('cannotDisseminateFormat', `The metadata format "${prefix.slice(0, 60)}" is not available here (oai_dc, marc21).`, `不提供元数据格式 "${prefix.slice(0, 60)}"（可用：oai_dc、marc21）。`);

function metadataXml(prefix: MetadataPrefix, u: UnionRecord): string {
  if (prefix === 'oai_dc') return oaiDcXml(marcToDublinCore(u.record, u.flavour));
  return marcXmlRecord(u.record, [], { namespace: true, flavour: 'marc21' }).trimEnd();
}

async function getRecord(ctx: Context, identifier: string, prefix: string): Promise<Answer> {
  const item = await itemOf(ctx, identifier);
  if (!item) return noSuchItem(identifier);
  if (!isMetadataPrefix(prefix) || !formatsOf(item).includes(prefix)) {
    if (isMetadataPrefix(prefix)) return fail(oaiError('cannotDisseminateFormat', `This item's union record is UNIMARC, not MARC 21: ask for oai_dc.`, '该条目的联合记录为 UNIMARC，不是 MARC 21，请使用 oai_dc。'));
    return fail(cannotDisseminate(prefix));
  }
  const directory = await sets(ctx);
  const [union] = item.deleted ? [] : await unionRecords(ctx.db, [item.id]);
  const header = headerXml({ identifier, datestamp: item.datestamp, deleted: item.deleted || !union, setSpecs: directory.specsOf(item.libraryIds) });
  const metadata = union ? `<metadata>${metadataXml(prefix, union)}</metadata>` : '';
  return { xml: `<GetRecord><record>${header}${metadata}</record></GetRecord>` };
}

/** from/until as the half-open interval of datestamps they include (until covers its whole day or second). */
function interval(from: string | undefined, until: string | undefined): Pick<OaiClusterFilter, 'from' | 'before'> {
  const f = from === undefined ? undefined : parseOaiDate(from);
  const u = until === undefined ? undefined : parseOaiDate(until);
  return {
    ...(f ? { from: new Date(f.ms) } : {}),
    ...(u ? { before: new Date(u.ms + (u.granularity === 'day' ? 86_400_000 : 1000)) } : {}),
  };
}

const badToken = (): Answer =>
  fail(oaiError('badResumptionToken', 'The resumptionToken is not one this repository gave for this verb, or it was changed.', 'resumptionToken 不是本库为此动词发出的令牌，或已被改动。'));
const noRecords = (): Answer =>
  fail(oaiError('noRecordsMatch', 'No items match the from, until, set and metadataPrefix given.', '没有符合 from、until、set 与 metadataPrefix 的条目。'));

async function list(ctx: Context, req: Extract<OaiRequest, { verb: 'ListIdentifiers' | 'ListRecords' }>): Promise<Answer> {
  const verb = req.verb;
  let state: Omit<ListState, 'after'> & { after?: ListState['after'] };
  if (req.resumptionToken !== undefined) {
    const decoded = decodeToken(req.resumptionToken, verb, ctx.settings.secret);
    if (!decoded || !isMetadataPrefix(decoded.metadataPrefix)) return badToken();
    state = decoded;
  } else {
    if (!isMetadataPrefix(req.metadataPrefix)) return fail(cannotDisseminate(req.metadataPrefix));
    state = {
      verb, metadataPrefix: req.metadataPrefix, cursor: 0,
      ...(req.set !== undefined ? { set: req.set } : {}), ...(req.from ? { from: req.from.text } : {}), ...(req.until ? { until: req.until.text } : {}),
    };
  }
  const prefix = state.metadataPrefix as MetadataPrefix;
  const directory = await sets(ctx);
  let libraryIds: number[] | undefined;
  if (state.set !== undefined) {
    const set = directory.bySpec.get(state.set);
    if (!set) return noRecords();
    libraryIds = set.libraryIds;
  }
  const filter: OaiClusterFilter = {
    ...interval(state.from, state.until),
    ...(libraryIds ? { libraryIds } : {}),
    ...(prefix === 'marc21' ? { flavour: 'marc21' as const } : {}),
  };
  if (state.after === undefined) {
    const n = await oaiClusterCount(ctx.db, filter);
    if (n !== undefined) state.completeListSize = n;
  }
  const size = verb === 'ListRecords' ? (ctx.settings.pageSize ?? DEFAULT_PAGE_SIZE).records : (ctx.settings.pageSize ?? DEFAULT_PAGE_SIZE).identifiers;
  const page = await oaiClusterPage(ctx.db, filter, state.after, size + 1);
  const more = page.length > size;
  const items = page.slice(0, size);
  if (items.length === 0) return noRecords();

  const unions = verb === 'ListRecords' ? new Map((await unionRecords(ctx.db, items.filter((i) => !i.deleted).map((i) => i.id))).map((u) => [u.clusterId, u])) : undefined;
  const out: string[] = [];
  for (const item of items) {
    const union = unions?.get(item.id);
    // A cluster emptied between the page and its records reads as deleted: that is what it now is.
    const deleted = item.deleted || (unions !== undefined && !union);
    const header = headerXml({ identifier: oaiIdentifier(ctx.host, item.id), datestamp: item.datestamp, deleted, setSpecs: directory.specsOf(item.libraryIds) });
    if (verb === 'ListIdentifiers') out.push(header);
    else out.push(`<record>${header}${union && !deleted ? `<metadata>${metadataXml(prefix, union)}</metadata>` : ''}</record>`);
  }
  const sent = state.cursor + items.length;
  // A list that grew while it was harvested (items changed and came again at its end) is at least this long.
  const completeListSize = state.completeListSize === undefined ? undefined : Math.max(state.completeListSize, sent + (more ? 1 : 0));
  let token = '';
  if (more) {
    const last = items[items.length - 1]!;
    const next: ListState = { ...state, after: { datestamp: last.datestamp, id: last.id }, cursor: sent, ...(completeListSize !== undefined ? { completeListSize } : {}) };
    token = resumptionTokenXml(encodeToken(next, ctx.settings.secret), completeListSize, state.cursor);
  } else if (state.after !== undefined) {
    // §3.5: the last page of a resumed list has an empty token.
    token = resumptionTokenXml('', completeListSize, state.cursor);
  }
  return { xml: `<${verb}>\n${out.join('\n')}\n${token}</${verb}>` };
}
