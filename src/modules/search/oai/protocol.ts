/**
 * OAI-PMH 2.0 (http://www.openarchives.org/OAI/openarchivesprotocol.html): the verbs, error codes
 * and the texts Anylib sends with its errors, in both languages.
 */
import type { Localized } from '../../../platform/i18n.js';

export const OAI_NAMESPACE = 'http://www.openarchives.org/OAI/2.0/';
export const OAI_SCHEMA = 'http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd';
export const MARC21_SCHEMA = 'http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd';

export const VERBS = ['Identify', 'ListMetadataFormats', 'ListSets', 'ListIdentifiers', 'ListRecords', 'GetRecord'] as const;
export type Verb = (typeof VERBS)[number];

/** §3.6 error codes. */
export const ERROR_CODES = [
  'badArgument', 'badResumptionToken', 'badVerb', 'cannotDisseminateFormat', 'idDoesNotExist',
  'noRecordsMatch', 'noMetadataFormats', 'noSetHierarchy',
] as const;
export type OaiErrorCode = (typeof ERROR_CODES)[number];

/** An OAI-PMH error condition (§3.6): a code and what exactly was wrong. */
export interface OaiError {
  code: OaiErrorCode;
  message: Localized;
}

export const oaiError = (code: OaiErrorCode, en: string, zh: string): OaiError => ({ code, message: { en, 'zh-CN': zh } });

/** A date argument (from/until): its granularity and the instant it names. */
export interface OaiDate {
  granularity: 'day' | 'seconds';
  /** The argument as given. */
  text: string;
  /** Milliseconds since the epoch (UTC) of its start. */
  ms: number;
}

/** A request whose arguments are legal for its verb (§3.1, §4). */
export type OaiRequest =
  | { verb: 'Identify' }
  | { verb: 'ListMetadataFormats'; identifier?: string }
  | { verb: 'ListSets'; resumptionToken?: string }
  | { verb: 'GetRecord'; identifier: string; metadataPrefix: string }
  | ({ verb: 'ListIdentifiers' | 'ListRecords' } & (
      | { resumptionToken: string }
      | { resumptionToken?: undefined; metadataPrefix: string; from?: OaiDate; until?: OaiDate; set?: string }
    ));

/** The metadata formats disseminated (§4.4): oai_dc, which every repository must, and MARC 21 in MARCXML. */
export const METADATA_FORMATS = {
  oai_dc: { schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd', namespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/' },
  marc21: { schema: MARC21_SCHEMA, namespace: 'http://www.loc.gov/MARC21/slim' },
} as const;
export type MetadataPrefix = keyof typeof METADATA_FORMATS;
export const isMetadataPrefix = (p: string): p is MetadataPrefix => Object.hasOwn(METADATA_FORMATS, p);
