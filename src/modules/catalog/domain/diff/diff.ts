import { isDataField, type MarcField, type MarcRecord, type Subfield } from '../marc/record.js';

/** A subfield added, removed or changed within a field (`occurrence`: 1 for the first $a, 2 for the second …). */
export interface SubfieldChange {
  change: 'added' | 'removed' | 'changed';
  code: string;
  occurrence: number;
  from?: string;
  to?: string;
}

/** What became of one field between two versions. `occurrence` counts fields of the same tag, from 1. */
export type FieldChange =
  | { change: 'added'; tag: string; occurrence: number; field: MarcField }
  | { change: 'removed'; tag: string; occurrence: number; field: MarcField }
  | {
      change: 'changed';
      tag: string;
      occurrence: number;
      /** Control fields: the old and the new value. */
      from?: string;
      to?: string;
      ind1?: { from: string; to: string };
      ind2?: { from: string; to: string };
      subfields?: SubfieldChange[];
    };

export interface RecordDiff {
  leader?: { from: string; to: string };
  fields: FieldChange[];
}

const key = (f: MarcField): string =>
  isDataField(f) ? `${f.ind1}${f.ind2}${f.subfields.map((s) => `\x1f${s.code}${s.value}`).join('')}` : `=${f.value}`;

/**
 * What changed from one version of a record to the next, field by field, for the version history
 * a cataloguer reads. Fields are compared within a tag: identical fields pair up wherever they
 * stand (a field that moved is no change), the rest pair up in order as changed, and what is
 * left over was added or removed. Results are in tag order.
 */
export function diffRecords(before: MarcRecord, after: MarcRecord): RecordDiff {
  const diff: RecordDiff = { fields: [] };
  if (before.leader !== after.leader) diff.leader = { from: before.leader, to: after.leader };
  const old = byTag(before.fields);
  const now = byTag(after.fields);
  const tags = [...new Set([...old.keys(), ...now.keys()])].sort();
  for (const tag of tags) {
    const a = old.get(tag) ?? [];
    const b = now.get(tag) ?? [];
    const bLeft = new Set(b.keys());
    const aLeft: number[] = [];
    a.forEach((f, i) => {
      const same = [...bLeft].find((j) => key(b[j]!) === key(f));
      if (same === undefined) aLeft.push(i);
      else bLeft.delete(same);
    });
    const bRest = [...bLeft];
    const pairs = Math.min(aLeft.length, bRest.length);
    for (let k = 0; k < pairs; k++) diff.fields.push(fieldChange(tag, bRest[k]! + 1, a[aLeft[k]!]!, b[bRest[k]!]!));
    for (const i of aLeft.slice(pairs)) diff.fields.push({ change: 'removed', tag, occurrence: i + 1, field: a[i]! });
    for (const j of bRest.slice(pairs)) diff.fields.push({ change: 'added', tag, occurrence: j + 1, field: b[j]! });
  }
  return diff;
}

/** Whether two versions hold the same leader and fields. */
export const isUnchanged = (d: RecordDiff): boolean => d.leader === undefined && d.fields.length === 0;

function byTag(fields: MarcField[]): Map<string, MarcField[]> {
  const m = new Map<string, MarcField[]>();
  for (const f of fields) {
    const list = m.get(f.tag);
    if (list) list.push(f);
    else m.set(f.tag, [f]);
  }
  return m;
}

function fieldChange(tag: string, occurrence: number, a: MarcField, b: MarcField): FieldChange {
  if (!isDataField(a) || !isDataField(b)) {
    return { change: 'changed', tag, occurrence, from: isDataField(a) ? undefined : a.value, to: isDataField(b) ? undefined : b.value };
  }
  const c: FieldChange & { change: 'changed' } = { change: 'changed', tag, occurrence };
  if (a.ind1 !== b.ind1) c.ind1 = { from: a.ind1, to: b.ind1 };
  if (a.ind2 !== b.ind2) c.ind2 = { from: a.ind2, to: b.ind2 };
  const subfields = diffSubfields(a.subfields, b.subfields);
  if (subfields.length > 0) c.subfields = subfields;
  return c;
}

/** Subfields compared code by code, the n-th $a of one with the n-th $a of the other. */
function diffSubfields(a: Subfield[], b: Subfield[]): SubfieldChange[] {
  const group = (list: Subfield[]) => {
    const m = new Map<string, string[]>();
    for (const s of list) m.set(s.code, [...(m.get(s.code) ?? []), s.value]);
    return m;
  };
  const ga = group(a);
  const gb = group(b);
  const changes: SubfieldChange[] = [];
  for (const code of [...new Set([...ga.keys(), ...gb.keys()])]) {
    const va = ga.get(code) ?? [];
    const vb = gb.get(code) ?? [];
    for (let i = 0; i < Math.max(va.length, vb.length); i++) {
      const from = va[i];
      const to = vb[i];
      if (from === to) continue;
      if (from === undefined) changes.push({ change: 'added', code, occurrence: i + 1, to });
      else if (to === undefined) changes.push({ change: 'removed', code, occurrence: i + 1, from });
      else changes.push({ change: 'changed', code, occurrence: i + 1, from, to });
    }
  }
  return changes;
}
