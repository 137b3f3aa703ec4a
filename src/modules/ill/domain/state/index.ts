// The ILL state machines (issue 5): data, the engine that runs them, history and undo, diagrams.
export type {
  Role, ServicePath, Actor as IllActor, Reason as IllReason, ActionEvent, ActionParams, MessageEvent, IllEvent, Effect, ReaderNotice, StaffNotice, Flag,
  StepResult, IllContext, Trigger, EffectTemplate, Transition, Machine, GuardName,
} from './types.js';
export { requesterMachine, requesterStates, type RequesterState } from './requester.js';
export { loanDueDateSet, supplierMachine, supplierStates, type SupplierState } from './supplier.js';
export { nextState, availableActions, statusOf, type AvailableAction } from './engine.js';
export { appendStep, currentState, undo, type History, type HistoryEntry } from './history.js';
export { renderMermaid, anyStateTransitions } from './mermaid.js';
export { only2021 } from './vocabulary.js';
