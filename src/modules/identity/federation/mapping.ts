/**
 * From the claims an OpenID provider vouches for to an Anylib reader (issue 6): pure, no I/O.
 * Which claim is the stable id, the e-mail, the name; the reader category from a claim's values;
 * staff permissions from rules on claims. A claim may be a string, a number, a boolean or an
 * array of them (eduPersonAffiliation and `groups` are multi-valued).
 */
import type { Permission } from '../../../platform/http/access.js';

export const readerCategories = ['student', 'teacher', 'staff', 'external'] as const;
export type ReaderCategory = (typeof readerCategories)[number];

export interface ClaimsMapping {
  /** The stable user id (default `sub`); OpenID Connect Core §5.7: only `sub` (with `iss`) is guaranteed stable. */
  subject: string;
  email?: string;
  displayName?: string;
  category?: {
    claim: string;
    /** A claim value → a category, e.g. `{ "student": "student", "faculty": "teacher" }`. */
    values: Record<string, ReaderCategory>;
    /** When no value matches (or the claim is absent); without it the sign-in is refused. */
    default?: ReaderCategory;
  };
}

/** A staff role by claim: `groups` contains `library-cataloguers` → library-staff with `catalogue`. */
export interface RoleRule {
  claim: string;
  contains?: string;
  equals?: string;
  permissions: Permission[];
}

export interface MappedPerson {
  subject: string;
  email: string | undefined;
  displayName: string | undefined;
  category: ReaderCategory;
  /** Union of the permissions of every matching rule (empty: no staff role from the provider). */
  staffPermissions: Permission[];
}

export type MappingResult = { ok: true; person: MappedPerson } | { ok: false; missingClaim: string };

export const defaultMapping: ClaimsMapping = { subject: 'sub', email: 'email', displayName: 'name' };

/** Values of a claim as strings: a scalar as one, an array element by element; objects are ignored. */
export function claimValues(claims: Record<string, unknown>, name: string): string[] {
  const v = claims[name];
  const scalar = (x: unknown): string[] => (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' ? [String(x)] : []);
  if (Array.isArray(v)) return v.flatMap(scalar);
  return scalar(v);
}

function firstValue(claims: Record<string, unknown>, name: string | undefined): string | undefined {
  if (!name) return undefined;
  const v = claimValues(claims, name)[0]?.trim();
  return v ? v : undefined;
}

/**
 * Maps claims to a person, or names the claim that is missing: the subject always, the category
 * claim when the mapping names one and gives no default. E-mail and name are optional.
 */
export function mapClaims(claims: Record<string, unknown>, mapping: ClaimsMapping, rules: RoleRule[]): MappingResult {
  const subject = firstValue(claims, mapping.subject || 'sub');
  if (!subject) return { ok: false, missingClaim: mapping.subject || 'sub' };
  let category: ReaderCategory = 'external';
  if (mapping.category) {
    // eduPersonScopedAffiliation carries a scope (`student@example.edu`): the value before @ decides.
    const values = claimValues(claims, mapping.category.claim).map((v) => v.trim());
    const hit = values.map((v) => mapping.category!.values[v] ?? mapping.category!.values[v.split('@')[0]!]).find((c) => c !== undefined);
    if (hit) category = hit;
    else if (mapping.category.default) category = mapping.category.default;
    else return { ok: false, missingClaim: mapping.category.claim };
  }
  const email = firstValue(claims, mapping.email);
  return {
    ok: true,
    person: {
      subject,
      email: email && /^[^\s@]+@[^\s@]+$/.test(email) && email.length <= 320 ? email : undefined,
      displayName: firstValue(claims, mapping.displayName)?.slice(0, 200),
      category,
      staffPermissions: staffPermissionsFrom(claims, rules),
    },
  };
}

/** Every claim the mapping and the rules read. */
export function mappedClaimNames(mapping: ClaimsMapping, rules: RoleRule[]): string[] {
  const names = [mapping.subject || 'sub', mapping.email, mapping.displayName, mapping.category?.claim, ...rules.map((r) => r.claim)];
  return [...new Set(names.filter((n): n is string => !!n))];
}

/** The permissions every matching rule gives, once each. */
export function staffPermissionsFrom(claims: Record<string, unknown>, rules: RoleRule[]): Permission[] {
  const out = new Set<Permission>();
  for (const r of rules) {
    const values = claimValues(claims, r.claim);
    const match = r.equals !== undefined ? values.length === 1 && values[0] === r.equals : r.contains !== undefined && values.includes(r.contains);
    if (match) for (const p of r.permissions) out.add(p);
  }
  return [...out];
}

/**
 * The place to go after sign-in: only a path on this site. Anything that a browser could read as
 * another origin — `//host`, `/\host` (browsers treat `\` as `/`, WHATWG URL §4.4), a scheme,
 * control characters, or any of these percent-encoded — gives `/` (no open redirect, RFC 6749 §10.15).
 */
export function safeReturnTo(raw: string | undefined): string {
  if (!raw || raw.length > 2000) return '/';
  let decoded = raw;
  // Decode repeatedly: `%252F%252F` is `//` to a server that decodes once more.
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return '/';
    }
    if (next === decoded) break;
    decoded = next;
  }
  for (const s of [raw, decoded]) {
    if (!s.startsWith('/') || s.startsWith('//') || s.includes('\\')) return '/';
    if (/[\u0000-\u001f\u007f]/.test(s)) return '/';
  }
  // The last word: resolved against a dummy origin it must stay on that origin.
  const base = 'http://anylib.invalid';
  const url = new URL(raw, base);
  if (url.origin !== base) return '/';
  return url.pathname + url.search + url.hash;
}
