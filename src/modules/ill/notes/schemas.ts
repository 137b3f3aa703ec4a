import { z } from 'zod';

export const deskItemParams = z.strictObject({ id: z.coerce.number().int().positive() });
export const messageParams = z.strictObject({ id: z.coerce.number().int().positive(), messageId: z.coerce.number().int().positive() });

export const messageSummary = z.object({
  id: z.number().int(),
  supplyId: z.number().int().nullable().describe('the lending request the message belongs to'),
  direction: z.enum(['to-lender', 'to-borrower']),
  type: z.string().describe('request, supplyingAgencyMessage, requestingAgencyMessage, or a confirmation of one'),
  version: z.string().describe('ISO 18626 version written: 1.2 or 2021'),
  status: z.string().nullable().describe('StatusInfo/Status (or a confirmation’s MessageStatus)'),
  reason: z.string().nullable().describe('ReasonForMessage, ReasonUnfilled, ReasonRetry, Action, or a confirmation’s error'),
  outcome: z.string().nullable().describe('a confirmation: OK or ERROR'),
  transport: z.string().describe('in-process, http-in or http-out'),
  peer: z.string().nullable(),
  at: z.date(),
});
export const messageList = z.object({ items: z.array(messageSummary) });
export const messageWithXml = messageSummary.extend({ xml: z.string().describe('the message as written or received') });

export const noteView = z.object({
  id: z.number().int(),
  library: z.string().describe('the desk’s library that wrote it'),
  author: z.string(),
  text: z.string().describe('empty once the retention blanked it (the request ended long ago)'),
  at: z.date(),
});
export const noteList = z.object({ items: z.array(noteView) });
export const newNoteBody = z.strictObject({
  text: z.string().trim().min(1).max(4000),
  key: z
    .string()
    .regex(/^[\w-]{8,100}$/, 'letters, digits, _ and -, 8 to 100')
    .optional()
    .describe('the desk’s own key of the note: the same note sent again (a retry) is written once'),
});
