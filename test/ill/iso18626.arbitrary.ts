/**
 * fast-check arbitraries for ISO 18626 messages, derived from the schema tables: any element may
 * be present or not, repeat up to its limit, and hold any value of its type (text with CJK,
 * markup characters, line breaks; dates with offsets; decimals; every closed-list value).
 */
import fc from 'fast-check';
import { MESSAGE_KINDS, type Iso18626Version, type MessageKind } from '../../src/modules/ill/domain/iso18626/codes.js';
import { SCHEMAS, type ComplexType, type ElementType, type Field } from '../../src/modules/ill/domain/iso18626/schema.js';
import type { Iso18626Message } from '../../src/modules/ill/domain/iso18626/types.js';

const CHARS = ['a', 'Z', '0', ' ', '-', '&', '<', '>', '"', "'", ';', '\n', '\r', '\t', '中', '文', '館', 'é', '😀', ']]>', '&amp;'];
const text = (minLength: number): fc.Arbitrary<string> => fc.array(fc.constantFrom(...CHARS), { minLength, maxLength: 12 }).map((a) => a.join(''));
/** Optional text must say something: an empty or blank optional element is read as absent. */
const someText = text(1).filter((s) => s.trim() !== '');

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const dateTime = fc
  .record({
    date: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T23:59:59Z'), noInvalidDate: true }),
    fraction: fc.constantFrom('', '.5', '.123', '.543778'),
    zone: fc.constantFrom('', 'Z', '+08:00', '-05:30', '+14:00', '-00:00'),
  })
  .map(({ date, fraction, zone }) =>
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}${fraction}${zone}`);
const decimal = fc.tuple(fc.constantFrom('', '-', '+'), fc.nat(99999), fc.constantFrom('', '.0', '.5', '.25', '.999')).map(([s, n, f]) => `${s}${n}${f}`);
const scheme = fc.constantFrom(undefined, 'http://illtransactions.org/ISO18626/OpenCodeList/LoanConditionList-V1.0', 'urn:iso:std:iso:4217');

function simple(type: ElementType, required: boolean): fc.Arbitrary<unknown> {
  switch (type.t) {
    case 'string':
      return required ? text(0) : someText;
    case 'svp':
      return fc.record({ value: required ? text(0) : someText, scheme }, { requiredKeys: ['value'] }).map((p) => (p.scheme === undefined ? { value: p.value } : p));
    case 'svpText':
      return (required ? text(0) : someText).map((value) => ({ value }));
    case 'dateTime':
      return dateTime;
    case 'decimal':
      return decimal;
    case 'integer':
      return fc.integer({ min: type.min ?? -1000, max: 100000 });
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...type.values);
    case 'complex':
      return complex(type);
  }
}

function field(f: Field): fc.Arbitrary<unknown> {
  const one = f.type.t === 'complex' ? complex(f.type, f.min === 0) : simple(f.type, f.min === 1);
  if (!f.many) return one;
  return fc.array(one, { minLength: f.min, maxLength: Math.min(f.max, 3) });
}

function complex(type: ComplexType, nonEmpty = false): fc.Arbitrary<Record<string, unknown>> {
  if (type.choice) {
    return fc.oneof(...type.fields.map((f) => field(f).map((v) => ({ [f.key]: v }))));
  }
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const f of type.fields) {
    shape[f.key] = field(f);
    if (f.min === 1) required.push(f.key);
  }
  const arb = fc.record(shape, { requiredKeys: required }).map((o) => {
    // Empty optional lists are written as nothing and read as absent.
    for (const [k, v] of Object.entries(o)) if (Array.isArray(v) && v.length === 0) delete o[k];
    return o;
  });
  return nonEmpty ? arb.filter((o) => Object.keys(o).length > 0) : arb;
}

/** Any message of the version, in the model's shape. */
export function anyMessage(version: Iso18626Version, kinds: readonly MessageKind[] = MESSAGE_KINDS): fc.Arbitrary<Iso18626Message> {
  return fc.oneof(
    ...kinds.map((kind) =>
      complex(SCHEMAS[version][kind]).map((body) => {
        if (kind === 'supplyingAgencyMessage' && version === '1.2') {
          // The model keeps 2017's messageInfo retry terms in retryInfo (as 2021 does).
          const info = body.messageInfo as Record<string, unknown>;
          const retry: Record<string, unknown> = {};
          if (info.offeredCosts) retry.offeredCosts = [info.offeredCosts];
          if (info.retryBefore) retry.retryBefore = info.retryBefore;
          if (info.retryAfter) retry.retryAfter = info.retryAfter;
          delete info.offeredCosts;
          delete info.retryBefore;
          delete info.retryAfter;
          if (Object.keys(retry).length > 0) body.retryInfo = retry;
        }
        return { kind, ...body } as unknown as Iso18626Message;
      }),
    ),
  );
}
