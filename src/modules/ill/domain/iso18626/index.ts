/** ISO 18626 messages: the model, the XML codec (2017 v1.2 and 2021), confirmations, agency ids, de-duplication keys. */
export * from './codes.js';
export type * from './types.js';
export { parseMessage, writeMessage, unrepresentable, versionOf, VERSION_ATTRIBUTE, type ParseResult, type ParseOptions, type PartialHeader } from './codec.js';
export { Iso18626WriteError } from './encode.js';
export { confirmationFor, confirmationForFailure, refuse, type Outcome } from './confirm.js';
export { agencyIdOfSymbol, symbolOfAgencyId } from './agency.js';
export { messageKey, messageKeyParts, type MessageKeyParts } from './message-key.js';
export { isoDateTime, readDateTime, dateTimeMillis } from './lexical.js';
export { DEFAULT_LIMITS as ISO18626_DEFAULT_LIMITS, type TreeLimits as Iso18626Limits } from './xml-tree.js';
