// ISO 18626 messages (iso18626/): the codec and its helpers by name; every code list and element type under `iso18626`.
export * as iso18626 from './iso18626/index.js';
export {
  parseMessage, writeMessage, unrepresentable, confirmationFor, confirmationForFailure, refuse, agencyIdOfSymbol, symbolOfAgencyId,
  messageKey, messageKeyParts, Iso18626WriteError, ISO18626_NAMESPACE,
  type Iso18626Message, type Iso18626Version, type ParseResult, type Outcome, type MessageKind,
} from './iso18626/index.js';

// State machines, rota, eligibility and the messages table (state/, rota/, eligibility.ts, messages.ts).
export * from './state/index.js';
export * from './rota/index.js';
export { checkEligibility, type Eligibility, type EligibilityInput, type EligibilityReason, type ReaderCategoryRules } from './eligibility.js';
export { illMessage, illMessages, stateLabels, actionLabels, regionNames, type IllMessageCode, type NameResolver } from './messages.js';
export { addWorkingDays, isPastDue, isStale, isWorkingDay, workingDaysBetween, type ClosedDays } from './working-days.js';
