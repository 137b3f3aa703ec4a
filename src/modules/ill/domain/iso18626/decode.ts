/**
 * Element tree → model, checked against the version's schema tables (schema.ts). Errors carry the
 * ISO 18626 errorType (§ "errorData": UnrecognisedDataElement, UnrecognisedDataValue,
 * UnsupportedActionType, UnsupportedReasonForMessageType, BadlyFormedMessage) and a path.
 *
 * Tolerances (what real peers send that the XSD refuses; each seen in the shared samples from
 * ReShare / crosslink):
 * 1. element order inside a parent is not checked (2017 and 2021 differ in bibliographicItemId);
 * 2. an optional element with no content at all (`<subtitle/>`, `<answerYesNo></answerYesNo>`,
 *    `<offeredCosts/>`) counts as absent;
 * 3. the `scheme` attribute is read with or without the namespace prefix the XSD asks for
 *    (attributeFormDefault="qualified"); an empty scheme is no scheme;
 * 4. dateTime offsets without colon (`+0000`) are read (and normalised, see lexical.ts);
 * 5. multipleItemRequestId, required in the 2017 header, may be missing (1.0/1.1 peers never had it).
 * Everything we write is strict (written.test: xmllint against the official XSD).
 */
import type { ErrorType } from './codes.js';
import { ISO18626_NAMESPACE } from './codes.js';
import { isAnyUri, readBoolean, readDateTime, readDecimal, readInteger } from './lexical.js';
import type { ComplexType, Field, SimpleType } from './schema.js';
import { XML_NAMESPACE, XSI_NAMESPACE, type XmlElement } from './xml-tree.js';

export class DecodeError extends Error {
  constructor(readonly errorType: ErrorType, readonly errorValue: string) {
    super(errorValue);
  }
}

const MAX_VALUE_IN_ERROR = 200;
const shown = (value: string): string => (value.length > MAX_VALUE_IN_ERROR ? `${value.slice(0, MAX_VALUE_IN_ERROR)}…` : value);

/** No text (beyond white space), no child element, no attribute with a value: "absent" (tolerance 2). */
const isEmpty = (e: XmlElement): boolean =>
  e.children.length === 0 && e.text.trim() === '' && [...e.attributes.values()].every((v) => v === '');

const SCHEME_KEYS = [`{${ISO18626_NAMESPACE}}scheme`, 'scheme'];

function checkAttributes(e: XmlElement, path: string, allowScheme: boolean): void {
  for (const key of e.attributes.keys()) {
    if (key.startsWith(`{${XSI_NAMESPACE}}`) || key.startsWith(`{${XML_NAMESPACE}}`)) continue;
    if (allowScheme && SCHEME_KEYS.includes(key)) continue;
    throw new DecodeError('UnrecognisedDataElement', `${path}/@${key.replace(`{${ISO18626_NAMESPACE}}`, '')}`);
  }
}

function decodeSimple(type: SimpleType, e: XmlElement, path: string): unknown {
  if (e.children.length > 0) throw new DecodeError('BadlyFormedMessage', `${path} must hold text, not the element ${e.children[0]!.name}`);
  checkAttributes(e, path, type.t === 'svp');
  const text = e.text;
  const bad = (): never => {
    throw new DecodeError('UnrecognisedDataValue', `${path}: ${JSON.stringify(shown(text))}`);
  };
  switch (type.t) {
    case 'string':
      return text;
    case 'svpText':
      return { value: text };
    case 'svp': {
      const scheme = SCHEME_KEYS.map((k) => e.attributes.get(k)).find((v) => v !== undefined && v !== '');
      if (scheme !== undefined && !isAnyUri(scheme)) throw new DecodeError('UnrecognisedDataValue', `${path}/@scheme: ${JSON.stringify(shown(scheme))} is not a URI`);
      return scheme === undefined ? { value: text } : { value: text, scheme };
    }
    case 'dateTime':
      return readDateTime(text) ?? bad();
    case 'decimal':
      return readDecimal(text) ?? bad();
    case 'integer':
      return readInteger(text, type.min) ?? bad();
    case 'boolean':
      return readBoolean(text) ?? bad();
    case 'enum': {
      const value = text.trim();
      if (type.values.includes(value)) return value;
      // The action or reason itself is the errorValue: that is what the peer needs to see.
      if (type.errorType !== 'UnrecognisedDataValue') throw new DecodeError(type.errorType, value === '' ? `${path}: ""` : shown(value));
      return bad();
    }
  }
}

export function decodeComplex(type: ComplexType, e: XmlElement, path: string): Record<string, unknown> {
  checkAttributes(e, path, false);
  if (e.text.trim() !== '') throw new DecodeError('BadlyFormedMessage', `${path} holds text ${JSON.stringify(shown(e.text.trim()))} where only elements may be`);
  const groups = new Map<Field, XmlElement[]>();
  for (const child of e.children) {
    const field = child.ns === ISO18626_NAMESPACE ? type.byElement.get(child.local) : undefined;
    if (!field) {
      const name = child.ns === ISO18626_NAMESPACE ? child.local : child.ns ? `{${child.ns}}${child.local}` : child.local;
      throw new DecodeError('UnrecognisedDataElement', `${path}/${name}`);
    }
    const list = groups.get(field) ?? [];
    list.push(child);
    groups.set(field, list);
  }
  const out: Record<string, unknown> = {};
  for (const field of type.fields) {
    const fieldPath = `${path}/${field.el}`;
    const all = groups.get(field) ?? [];
    // In a choice (address) the element present is the choice made, even when empty.
    const optional = field.min === 0 && !type.choice;
    const elements = optional ? all.filter((c) => !isEmpty(c)) : all;
    if (elements.length > field.max) {
      throw new DecodeError('BadlyFormedMessage', `${fieldPath} occurs ${elements.length} times, at most ${field.max} allowed`);
    }
    if (elements.length === 0) {
      if (field.min === 1) throw new DecodeError('BadlyFormedMessage', `${fieldPath} is missing`);
      continue;
    }
    const values = elements
      .map((c, i) =>
        field.type.t === 'complex'
          ? decodeComplex(field.type, c, field.many && elements.length > 1 ? `${fieldPath}[${i + 1}]` : fieldPath)
          : decodeSimple(field.type, c, fieldPath))
      // An optional group whose children were all empty says nothing either (tolerance 2).
      .filter((v) => !(optional && field.type.t === 'complex' && Object.keys(v as object).length === 0));
    if (values.length === 0) continue;
    out[field.key] = field.many ? values : values[0];
  }
  if (type.choice) {
    const chosen = type.fields.filter((f) => out[f.key] !== undefined);
    if (chosen.length !== 1) {
      throw new DecodeError('BadlyFormedMessage', `${path} must hold exactly one of ${type.fields.map((f) => f.el).join(', ')}`);
    }
  }
  return out;
}
