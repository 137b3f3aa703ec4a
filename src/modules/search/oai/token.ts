import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Resumption tokens (OAI-PMH §3.5) that carry the whole state of a list, so that a harvest goes
 * on after the server restarts or another node answers: the list's arguments, the keyset
 * position after the last item sent (datestamp to the microsecond, cluster id), how many items
 * were sent (cursor) and the list's size when it began (completeListSize). Signed with an HMAC
 * of the application's secret: a harvester cannot forge a position or a filter, and a token cut
 * short or garbled is told from a real one (badResumptionToken).
 */
export interface ListState {
  verb: 'ListIdentifiers' | 'ListRecords';
  metadataPrefix: string;
  set?: string;
  /** The from/until arguments as given (their granularity matters for the answer). */
  from?: string;
  until?: string;
  /** The last item sent: its exact datestamp (ISO 8601, microseconds, UTC) and cluster id. */
  after: { datestamp: string; id: number };
  /** Items sent before the next page. */
  cursor: number;
  /** Unknown when counting the list took too long (the attribute is then left out). */
  completeListSize?: number;
}

const stateSchema = z.strictObject({
  v: z.literal(1),
  r: z.enum(['I', 'R']),
  p: z.string().min(1).max(64),
  s: z.string().min(1).max(300).optional(),
  f: z.string().max(30).optional(),
  u: z.string().max(30).optional(),
  a: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/),
  i: z.number().int().nonnegative(),
  c: z.number().int().nonnegative(),
  n: z.number().int().nonnegative().optional(),
});

const MAC_BYTES = 16;

const keyOf = (secret: string): Buffer => createHmac('sha256', secret).update('anylib oai-pmh resumption token v1').digest();
const mac = (key: Buffer, body: string): Buffer => createHmac('sha256', key).update(body).digest().subarray(0, MAC_BYTES);

/** The token for a list's next page (URL-safe: base64url, one dot). */
export function encodeToken(state: ListState, secret: string): string {
  const compact: z.infer<typeof stateSchema> = {
    v: 1, r: state.verb === 'ListRecords' ? 'R' : 'I', p: state.metadataPrefix,
    ...(state.set !== undefined ? { s: state.set } : {}), ...(state.from !== undefined ? { f: state.from } : {}), ...(state.until !== undefined ? { u: state.until } : {}),
    a: state.after.datestamp, i: state.after.id, c: state.cursor, ...(state.completeListSize !== undefined ? { n: state.completeListSize } : {}),
  };
  const body = Buffer.from(JSON.stringify(compact)).toString('base64url');
  return `${body}.${mac(keyOf(secret), body).toString('base64url')}`;
}

/** The state a token carries; undefined when it is not one of ours, was changed, or belongs to another verb. */
export function decodeToken(token: string, verb: ListState['verb'], secret: string): ListState | undefined {
  const m = /^([A-Za-z0-9_-]{1,1500})\.([A-Za-z0-9_-]{20,24})$/.exec(token);
  if (!m) return undefined;
  const [, body, signature] = m as unknown as [string, string, string];
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(keyOf(secret), body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = stateSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const s = parsed.data;
  if ((s.r === 'R') !== (verb === 'ListRecords')) return undefined;
  return {
    verb, metadataPrefix: s.p, ...(s.s !== undefined ? { set: s.s } : {}), ...(s.f !== undefined ? { from: s.f } : {}), ...(s.u !== undefined ? { until: s.u } : {}),
    after: { datestamp: s.a, id: s.i }, cursor: s.c, ...(s.n !== undefined ? { completeListSize: s.n } : {}),
  };
}
