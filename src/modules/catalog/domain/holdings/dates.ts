/** Due dates as item exports write them, read to ISO YYYY-MM-DD. */

const pad = (n: number): string => String(n).padStart(2, '0');

function isoIfReal(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
}

/**
 * An ISO date from the forms item exports use: YYYY-MM-DD (Koha 952 $q, optionally with a time),
 * YYYYMMDD (Aleph Z30/Z36), MM-DD-YY or MM-DD-YYYY (Innovative 945 $k and due-date fields),
 * YYYY/MM/DD and YYYY.MM.DD. Undefined when the text is no real calendar date.
 */
export function readDueDate(text: string): string | undefined {
  const t = text.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(t);
  if (m) return isoIfReal(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})(?:\d{4,6})?$/.exec(t);
  if (m) return isoIfReal(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})-(\d{1,2})-(\d{2}|\d{4})$/.exec(t);
  if (m) {
    const yy = Number(m[3]);
    // Two-digit years: III writes the century away; 70–99 are last century's.
    const year = m[3]!.length === 4 ? yy : yy >= 70 ? 1900 + yy : 2000 + yy;
    return isoIfReal(year, Number(m[1]), Number(m[2]));
  }
  return undefined;
}
