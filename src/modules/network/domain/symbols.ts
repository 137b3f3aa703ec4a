/**
 * Library symbols (INTERFACES.md, "Library symbols"): an ISIL (ISO 15511: a prefix, a hyphen and
 * up to 16 characters in all, here `CN-PKU`) or an alliance code with a prefix (`CALIS:211010`).
 * Slashes, which ISIL allows, are left out so a symbol is always one URL path segment.
 */
export const isilPattern = /^[A-Z]{2}-[A-Za-z0-9-]{1,13}$/;
export const prefixedSymbolPattern = /^[A-Z][A-Z0-9-]{1,15}:[A-Za-z0-9._-]{1,32}$/;
export const librarySymbolPattern = new RegExp(`${isilPattern.source}|${prefixedSymbolPattern.source}`);

/** Alliance and agreement codes: upper-case letters, digits and hyphens (`CALIS`, `CALIS-EAST-NORTH`). */
export const codePattern = /^[A-Z][A-Z0-9-]{0,63}$/;

export function isLibrarySymbol(s: string): boolean {
  return isilPattern.test(s) || prefixedSymbolPattern.test(s);
}

/**
 * The ISO 18626 agency id of a library: for an ISIL the type `ISIL` and the ISIL itself; for a
 * prefixed symbol the prefix and the value (INTERFACES.md: "the symbol's two parts").
 */
export function agencyIdOf(symbol: string): { agencyIdType: string; agencyIdValue: string } {
  const colon = symbol.indexOf(':');
  if (colon < 0) return { agencyIdType: 'ISIL', agencyIdValue: symbol };
  return { agencyIdType: symbol.slice(0, colon), agencyIdValue: symbol.slice(colon + 1) };
}
