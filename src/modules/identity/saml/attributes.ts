/**
 * From a SAML assertion's attributes to the claims the provider's mapping reads (pure). IdPs of
 * the research and education federations (CARSI, eduGAIN, InCommon) name attributes by OID
 * (NameFormat uri, per the eduPerson and SAML2 attribute profiles); a mapping may use either the
 * OID or the friendly name, so both are offered. `nameID` is the assertion's subject NameID.
 */
const friendlyNames: Record<string, string> = {
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.1': 'eduPersonAffiliation',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.6': 'eduPersonPrincipalName',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.7': 'eduPersonEntitlement',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.9': 'eduPersonScopedAffiliation',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.10': 'eduPersonTargetedID',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.13': 'eduPersonUniqueId',
  'urn:oid:1.3.6.1.4.1.5923.1.5.1.1': 'isMemberOf',
  'urn:oid:0.9.2342.19200300.100.1.1': 'uid',
  'urn:oid:0.9.2342.19200300.100.1.3': 'mail',
  'urn:oid:2.16.840.1.113730.3.1.241': 'displayName',
  'urn:oid:2.5.4.3': 'cn',
  'urn:oid:2.5.4.4': 'sn',
  'urn:oid:2.5.4.42': 'givenName',
};

/** Attribute values as strings (complex values such as an eduPersonTargetedID NameID give their text). */
function asStrings(v: unknown): string[] {
  const one = (x: unknown): string[] => {
    if (typeof x === 'string') return [x];
    if (x && typeof x === 'object' && typeof (x as { _?: unknown })._ === 'string') return [(x as { _: string })._];
    return [];
  };
  return Array.isArray(v) ? v.flatMap(one) : one(v);
}

/** Claims by attribute name, by friendly name, plus `nameID`. */
export function claimsFromAttributes(attributes: Record<string, unknown>, nameId: string | undefined): Record<string, unknown> {
  // No prototype: an attribute named __proto__ is just a name.
  const claims: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [name, value] of Object.entries(attributes)) {
    const values = asStrings(value);
    if (values.length === 0) continue;
    claims[name] = values;
    const friendly = friendlyNames[name];
    if (friendly && claims[friendly] === undefined) claims[friendly] = values;
  }
  if (nameId) claims.nameID = nameId;
  return claims;
}
