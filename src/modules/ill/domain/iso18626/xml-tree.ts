/**
 * Reads an ISO 18626 message into a small element tree with saxes (a streaming, non-validating
 * parser). ISO 18626 messages are a few kilobytes, so a tree is cheap and lets the decoder report
 * errors by path. Safety: a DOCTYPE is refused outright (no DTD, so no entity expansion and no
 * external entity can be reached: XXE and "billion laughs" both need one); saxes itself knows only
 * the five predefined entities and character references. Size, depth and element count are
 * bounded before any of it is held.
 */
import { TextDecoder } from 'node:util';
import { SaxesParser, type SaxesTagNS } from 'saxes';

export interface XmlElement {
  ns: string;
  local: string;
  /** Qualified name as written, for messages. */
  name: string;
  /** Attributes keyed by `{uri}local` (`local` alone when in no namespace). */
  attributes: Map<string, string>;
  children: XmlElement[];
  /** Character data directly inside the element (text and CDATA), joined. */
  text: string;
}

export interface TreeLimits {
  /** Bytes of the message (UTF-8). Default 1 MiB: the largest request seen is ~10 KB. */
  maxBytes: number;
  /** Nesting depth. The deepest element of the XSDs is at depth 7. */
  maxDepth: number;
  /** Elements in the message. */
  maxElements: number;
}

export const DEFAULT_LIMITS: TreeLimits = { maxBytes: 1024 * 1024, maxDepth: 32, maxElements: 20_000 };

/** Not well-formed, or refused for safety: answered with BadlyFormedMessage. */
export class XmlReadError extends Error {}

const attributeKey = (uri: string, local: string): string => (uri ? `{${uri}}${local}` : local);
export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';
export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

const DECLARED_ENCODING = /^<\?xml[^>]*\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

/**
 * Bytes to text (XML 1.0 §4.3.3, Appendix F): a UTF-16 byte order mark, else the encoding the XML
 * declaration names (ISO 18626 peers send UTF-8; GB18030/GBK and ISO-8859-1 are read too, the
 * encodings Chinese and older systems use), else UTF-8. Bytes that are not of the encoding are refused.
 */
export function decodeBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  const declared = DECLARED_ENCODING.exec(head)?.[1] ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared.toLowerCase(), { fatal: true });
  } catch {
    throw new XmlReadError(`encoding ${declared} is not supported; send UTF-8`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new XmlReadError(`the message is not valid ${declared.toUpperCase()} (ISO 18626 messages are sent as UTF-8)`);
  }
}

export function readTree(xml: string | Uint8Array, limits: TreeLimits = DEFAULT_LIMITS): XmlElement {
  const size = typeof xml === 'string' ? Buffer.byteLength(xml, 'utf8') : xml.byteLength;
  if (size > limits.maxBytes) throw new XmlReadError(`the message has ${size} bytes, more than the limit of ${limits.maxBytes}`);
  let text: string;
  if (typeof xml === 'string') text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  else {
    try {
      text = decodeBytes(xml);
    } catch (e) {
      throw e instanceof XmlReadError ? e : new XmlReadError('the message could not be decoded as text');
    }
  }
  if (text.trim() === '') throw new XmlReadError('the message is empty');

  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let count = 0;

  parser.on('doctype', () => {
    throw new XmlReadError('a DOCTYPE (DTD) is not allowed in an ISO 18626 message');
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (++count > limits.maxElements) throw new XmlReadError(`the message has more than ${limits.maxElements} elements`);
    if (stack.length >= limits.maxDepth) throw new XmlReadError(`elements are nested deeper than ${limits.maxDepth} levels`);
    const attributes = new Map<string, string>();
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === 'xmlns' || (a.prefix === '' && a.local === 'xmlns')) continue; // namespace declarations
      attributes.set(attributeKey(a.uri, a.local), a.value);
    }
    const element: XmlElement = { ns: tag.uri, local: tag.local, name: tag.name, attributes, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  const onText = (t: string): void => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    stack.pop();
  });

  try {
    parser.write(text).close();
  } catch (e) {
    if (e instanceof XmlReadError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    throw new XmlReadError(`not well-formed XML: ${message}`);
  }
  if (!root) throw new XmlReadError('the message has no root element');
  return root;
}
