import type { Localized } from '../../../../platform/i18n.js';
import { isControlTag, type Flavour, type MarcField, type MarcRecord } from '../marc/record.js';
import { messagesOf, type ValidationCode } from './messages.js';
import { rulesFor, type FormatRules } from './rules.js';

/**
 * A record as a cataloguer sends it: each field either a control field (`tag`, `value`) or a
 * data field (`tag`, `ind1`, `ind2`, `subfields`). Loose on purpose, so that a field of the wrong
 * shape is reported as a cataloguing problem rather than refused as bad JSON.
 */
export interface EditedRecord {
  leader: string;
  fields: EditedField[];
}

export interface EditedField {
  tag: string;
  value?: string;
  ind1?: string;
  ind2?: string;
  subfields?: { code: string; value: string }[];
}

/** One problem: where (`leader/05`, `fields[5] 245 ind2`, `fields[3] 650 subfields[1] code`), what, and the message in both languages. */
export interface ValidationProblem {
  field: string;
  code: ValidationCode;
  message: Localized;
}

const TAG = /^[0-9A-Za-z]{3}$/;
const SUBFIELD_CODE = /^[a-z0-9]$/;
const INDICATOR = /^[ 0-9]$/;

const shown = (allowed: string): string => [...allowed].map((c) => (c === ' ' ? '␢' : c)).join(' ');

/**
 * Every problem of a record in its format, not just the first: the leader, each field's tag,
 * shape, indicators and subfield codes, the fields the format requires and those it allows once.
 * An empty list means the record may be stored.
 */
export function validateRecord(record: EditedRecord, flavour: Flavour): ValidationProblem[] {
  const rules = rulesFor(flavour);
  const problems: ValidationProblem[] = [];
  const add = (field: string, code: ValidationCode, params: Record<string, unknown> = {}) => problems.push({ field, code, message: messagesOf(code, params) });
  checkLeader(record.leader, rules, add);
  const seen = new Map<string, number>();
  let mainEntry: string | undefined;
  record.fields.forEach((f, i) => {
    const at = `fields[${i}] ${f.tag}`;
    if (!TAG.test(f.tag) || f.tag === '000') return add(`fields[${i}] tag`, 'tag-invalid', { tag: f.tag });
    const occurrence = (seen.get(f.tag) ?? 0) + 1;
    seen.set(f.tag, occurrence);
    if (occurrence > 1 && rules.notRepeatable.has(f.tag)) add(at, 'field-not-repeatable', { tag: f.tag, occurrence });
    if (rules.mainEntries.includes(f.tag)) {
      if (mainEntry !== undefined && !(occurrence > 1 && rules.notRepeatable.has(f.tag))) add(at, 'main-entry-repeated', { tag: f.tag, tags: rules.mainEntries.join(', ') });
      mainEntry ??= f.tag;
    }
    if (isControlTag(f.tag)) checkControlField(f, at, rules, add);
    else checkDataField(f, at, rules, add);
  });
  checkRequired(record, rules, add);
  return problems;
}

type Add = (field: string, code: ValidationCode, params?: Record<string, unknown>) => void;

function checkLeader(leader: string, rules: FormatRules, add: Add): void {
  if (leader.length !== 24) return add('leader', 'leader-length', { length: leader.length });
  const pos = (p: number) => String(p).padStart(2, '0');
  for (const r of rules.leader) {
    const value = leader[r.position]!;
    if (!r.allowed.includes(value)) add(`leader/${pos(r.position)}`, 'leader-value', { position: pos(r.position), name: r.name, value, allowed: shown(r.allowed) });
  }
  if (leader.slice(10, 12) !== '22') add('leader/10-11', 'leader-value', { position: '10–11', name: 'indicator and subfield code counts', value: leader.slice(10, 12), allowed: '22' });
  const map = leader.slice(20, 24);
  if (!rules.entryMaps.includes(map)) add('leader/20-23', 'leader-value', { position: '20–23', name: 'entry map', value: map, allowed: rules.entryMaps.map((m) => `“${m}”`).join(', ') });
}

function checkControlField(f: EditedField, at: string, rules: FormatRules, add: Add): void {
  if (f.subfields !== undefined || f.ind1 !== undefined || f.ind2 !== undefined || f.value === undefined) return add(at, 'control-field-shape', { tag: f.tag });
  if (f.value.length === 0) return add(at, 'control-field-empty', { tag: f.tag });
  const expected = rules.fixedLength[f.tag];
  if (expected !== undefined && f.value.length !== expected) add(at, 'control-field-length', { tag: f.tag, length: f.value.length, expected });
}

function checkDataField(f: EditedField, at: string, rules: FormatRules, add: Add): void {
  if (f.value !== undefined || f.subfields === undefined) return add(at, 'data-field-shape', { tag: f.tag });
  const allowed = rules.indicators[f.tag];
  ([f.ind1, f.ind2] as const).forEach((ind, k) => {
    const n = k + 1;
    const value = ind ?? '';
    if (!INDICATOR.test(value)) return add(`${at} ind${n}`, 'indicator-invalid', { tag: f.tag, n, value });
    if (allowed && !allowed[k]!.includes(value)) add(`${at} ind${n}`, 'indicator-not-allowed', { tag: f.tag, n, value: value === ' ' ? '␢' : value, allowed: shown(allowed[k]!) });
  });
  if (f.subfields.length === 0) return add(at, 'no-subfields', { tag: f.tag });
  f.subfields.forEach((s, j) => {
    if (!SUBFIELD_CODE.test(s.code)) add(`${at} subfields[${j}] code`, 'subfield-code-invalid', { tag: f.tag, code: s.code });
    else if (s.value.trim() === '') add(`${at} subfields[${j}] value`, 'subfield-empty', { tag: f.tag, code: s.code });
  });
}

function checkRequired(record: EditedRecord, rules: FormatRules, add: Add): void {
  for (const req of rules.required) {
    const i = record.fields.findIndex((f) => f.tag === req.tag);
    if (i < 0) {
      add(`fields ${req.tag}`, 'field-required', { tag: req.tag, format: rules.name });
      continue;
    }
    const f = record.fields[i]!;
    for (const want of req.subfields ?? []) {
      if (!f.subfields) continue; // its shape is reported already
      const s = f.subfields.find((x) => x.code === want.code);
      if (!s) add(`fields[${i}] ${req.tag}`, 'subfield-required', { tag: req.tag, code: want.code });
      else if (want.length !== undefined && s.value.length !== want.length)
        add(`fields[${i}] ${req.tag} $${want.code}`, 'subfield-length', { tag: req.tag, code: want.code, length: s.value.length, expected: want.length });
    }
  }
}

/** The record in Anylib's model, once `validateRecord` found nothing wrong. */
export function toMarcRecord(record: EditedRecord): MarcRecord {
  return {
    leader: record.leader,
    fields: record.fields.map((f): MarcField =>
      f.subfields === undefined ? { tag: f.tag, value: f.value ?? '' } : { tag: f.tag, ind1: f.ind1 ?? ' ', ind2: f.ind2 ?? ' ', subfields: f.subfields.map((s) => ({ code: s.code, value: s.value })) },
    ),
  };
}
