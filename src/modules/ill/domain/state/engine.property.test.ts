import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { illMessages } from '../messages.js';
import { nextState } from './engine.js';
import { requesterMachine } from './requester.js';
import { supplierMachine } from './supplier.js';
import type { IllContext, IllEvent, Machine } from './types.js';
import { isoActions, isoStatuses, only2021, reasonsForMessage, requestTypes } from './vocabulary.js';

const machines = [requesterMachine, supplierMachine] as Machine[];
const actionNames = [...new Set(machines.flatMap((m) => m.transitions.flatMap((t) => ('actors' in t.on ? [t.on.action] : []))))];

const event: fc.Arbitrary<IllEvent> = fc.oneof(
  fc.record({
    kind: fc.constant('action' as const),
    action: fc.constantFrom(...actionNames, 'teleport'),
    actor: fc.constantFrom('staff' as const, 'reader' as const, 'system' as const),
    params: fc.record({ dueDate: fc.constantFrom('2027-04-01', 'soon'), note: fc.string(), reasonUnfilled: fc.constant('NotOnShelf'), forwardTo: fc.constant('CN-X') }, { requiredKeys: [] }),
  }),
  fc.record({
    kind: fc.constant('message' as const),
    message: fc.constant('supplyingAgencyMessage' as const),
    reasonForMessage: fc.constantFrom(...reasonsForMessage),
    status: fc.constantFrom(...isoStatuses),
    answerYesNo: fc.constantFrom('Y' as const, 'N' as const),
  }),
  fc.record({ kind: fc.constant('message' as const), message: fc.constant('requestingAgencyMessage' as const), action: fc.constantFrom(...isoActions) }),
  fc.record({ kind: fc.constant('message' as const), message: fc.constant('request' as const), requestType: fc.constantFrom(...requestTypes) }),
);

const context: fc.Arbitrary<IllContext> = fc.record({
  service: fc.constantFrom('loan' as const, 'copy' as const, 'either' as const),
  peerVersion: fc.constantFrom('1.2' as const, '2021' as const),
  now: fc.constant('2027-03-10T02:00:00Z'),
  dueDate: fc.option(fc.constantFrom('2027-03-01', '2027-04-01'), { nil: undefined }),
  eligible: fc.boolean(),
  hasNextLender: fc.boolean(),
  upperTier: fc.boolean(),
  returnHeld: fc.boolean(),
  copyUploaded: fc.boolean(),
  stale: fc.boolean(),
});

describe('the machines under any sequence of events', () => {
  it.each(machines)('the $role machine always answers: a known state, or a refusal with a known code; never a 2021 message to a 2017 peer', (machine) => {
    fc.assert(
      fc.property(context, fc.array(event, { maxLength: 30 }), fc.constantFrom(...machine.states), (ctx, events, start) => {
        let state = start;
        for (const e of events) {
          const r = nextState(machine, state, e, ctx);
          if (!r.ok) {
            expect(illMessages).toHaveProperty(r.reason.code);
            continue;
          }
          expect(machine.states).toContain(r.state);
          if (ctx.peerVersion === '1.2') {
            for (const eff of r.effects) {
              if (eff.type === 'send-supplying-agency-message') expect(only2021.statuses.has(eff.status)).toBe(false);
              if (eff.type === 'send-requesting-agency-message') expect(only2021.actions.has(eff.action)).toBe(false);
            }
          }
          if (r.undoable) expect(r.effects).toEqual([]);
          state = r.state;
        }
      }),
      { numRuns: 500 },
    );
  });
});
