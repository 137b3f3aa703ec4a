import { isControlField, isDataField, type DataField, type MarcField, type MarcRecord } from '../domain/marc/index.js';

/** A library holding a cluster, with its first location and call number when it sent any. */
export interface HoldingLibrary {
  library: string;
  localId: string;
  location: string | null;
  callNumber: string | null;
}

/**
 * The union record of a cluster as it goes out: its display record with 001 the cluster id, the
 * member records' own ids as 035 `(SYMBOL)local id`, and one 852 per holding library ($a the
 * library's symbol, $b location, $h call number) in place of the display record's own 852s.
 * Pure: the display record is not changed.
 */
export function unionMarc(clusterId: number, display: MarcRecord, holders: readonly HoldingLibrary[]): MarcRecord {
  const fields: MarcField[] = display.fields.filter((f) => f.tag !== '001' && f.tag !== '852');
  const own035 = new Set(fields.filter(isDataField).filter((f) => f.tag === '035').flatMap((f) => f.subfields.map((s) => s.value)));
  const ids: DataField[] = holders
    .map((h) => `(${h.library})${h.localId}`)
    .filter((v, i, all) => all.indexOf(v) === i && !own035.has(v))
    .map((v) => ({ tag: '035', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: v }] }));
  const libraries = new Map<string, HoldingLibrary>();
  for (const h of holders) if (!libraries.has(h.library) || (!libraries.get(h.library)!.location && h.location)) libraries.set(h.library, h);
  const holdings: DataField[] = [...libraries.values()].map((h) => ({
    tag: '852',
    ind1: ' ',
    ind2: ' ',
    subfields: [
      { code: 'a', value: h.library },
      ...(h.location ? [{ code: 'b', value: h.location }] : []),
      ...(h.callNumber ? [{ code: 'h', value: h.callNumber }] : []),
    ],
  }));
  const withIds = insertInTagOrder(fields, ids);
  return { leader: display.leader, fields: [{ tag: '001', value: String(clusterId) }, ...insertInTagOrder(withIds, holdings)] };
}

/** Puts new fields after the last field whose tag sorts at or before theirs (the record's order otherwise kept). */
function insertInTagOrder(fields: MarcField[], added: MarcField[]): MarcField[] {
  if (added.length === 0) return fields;
  const tag = added[0]!.tag;
  let at = 0;
  fields.forEach((f, i) => {
    if (isControlField(f) || f.tag <= tag) at = i + 1;
  });
  return [...fields.slice(0, at), ...added, ...fields.slice(at)];
}
