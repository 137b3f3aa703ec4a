/**
 * Model → XML text, following the version's schema tables (element order, occurrence limits,
 * types). What the version cannot carry (a 2021-only element in a 1.2 message, a second
 * loanCondition in 1.2, a region's scheme in 2021) is left out and listed in `dropped`; what would
 * make the message invalid (a required element missing, a status the version does not know, a date
 * that is not xs:dateTime) throws Iso18626WriteError: that is a bug of the caller, not of the peer.
 */
import { ISO18626_NAMESPACE } from './codes.js';
import { isAnyUri, readDateTime, readDecimal } from './lexical.js';
import type { ComplexType, Field, SimpleType } from './schema.js';

export class Iso18626WriteError extends Error {
  constructor(readonly path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.name = 'Iso18626WriteError';
  }
}

// Characters XML 1.0 cannot carry at all (§2.2): dropped rather than refusing a reader's note.
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text content; `\r` as a reference, or the reader would turn it into `\n` (§2.11). */
export const escapeText = (s: string): string =>
  s.replace(NOT_XML_CHAR, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
const escapeAttribute = (s: string): string => escapeText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');

export interface EncodeContext {
  version: string;
  dropped: string[];
}

type Line = string;

function encodeSimple(type: SimpleType, value: unknown, el: string, path: string, ctx: EncodeContext): Line {
  const fail = (why: string): never => {
    throw new Iso18626WriteError(path, why);
  };
  const element = (text: string, attrs = ''): string => (text === '' && !attrs ? `<${el}/>` : `<${el}${attrs}>${escapeText(text)}</${el}>`);
  switch (type.t) {
    case 'string':
      return typeof value === 'string' ? element(value) : fail('must be a string');
    case 'svp':
    case 'svpText': {
      const pair = value as { value?: unknown; scheme?: unknown } | undefined;
      if (!pair || typeof pair.value !== 'string') return fail('must be { value, scheme? }');
      const scheme = typeof pair.scheme === 'string' && pair.scheme !== '' ? pair.scheme : undefined;
      if (type.t === 'svpText') {
        if (scheme) ctx.dropped.push(`${path}/@scheme`);
        return element(pair.value);
      }
      if (scheme && !isAnyUri(scheme)) return fail(`scheme ${JSON.stringify(scheme)} is not a URI`);
      // attributeFormDefault="qualified": the scheme attribute is in the ISO 18626 namespace.
      return element(pair.value, scheme ? ` ill:scheme="${escapeAttribute(scheme)}"` : '');
    }
    case 'dateTime':
      return element((typeof value === 'string' ? readDateTime(value) : undefined) ?? fail(`${JSON.stringify(value)} is not an xs:dateTime`));
    case 'decimal':
      return element((typeof value === 'string' ? readDecimal(value) : undefined) ?? fail(`${JSON.stringify(value)} is not an xs:decimal`));
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || (type.min !== undefined && value < type.min)) {
        return fail(`${JSON.stringify(value)} is not an integer${type.min !== undefined ? ` ≥ ${type.min}` : ''}`);
      }
      return element(String(value));
    case 'boolean':
      return typeof value === 'boolean' ? element(String(value)) : fail('must be true or false');
    case 'enum':
      return typeof value === 'string' && type.values.includes(value)
        ? element(value)
        : fail(`${JSON.stringify(value)} is not one of ${type.values.join(', ')} (ISO 18626 version ${ctx.version})`);
  }
}

/** The lines of the element's children, or undefined when nothing at all would be written inside. */
export function encodeChildren(type: ComplexType, obj: Record<string, unknown>, path: string, ctx: EncodeContext, indent: string): Line[] {
  for (const key of Object.keys(obj)) {
    if (!type.keys.has(key) && key !== 'kind' && obj[key] !== undefined) ctx.dropped.push(`${path}/${key}`);
  }
  const lines: Line[] = [];
  const chosen = type.choice ? type.fields.filter((f) => obj[f.key] !== undefined) : [];
  if (type.choice && chosen.length !== 1) throw new Iso18626WriteError(path, `must hold exactly one of ${type.fields.map((f) => f.el).join(', ')}`);
  for (const field of type.fields) {
    lines.push(...encodeField(field, obj[field.key], `${path}/${field.el}`, ctx, indent, type.choice === true));
  }
  return lines;
}

function encodeField(field: Field, value: unknown, path: string, ctx: EncodeContext, indent: string, chosen = false): Line[] {
  let values: unknown[];
  if (value === undefined || value === null) values = [];
  else if (field.many) {
    if (!Array.isArray(value)) throw new Iso18626WriteError(path, 'must be a list');
    values = value;
  } else values = [value];
  if (values.length > field.max) {
    for (let i = field.max; i < values.length; i++) ctx.dropped.push(`${path}[${i + 1}]`);
    values = values.slice(0, field.max);
  }
  const lines: Line[] = [];
  for (const v of values) {
    if (field.type.t === 'complex') {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Iso18626WriteError(path, 'must be an object');
      const inner = encodeChildren(field.type, v as Record<string, unknown>, path, ctx, `${indent}  `);
      if (inner.length === 0) {
        if (field.min === 0 && !chosen) continue; // an empty optional element says nothing (and is read as absent)
        lines.push(`${indent}<${field.el}/>`);
      } else lines.push(`${indent}<${field.el}>`, ...inner, `${indent}</${field.el}>`);
    } else {
      lines.push(indent + encodeSimple(field.type, v, field.el, path, ctx));
    }
  }
  if (lines.length === 0 && field.emptyIfAbsent) return [`${indent}<${field.el}/>`];
  if (lines.length === 0 && field.min === 1) {
    throw new Iso18626WriteError(path, `is required in ISO 18626 version ${ctx.version}`);
  }
  return lines;
}

export const rootOpen = (versionAttribute: string): string =>
  `<ISO18626Message xmlns="${ISO18626_NAMESPACE}" xmlns:ill="${ISO18626_NAMESPACE}" ill:version="${escapeAttribute(versionAttribute)}">`;
