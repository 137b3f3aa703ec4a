import { isControlTag, type EditableRecord } from './editable-record';

/**
 * Validation as the cataloguer types (issue 7), the same rules the server applies first
 * (docs/cataloguing.md, "Validation"), so most problems show at their field before saving.
 * Pure: a record in, problems out. A problem's `path` names the box it belongs to:
 * `leader`, `fields` (the record as a whole), `fields.3.tag`, `fields.3.ind1`, `fields.3.value`,
 * `fields.3.subfields` (none), `fields.3.subfields.1.code`, `fields.3.subfields.1.value`.
 * `code` is the key of the message under `record.problem.` in the resource files.
 */
export interface RecordProblem {
  path: string;
  code:
    | 'leaderLength'
    | 'tagShape'
    | 'controlValueEmpty'
    | 'controlHasSubfields'
    | 'indicator'
    | 'noSubfields'
    | 'subfieldCode'
    | 'subfieldEmpty'
    | 'titleMissing'
    | 'titleNoA'
    | 'notRepeatable';
  params?: Record<string, string | number>;
}

/** The title field of each format. */
export const titleTag = { marc21: '245', unimarc: '200' } as const;

/** Fields a record holds once at most (the common ones; the server knows the rest). */
const notRepeatable = {
  marc21: new Set(['001', '003', '005', '008', '245', '250']),
  unimarc: new Set(['001', '005', '100', '101', '200']),
};

const INDICATOR = /^[0-9 #_]?$/;
const SUBFIELD_CODE = /^[a-z0-9]$/;
const TAG = /^[0-9A-Za-z]{3}$/;

export function validateRecord(record: EditableRecord): RecordProblem[] {
  const problems: RecordProblem[] = [];
  const add = (path: string, code: RecordProblem['code'], params?: RecordProblem['params']) => problems.push(params ? { path, code, params } : { path, code });

  if (record.leader.length !== 24) add('leader', 'leaderLength', { length: record.leader.length });

  const seen = new Map<string, number>();
  record.fields.forEach((f, i) => {
    const at = `fields.${i}`;
    if (!TAG.test(f.tag) || f.tag === '000') {
      add(`${at}.tag`, 'tagShape');
      return;
    }
    seen.set(f.tag, (seen.get(f.tag) ?? 0) + 1);
    if (seen.get(f.tag) === 2 && notRepeatable[record.flavour].has(f.tag)) add(`${at}.tag`, 'notRepeatable', { tag: f.tag });
    if (isControlTag(f.tag)) {
      if (f.subfields.length > 0) add(`${at}.subfields`, 'controlHasSubfields', { tag: f.tag });
      else if (f.value.trim() === '') add(`${at}.value`, 'controlValueEmpty', { tag: f.tag });
      return;
    }
    if (!INDICATOR.test(f.ind1)) add(`${at}.ind1`, 'indicator');
    if (!INDICATOR.test(f.ind2)) add(`${at}.ind2`, 'indicator');
    if (f.subfields.length === 0) add(`${at}.subfields`, 'noSubfields', { tag: f.tag });
    f.subfields.forEach((s, j) => {
      if (!SUBFIELD_CODE.test(s.code)) add(`${at}.subfields.${j}.code`, 'subfieldCode');
      if (s.value.trim() === '') add(`${at}.subfields.${j}.value`, 'subfieldEmpty', { code: s.code || '?' });
    });
    if (f.tag === titleTag[record.flavour] && !f.subfields.some((s) => s.code === 'a' && s.value.trim() !== '')) add(`${at}.subfields`, 'titleNoA', { tag: f.tag });
  });
  if (!record.fields.some((f) => f.tag === titleTag[record.flavour])) add('fields', 'titleMissing', { tag: titleTag[record.flavour] });
  return problems;
}

/**
 * Where a problem the server named belongs in the editor: its field paths read like
 * `fields[5] 245 ind2`, `fields[3] 650 subfields[1] code`, `fields[2] 100`, `leader/05`,
 * `fields 245` (a field missing). Anything else belongs to the record as a whole (`fields`).
 */
export function pathOfServerField(field: string): string {
  if (/^leader\b/.test(field)) return 'leader';
  const m = /^fields\[(\d+)\](?:\s+[0-9A-Za-z]{3}\b)?(?:\s+(ind1|ind2|value|tag))?(?:\s+subfields(?:\[(\d+)\](?:\s+(code|value))?)?)?/.exec(field);
  if (!m) return 'fields';
  const [, i, part, j, sub] = m;
  if (j !== undefined) return `fields.${i}.subfields.${j}.${sub ?? 'value'}`;
  if (/\ssubfields\b/.test(field)) return `fields.${i}.subfields`;
  return `fields.${i}.${part ?? 'tag'}`;
}
