/** The MARC serialisations Anylib reads and writes. */
export type MarcFormat = 'iso2709' | 'marcxml' | 'marcjson';

/**
 * Which format the first bytes of an input are in: `<` → MARCXML, `{` or `[` → MARC-in-JSON,
 * five digits (a record length) → ISO 2709; byte-order marks and blank lines are passed over.
 * Undefined when it is none of them. 64 bytes are plenty.
 */
export function sniffFormat(head: Uint8Array): MarcFormat | undefined {
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  else if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    // UTF-16: look at the first character's byte that is not zero.
    const c = head[0] === 0xff ? head[2] : head[3];
    return c === 0x3c ? 'marcxml' : c === 0x7b || c === 0x5b ? 'marcjson' : undefined;
  }
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
  const c = head[i];
  if (c === 0x3c) return 'marcxml';
  if (c === 0x7b || c === 0x5b) return 'marcjson';
  for (let k = i; k < i + 5; k++) {
    const d = head[k];
    if (d === undefined || d < 0x30 || d > 0x39) return undefined;
  }
  return 'iso2709';
}
