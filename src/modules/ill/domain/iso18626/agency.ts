/**
 * Library symbols ⇄ ISO 18626 agency ids (INTERFACES.md "Library symbols": "ISO 18626 agency ids
 * use the symbol's two parts as agencyIdType and agencyIdValue").
 *
 * - An alliance code `CALIS:211010` splits at the colon: agencyIdType `CALIS`, agencyIdValue `211010`.
 * - An ISIL `CN-123456` (ISO 15511: a prefix of 1–4 characters, a hyphen, the library's part) is
 *   one identifier whose two parts are its scheme and itself: agencyIdType `ISIL`, agencyIdValue
 *   `CN-123456`. That is how the standard's own code list, ReShare and every sample send an ISIL;
 *   splitting it into `CN` and `123456` would give a type no peer knows (CN is the ISIL's country
 *   prefix, not a scheme).
 */
import type { AgencyId } from './types.js';

const ISIL = /^[A-Za-z0-9]{1,4}-[A-Za-z0-9:/-]{1,11}$/;
const ALLIANCE = /^([A-Za-z][A-Za-z0-9_.-]*):(.+)$/;

/** The agency id of one of our symbols; RangeError when the text is neither an ISIL nor `PREFIX:code`. */
export function agencyIdOfSymbol(symbol: string): AgencyId {
  const s = symbol.trim();
  if (ISIL.test(s)) return { agencyIdType: { value: 'ISIL' }, agencyIdValue: s };
  const m = ALLIANCE.exec(s);
  if (m) return { agencyIdType: { value: m[1]! }, agencyIdValue: m[2]! };
  throw new RangeError(`${JSON.stringify(symbol)} is not a library symbol (an ISIL such as CN-123456, or PREFIX:code such as CALIS:211010)`);
}

/** The symbol an agency id names: the ISIL itself, else `TYPE:VALUE`. The scheme attribute plays no part. */
export function symbolOfAgencyId(id: AgencyId): string {
  const type = id.agencyIdType.value.trim();
  const value = id.agencyIdValue.trim();
  return type.toUpperCase() === 'ISIL' ? value : `${type}:${value}`;
}
