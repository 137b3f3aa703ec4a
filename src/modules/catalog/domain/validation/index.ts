/**
 * Validation of records edited by cataloguers (issue 3, "Online cooperative cataloguing"):
 * leader, tags, indicators, subfield codes, required and non-repeatable fields, for MARC 21 and
 * UNIMARC/CNMARC. Pure; every problem names its place in the record.
 */
export { validateRecord, toMarcRecord, type EditedRecord, type EditedField, type ValidationProblem } from './validate.js';
export { validationMessages, type ValidationCode } from './messages.js';
export { rulesFor, type FormatRules } from './rules.js';
