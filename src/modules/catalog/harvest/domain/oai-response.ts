import { SaxesParser, type SaxesTagPlain } from 'saxes';

/** The header of a record in ListRecords or GetRecord (OAI-PMH 2.0 §2.5). */
export interface OaiHeader {
  identifier: string;
  datestamp: string;
  setSpecs: string[];
  /** `status="deleted"`: the record was withdrawn; it comes without metadata. */
  deleted: boolean;
}

/** A record of a response page: its header and, unless deleted, the XML inside `<metadata>`. */
export interface OaiRecord {
  header: OaiHeader;
  /** The one element inside `<metadata>` as XML text (a MARCXML record, an `oai_dc:dc`). */
  metadata?: string;
}

/** `<resumptionToken>` (§3.5): an empty token ends the list; the attributes tell how far the list has come. */
export interface ResumptionToken {
  token: string;
  expirationDate?: string;
  cursor?: number;
  completeListSize?: number;
}

/** An OAI-PMH error condition (§3.6), e.g. `noRecordsMatch`, `badResumptionToken`. */
export interface OaiError {
  code: string;
  message: string;
}

/** What Identify says about the repository (§4.2). */
export interface OaiIdentify {
  repositoryName?: string;
  baseURL?: string;
  protocolVersion?: string;
  earliestDatestamp?: string;
  /** `no`, `persistent` or `transient`. */
  deletedRecord?: string;
  granularity?: string;
  adminEmails: string[];
}

/** One response page, read whole except the records, which were handed on as they came. */
export interface OaiPage {
  responseDate?: string;
  errors: OaiError[];
  identify?: OaiIdentify;
  /** Present when the list has a `<resumptionToken>` element (empty token: the list is complete). */
  resumptionToken?: ResumptionToken;
  recordCount: number;
  /** Set when the document was not well-formed XML (a response cut short): worth asking again. */
  malformed?: string;
}

const IDENTIFY_FIELDS = new Set(['repositoryName', 'baseURL', 'protocolVersion', 'earliestDatestamp', 'deletedRecord', 'granularity', 'adminEmail']);

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);
const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (s: string): string => escapeText(s).replace(/"/g, '&quot;');

/**
 * Reads an OAI-PMH response as it streams in (SAX), one chunk of text at a time: each record is
 * handed to `onRecord` when its `</record>` is read, so a page of a thousand MARC records is never
 * held as a document. The metadata element is written back as XML text for the format's reader
 * (MARCXML or oai_dc), prefixes and all; namespace declarations outside it are not needed by them.
 */
export class OaiResponseReader {
  private readonly parser = new SaxesParser({ position: false });
  private readonly path: string[] = [];
  private readonly page: OaiPage = { errors: [], recordCount: 0 };
  private text = '';
  private record: { header: OaiHeader; metadata?: string } | undefined;
  /** Depth of the `<metadata>` element in `path` while inside it. */
  private metadataDepth = -1;
  private metadata = '';
  private attributes: Record<string, string> = {};
  private sawRoot = false;

  constructor(private readonly onRecord: (r: OaiRecord) => void) {
    const p = this.parser;
    p.on('opentag', (tag) => this.open(tag as SaxesTagPlain));
    p.on('text', (t) => this.characters(t));
    p.on('cdata', (t) => this.characters(t));
    p.on('closetag', (tag) => this.close(tag as SaxesTagPlain));
    p.on('error', (e) => {
      this.page.malformed ??= e.message;
    });
  }

  write(chunk: string): void {
    if (this.page.malformed === undefined) this.parser.write(chunk);
  }

  end(): OaiPage {
    if (this.page.malformed === undefined) this.parser.close();
    if (!this.sawRoot) this.page.malformed ??= 'the response holds no OAI-PMH document';
    return this.page;
  }

  private open(tag: SaxesTagPlain): void {
    const name = localName(tag.name);
    if (this.metadataDepth >= 0) {
      this.metadata += `<${tag.name}${Object.entries(tag.attributes).map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join('')}>`;
      this.path.push(name);
      return;
    }
    if (this.path.length === 0) {
      if (name !== 'OAI-PMH') this.page.malformed ??= `the document is <${tag.name}>, not <OAI-PMH>`;
      this.sawRoot = true;
    }
    this.path.push(name);
    this.text = '';
    this.attributes = tag.attributes;
    const parent = this.path[this.path.length - 2];
    if (name === 'record' && (parent === 'ListRecords' || parent === 'GetRecord')) {
      this.record = { header: { identifier: '', datestamp: '', setSpecs: [], deleted: false } };
    } else if (name === 'header' && this.record) {
      this.record.header.deleted = tag.attributes.status === 'deleted';
    } else if (name === 'metadata' && this.record) {
      this.metadataDepth = this.path.length;
      this.metadata = '';
    } else if (name === 'Identify' && this.path.length === 2) {
      this.page.identify = { adminEmails: [] };
    }
  }

  private characters(t: string): void {
    if (this.metadataDepth >= 0) this.metadata += escapeText(t);
    else this.text += t;
  }

  private close(tag: SaxesTagPlain): void {
    const name = this.path.pop() ?? localName(tag.name);
    if (this.metadataDepth >= 0) {
      if (this.path.length >= this.metadataDepth) {
        this.metadata += `</${tag.name}>`;
        return;
      }
      this.metadataDepth = -1;
      if (this.record) this.record.metadata = this.metadata.trim();
      return;
    }
    const text = this.text.trim();
    const parent = this.path[this.path.length - 1];
    const r = this.record;
    if (r && parent === 'header') {
      if (name === 'identifier') r.header.identifier = text;
      else if (name === 'datestamp') r.header.datestamp = text;
      else if (name === 'setSpec') r.header.setSpecs.push(text);
    } else if (r && name === 'record') {
      this.record = undefined;
      this.page.recordCount++;
      this.onRecord(r.metadata === undefined ? { header: r.header } : { header: r.header, metadata: r.metadata });
    } else if (name === 'responseDate' && this.path.length === 1) {
      this.page.responseDate = text;
    } else if (name === 'error' && this.path.length === 1) {
      this.page.errors.push({ code: this.attributes.code ?? 'unknown', message: text });
    } else if (name === 'resumptionToken') {
      const a = this.attributes;
      this.page.resumptionToken = {
        token: text,
        ...(a.expirationDate ? { expirationDate: a.expirationDate } : {}),
        ...(a.cursor && /^\d+$/.test(a.cursor) ? { cursor: Number(a.cursor) } : {}),
        ...(a.completeListSize && /^\d+$/.test(a.completeListSize) ? { completeListSize: Number(a.completeListSize) } : {}),
      };
    } else if (parent === 'Identify' && this.page.identify && IDENTIFY_FIELDS.has(name)) {
      if (name === 'adminEmail') this.page.identify.adminEmails.push(text);
      else this.page.identify[name as Exclude<keyof OaiIdentify, 'adminEmails'>] = text;
    }
    this.text = '';
  }
}

/** Reads a whole response held in memory (tests, small responses). */
export function readOaiResponse(xml: string): { page: OaiPage; records: OaiRecord[] } {
  const records: OaiRecord[] = [];
  const reader = new OaiResponseReader((r) => records.push(r));
  reader.write(xml);
  return { page: reader.end(), records };
}
