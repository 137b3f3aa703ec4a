import { nfc } from '../decode.js';
import { checkCode, checkIndicator, checkTag, type Report } from '../field-checks.js';
import { error, warning } from '../problems.js';
import { isControlTag, type MarcField, type MarcRecord, type Subfield } from '../record.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A record from parsed MARC-in-JSON (code4lib, http://dilettantes.code4lib.org/blog/2010/09/a-proposal-to-serialize-marc-in-json/):
 * `{leader, fields: [{"001": "…"}, {"245": {ind1, ind2, subfields: [{"a": "…"}]}}]}`.
 * Undefined when it is not a record at all; problems go to `report`.
 */
export function recordFromJson(value: unknown, report: Report): MarcRecord | undefined {
  if (!isObject(value)) {
    report(error('json-structure', 'a record must be a JSON object'));
    return undefined;
  }
  let leader = value.leader;
  if (typeof leader !== 'string') {
    report(error('leader-invalid', 'the record has no leader string', 'leader'));
    leader = ' '.repeat(24);
  } else if (leader.length !== 24) {
    report(warning('leader-invalid', `the leader has ${leader.length} characters; read as 24`, 'leader'));
    leader = leader.padEnd(24).slice(0, 24);
  }
  if (!Array.isArray(value.fields)) {
    report(error('json-structure', 'the record has no "fields" array'));
    return undefined;
  }
  const fields: MarcField[] = [];
  for (const entry of value.fields) {
    const f = fieldFromJson(entry, report);
    if (f !== undefined) fields.push(f);
  }
  return { leader: leader as string, fields };
}

function fieldFromJson(entry: unknown, report: Report): MarcField | undefined {
  const keys = isObject(entry) ? Object.keys(entry) : [];
  if (!isObject(entry) || keys.length !== 1) {
    report(error('json-structure', `a field must be an object with one key, its tag (found ${JSON.stringify(entry)?.slice(0, 60)})`));
    return undefined;
  }
  const rawTag = keys[0]!;
  const body = entry[rawTag];
  const tag = checkTag(rawTag, typeof body === 'string' ? 'control field' : 'data field', report);
  if (typeof body === 'string') {
    if (/^\d{3}$/.test(tag) && !isControlTag(tag)) {
      report(error('json-structure', `data field ${tag} is given as a string, without indicators and subfields`, tag));
      return undefined;
    }
    return { tag, value: nfc(body) };
  }
  if (!isObject(body) || !Array.isArray(body.subfields)) {
    report(error('json-structure', 'a data field must be {ind1, ind2, subfields: [...]}', tag));
    return undefined;
  }
  const ind1 = checkIndicator(typeof body.ind1 === 'string' ? body.ind1 : undefined, tag, 1, report);
  const ind2 = checkIndicator(typeof body.ind2 === 'string' ? body.ind2 : undefined, tag, 2, report);
  const subfields: Subfield[] = [];
  for (const s of body.subfields) {
    const codes = isObject(s) ? Object.keys(s) : [];
    const v = isObject(s) ? s[codes[0]!] : undefined;
    if (codes.length !== 1 || typeof v !== 'string') {
      report(error('json-structure', `a subfield must be {"code": "text"} (found ${JSON.stringify(s)?.slice(0, 60)})`, tag));
      continue;
    }
    const code = checkCode(codes[0], tag, report);
    if (code !== undefined) subfields.push({ code, value: nfc(v) });
  }
  if (subfields.length === 0) {
    report(warning('no-subfields', 'the data field has no subfields and was left out', tag));
    return undefined;
  }
  return { tag, ind1, ind2, subfields };
}
