/**
 * Dublin Core for the catalogue: oai_dc descriptions (harvested, or of a library's featured
 * self-built collections) read and crosswalked to MARC 21, so they go through the same
 * normalisation, matching and clustering as every other member record.
 */
export { DC_ELEMENTS, readOaiDc, type DcElement, type DcRecord } from './oai-dc.js';
export { dcToMarc, type CrosswalkOptions } from './crosswalk.js';
export { identifierFields, isbnChecks } from './identifiers.js';
export { marcLanguage, typeCoding, type TypeCoding } from './vocabularies.js';
export { marcToDublinCore } from './from-marc.js';
export { DC_NAMESPACE, OAI_DC_NAMESPACE, OAI_DC_SCHEMA, oaiDcXml, xmlAttr, xmlText, type OaiDcXmlOptions } from './from-marc-xml.js';
