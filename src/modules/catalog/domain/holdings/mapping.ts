/** Validation of a library's item mapping (catalog profile API and import settings). */
import { z } from 'zod';
import { ITEM_PROFILE_NAMES, ITEM_STATUSES } from './types.js';

const subfieldCode = z.string().regex(/^[a-z0-9]$/i, 'a subfield code is one letter or digit');
const codes = z.array(subfieldCode).min(1).max(10);

export const itemStatusSchema = z.enum(ITEM_STATUSES);
export const itemProfileNameSchema = z.enum(ITEM_PROFILE_NAMES);

/**
 * Per-library overrides. `statusMap` keys are the library's status codes as exported ("m",
 * "Checked out"), or "$<subfield>=<value>" for one subfield's value ("$7=2", "$4=1").
 */
export const itemMappingSchema = z.strictObject({
  // A data field's tag: 010–999, or an alphabetic local tag such as Aleph's Z30.
  tag: z.string().regex(/^(0[1-9][0-9]|[1-9][0-9]{2}|[A-Z][A-Z0-9]{2})$/i, 'a data field tag: 010–999 or three letters and digits such as Z30').optional(),
  barcode: codes.optional(),
  location: codes.optional(),
  callNumber: codes.optional(),
  materialType: codes.optional(),
  status: codes.optional(),
  dueDate: codes.optional(),
  statusMap: z.record(z.string().min(1).max(100), itemStatusSchema).optional(),
});
