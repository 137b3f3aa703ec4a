import type { Principal } from '../../platform/http/access.js';
import type { Locale } from '../../platform/i18n.js';

/** Who asks, from where, in which language: what a use case needs of the request besides its input. */
export interface RequestContext {
  actor: Principal | undefined;
  ip?: string;
  requestId?: string;
  locale: Locale;
}

/** The context of a request (routes). */
export function requestContext(req: { principal: Principal | undefined; ip: string; id: string; locale: Locale }): RequestContext {
  return { actor: req.principal, ip: req.ip, requestId: req.id, locale: req.locale };
}
