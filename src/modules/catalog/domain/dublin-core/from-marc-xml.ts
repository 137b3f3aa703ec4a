import { DC_ELEMENTS, type DcRecord } from './oai-dc.js';

/** The oai_dc container's namespace and schema (OAI-PMH 2.0 §6.2 requires this format of every repository). */
export const OAI_DC_NAMESPACE = 'http://www.openarchives.org/OAI/2.0/oai_dc/';
export const OAI_DC_SCHEMA = 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd';
/** The Dublin Core Metadata Element Set 1.1. */
export const DC_NAMESPACE = 'http://purl.org/dc/elements/1.1/';

/**
 * Text as XML 1.0 character data: markup escaped; what XML 1.0 cannot carry at all (C0 controls
 * but tab, LF, CR; lone surrogates; U+FFFE/U+FFFF — §2.2 Char) replaced by U+FFFD so that one bad
 * byte in a member's record never makes a whole OAI-PMH page unreadable.
 */
export function xmlText(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/** An attribute value between double quotes. */
export const xmlAttr = (s: string): string => xmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');

export interface OaiDcXmlOptions {
  /** Put before each element line (default two blanks); '' writes one line. */
  indent?: string;
  /** Declare xsi:schemaLocation on the element (default true, as OAI-PMH metadata should). */
  schemaLocation?: boolean;
}

/**
 * The `oai_dc:dc` element of a description (no XML declaration: it goes inside an OAI-PMH
 * `<metadata>` or an SRU `<recordData>`), elements in DCMES order, each value its own element.
 */
export function oaiDcXml(dc: DcRecord, options: OaiDcXmlOptions = {}): string {
  const indent = options.indent ?? '  ';
  const nl = indent === '' ? '' : '\n';
  const schema = options.schemaLocation === false ? '' : ` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${OAI_DC_NAMESPACE} ${OAI_DC_SCHEMA}"`;
  let xml = `<oai_dc:dc xmlns:oai_dc="${OAI_DC_NAMESPACE}" xmlns:dc="${DC_NAMESPACE}"${schema}>${nl}`;
  for (const element of DC_ELEMENTS) {
    for (const value of dc[element] ?? []) xml += `${indent}<dc:${element}>${xmlText(value)}</dc:${element}>${nl}`;
  }
  return `${xml}</oai_dc:dc>`;
}
