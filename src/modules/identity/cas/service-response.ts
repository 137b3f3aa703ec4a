/**
 * The CAS server's answer to ticket validation (Apereo CAS Protocol 3.0, §2.5 /serviceValidate
 * and §2.6 /p3/serviceValidate): `cas:serviceResponse` with either `cas:authenticationSuccess`
 * (the user, and in 3.0 `cas:attributes`) or `cas:authenticationFailure` with a code such as
 * INVALID_TICKET or INVALID_SERVICE. Pure.
 */
import { SaxesParser } from 'saxes';

export type ServiceResponse =
  | { ok: true; user: string; attributes: Record<string, string[]> }
  | { ok: false; code: string; message: string };

const CAS_NS = 'http://www.yale.edu/tp/cas';

export function parseServiceResponse(xml: string): ServiceResponse {
  if (/<!DOCTYPE/i.test(xml)) return { ok: false, code: 'MALFORMED', message: 'the answer has a DOCTYPE' };
  const parser = new SaxesParser({ xmlns: true });
  const path: string[] = [];
  let text = '';
  let user: string | undefined;
  let failure: { code: string; message: string } | undefined;
  let success = false;
  let root: string | undefined;
  // Object without prototype: attribute names come from the server.
  const attributes = Object.create(null) as Record<string, string[]>;
  try {
    parser.on('opentag', (tag) => {
      const name = tag.uri === CAS_NS ? `cas:${tag.local}` : tag.local;
      root ??= name;
      path.push(name);
      text = '';
      if (name === 'cas:authenticationSuccess') success = true;
      if (name === 'cas:authenticationFailure') failure = { code: String(tag.attributes.code?.value ?? 'UNKNOWN'), message: '' };
    });
    parser.on('text', (t) => {
      text += t;
    });
    parser.on('closetag', () => {
      const name = path.pop()!;
      const parent = path.at(-1);
      if (name === 'cas:user' && parent === 'cas:authenticationSuccess') user = text.trim();
      else if (parent === 'cas:attributes' && name.startsWith('cas:')) (attributes[name.slice(4)] ??= []).push(text.trim());
      else if (name === 'cas:authenticationFailure' && failure) failure.message = text.trim().slice(0, 300);
      text = '';
    });
    parser.write(xml).close();
  } catch (err) {
    return { ok: false, code: 'MALFORMED', message: `not well-formed XML: ${(err as Error).message.slice(0, 200)}` };
  }
  if (root !== 'cas:serviceResponse') return { ok: false, code: 'MALFORMED', message: 'no cas:serviceResponse' };
  if (failure) return { ok: false, ...failure };
  if (!success || !user) return { ok: false, code: 'MALFORMED', message: 'authenticationSuccess without cas:user' };
  return { ok: true, user, attributes };
}
