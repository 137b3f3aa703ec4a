/**
 * A small OAI-PMH 2.0 repository for the harvest tests (issue 4's real provider does not exist
 * yet): records given by the test, real protocol behaviour (Identify, ListRecords with
 * metadataPrefix, set, from/until in the declared granularity, resumption tokens with cursor and
 * completeListSize, deleted records, the spec's error conditions), and faults on request
 * (a 503 with Retry-After, a dropped connection, expired tokens).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RepositoryRecord {
  identifier: string;
  /** `YYYY-MM-DDThh:mm:ssZ`. */
  datestamp: string;
  sets?: string[];
  deleted?: boolean;
  /** The metadata per prefix: a `<record>` of MARCXML, an `<oai_dc:dc>`. */
  metadata: Partial<Record<'marc21' | 'oai_dc', string>>;
}

/** status: an HTTP error; drop: the connection closed unanswered; cut: half the document; hang: no answer at all. */
export type Fault = { kind: 'status'; status: number; retryAfter?: string } | { kind: 'drop' } | { kind: 'cut' } | { kind: 'hang' };

export class OaiRepository {
  records: RepositoryRecord[] = [];
  readonly requests: Record<string, string>[] = [];
  /** Faults for the next requests, one each. */
  readonly faults: Fault[] = [];
  pageSize = 10;
  /** The metadata formats disseminated. */
  formats = ['marc21', 'oai_dc'];
  granularity: 'YYYY-MM-DD' | 'YYYY-MM-DDThh:mm:ssZ' = 'YYYY-MM-DDThh:mm:ssZ';
  /** Tokens carry it: bumping it makes every token given out so far bad (the repository restarted). */
  generation = 1;
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
      this.requests.push(query);
      const fault = this.faults.shift();
      if (fault?.kind === 'hang') return;
      if (fault?.kind === 'drop') {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'status') {
        res.writeHead(fault.status, { 'content-type': 'text/plain', ...(fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}) });
        res.end('Service Unavailable');
        return;
      }
      const body = this.answer(query);
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
      if (fault?.kind === 'cut') res.end(body.slice(0, Math.floor(body.length / 2)));
      else res.end(body);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/oai`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** The response document to a request (also used to check responses against the protocol). */
  answer(q: Record<string, string>): string {
    const request = `<request${Object.entries(q).map(([k, v]) => ` ${k}="${esc(v)}"`).join('')}>${esc(this.url)}</request>`;
    const wrap = (inner: string) =>
      `<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
      `xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">\n` +
      `<responseDate>${new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')}</responseDate>\n${inner}\n</OAI-PMH>\n`;
    const error = (code: string, text: string) => wrap(`<request>${esc(this.url)}</request>\n<error code="${code}">${esc(text)}</error>`);
    if (q.verb === 'Identify') {
      return wrap(`${request}\n<Identify><repositoryName>Anylib test repository</repositoryName><baseURL>${esc(this.url)}</baseURL>` +
        `<protocolVersion>2.0</protocolVersion><adminEmail>oai@example.org</adminEmail><earliestDatestamp>${this.granularity.length === 10 ? '2000-01-01' : '2000-01-01T00:00:00Z'}</earliestDatestamp>` +
        `<deletedRecord>persistent</deletedRecord><granularity>${this.granularity}</granularity></Identify>`);
    }
    if (q.verb === 'GetRecord') {
      const r = this.records.find((x) => x.identifier === q.identifier);
      if (!r) return error('idDoesNotExist', `${q.identifier} is not here`);
      if (!q.metadataPrefix || !this.formats.includes(q.metadataPrefix)) return error('cannotDisseminateFormat', `${q.metadataPrefix} is not disseminated`);
      return wrap(`${request}\n<GetRecord>${this.recordXml(r, q.metadataPrefix)}</GetRecord>`);
    }
    if (q.verb !== 'ListRecords') return error('badVerb', `verb ${q.verb ?? '(none)'} is not served here`);
    let args: { prefix: string; from?: string; until?: string; set?: string; offset: number };
    if (q.resumptionToken !== undefined) {
      if (Object.keys(q).length !== 2) return error('badArgument', 'resumptionToken is an exclusive argument');
      const [gen, offset, prefix, from, until, set] = q.resumptionToken.split('|');
      if (Number(gen) !== this.generation || prefix === undefined) return error('badResumptionToken', 'the token has expired');
      args = { prefix, offset: Number(offset), ...(from ? { from } : {}), ...(until ? { until } : {}), ...(set ? { set } : {}) };
    } else {
      if (!q.metadataPrefix) return error('badArgument', 'metadataPrefix is required');
      for (const k of ['from', 'until'] as const) {
        const v = q[k];
        const allowed = v === undefined || /^\d{4}-\d{2}-\d{2}$/.test(v) || (this.granularity.length > 10 && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(v));
        if (!allowed) {
          return error('badArgument', `${k} ${v} is not in the repository's granularity`);
        }
      }
      args = { prefix: q.metadataPrefix, offset: 0, ...(q.from ? { from: q.from } : {}), ...(q.until ? { until: q.until } : {}), ...(q.set ? { set: q.set } : {}) };
    }
    if (!this.formats.includes(args.prefix)) return error('cannotDisseminateFormat', `${args.prefix} is not disseminated`);
    // from/until compare in the granularity given (a day covers the whole day, §3.3.1).
    const from = args.from && (args.from.length === 10 ? `${args.from}T00:00:00Z` : args.from);
    const until = args.until && (args.until.length === 10 ? `${args.until}T23:59:59Z` : args.until);
    const list = this.records.filter((r) => (!from || r.datestamp >= from) && (!until || r.datestamp <= until) && (!args.set || r.sets?.includes(args.set)));
    if (list.length === 0) return error('noRecordsMatch', 'no records match');
    const page = list.slice(args.offset, args.offset + this.pageSize);
    const end = args.offset + page.length;
    const token = end < list.length ? [this.generation, end, args.prefix, args.from ?? '', args.until ?? '', args.set ?? ''].join('|') : '';
    const expires = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const resumption = args.offset > 0 || token
      ? `<resumptionToken${token ? ` expirationDate="${expires}"` : ''} completeListSize="${list.length}" cursor="${args.offset}">${esc(token)}</resumptionToken>`
      : '';
    const records = page.map((r) => this.recordXml(r, args.prefix));
    return wrap(`${request}\n<ListRecords>\n${records.join('\n')}\n${resumption}</ListRecords>`);
  }

  private recordXml(r: RepositoryRecord, prefix: string): string {
    const header = `<header${r.deleted ? ' status="deleted"' : ''}><identifier>${esc(r.identifier)}</identifier><datestamp>${this.granularity.length === 10 ? r.datestamp.slice(0, 10) : r.datestamp}</datestamp>` +
      `${(r.sets ?? []).map((s) => `<setSpec>${esc(s)}</setSpec>`).join('')}</header>`;
    return r.deleted ? `<record>${header}</record>` : `<record>${header}<metadata>${r.metadata[prefix as 'marc21' | 'oai_dc'] ?? ''}</metadata></record>`;
  }
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
