/**
 * The OAI-PMH response document (§3.2): the OAI-PMH root with its schema location, responseDate,
 * the request echoed, then the verb's element or the errors. Elements in the order the schema's
 * sequences require.
 */
import { xmlAttr, xmlText } from '../../catalog/index.js';
import { OAI_NAMESPACE, OAI_SCHEMA, type OaiError } from './protocol.js';
import type { Locale } from '../../../platform/i18n.js';

/** A datestamp in the repository's granularity, YYYY-MM-DDThh:mm:ssZ (§3.3.1): an exact ISO instant cut to the second. */
export const secondsOf = (iso: string): string => `${iso.slice(0, 19)}Z`;

/** The current time as responseDate wants it (UTC, seconds). */
export const responseDateOf = (now: Date): string => secondsOf(now.toISOString());

/**
 * The whole document. `echo` is the request's arguments (§3.2: none on badVerb and badArgument,
 * so the caller passes undefined then).
 */
export function oaiDocument(now: Date, baseUrl: string, echo: Record<string, string> | undefined, body: string): string {
  const attrs = echo ? Object.entries(echo).map(([k, v]) => ` ${k}="${xmlAttr(v)}"`).join('') : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="${OAI_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${OAI_NAMESPACE} ${OAI_SCHEMA}">
<responseDate>${responseDateOf(now)}</responseDate>
<request${attrs}>${xmlText(baseUrl)}</request>
${body}
</OAI-PMH>
`;
}

export const errorsXml = (errors: readonly OaiError[], locale: Locale): string =>
  errors.map((e) => `<error code="${e.code}">${xmlText(e.message[locale])}</error>`).join('\n');

export interface HeaderItem {
  identifier: string;
  datestamp: string;
  deleted: boolean;
  setSpecs: readonly string[];
}

export const headerXml = (h: HeaderItem): string =>
  `<header${h.deleted ? ' status="deleted"' : ''}><identifier>${xmlText(h.identifier)}</identifier><datestamp>${secondsOf(h.datestamp)}</datestamp>${h.setSpecs
    .map((s) => `<setSpec>${xmlText(s)}</setSpec>`)
    .join('')}</header>`;

/** §3.5: on every page of an incomplete list, and empty (but with its attributes) on the last one. */
export const resumptionTokenXml = (token: string, completeListSize: number | undefined, cursor: number): string =>
  `<resumptionToken${completeListSize === undefined ? '' : ` completeListSize="${completeListSize}"`} cursor="${cursor}">${xmlText(token)}</resumptionToken>`;
