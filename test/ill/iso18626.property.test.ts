import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMessage, writeMessage } from '../../src/modules/ill/domain/iso18626/codec.js';
import { ERROR_TYPES, ISO18626_VERSIONS } from '../../src/modules/ill/domain/iso18626/codes.js';
import { exampleMessages } from '../../src/modules/ill/domain/iso18626/examples.js';
import { anyMessage } from './iso18626.arbitrary.js';

/** parseMessage's contract: never throws; on failure one of the five errorTypes and a non-empty errorValue. */
function expectProperResult(input: string | Uint8Array): void {
  const r = parseMessage(input);
  if (!r.ok) {
    expect(ERROR_TYPES).toContain(r.errorType);
    expect(r.errorValue.length).toBeGreaterThan(0);
  }
}

const validXml = ISO18626_VERSIONS.flatMap((v) => exampleMessages(v).map((e) => writeMessage(e.message, v)));

/** Damage done to a valid message: cut, insert, overwrite, duplicate, rename an element, change a value. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('cut' as const), at: fc.nat(), length: fc.nat(40) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 20 }) }),
  fc.record({ op: fc.constant('insertMarkup' as const), at: fc.nat(), text: fc.constantFrom('<', '>', '&', '</x>', '<x>', '<!DOCTYPE a>', '&lt;', ']]>', '<![CDATA[', '"', '\u0000', '\uD800') }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), length: fc.nat(200) }),
  fc.record({ op: fc.constant('rename' as const), nth: fc.nat(), name: fc.constantFrom('x', 'status', 'action', 'header', 'note', 'ill:foo', 'retryInfo') }),
  fc.record({ op: fc.constant('value' as const), nth: fc.nat(), text: fc.string({ maxLength: 15 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(xml: string, m: Mutation): string {
  switch (m.op) {
    case 'cut': { const at = m.at % xml.length; return xml.slice(0, at) + xml.slice(at + m.length); }
    case 'insert': case 'insertMarkup': { const at = m.at % (xml.length + 1); return xml.slice(0, at) + m.text + xml.slice(at); }
    case 'duplicate': { const at = m.at % xml.length; return xml.slice(0, at + m.length) + xml.slice(at); }
    case 'rename': {
      const tags = [...xml.matchAll(/<\/?([A-Za-z][\w:]*)/g)];
      const tag = tags[m.nth % tags.length]!;
      return xml.slice(0, tag.index + tag[0].length - tag[1]!.length) + m.name + xml.slice(tag.index + tag[0].length);
    }
    case 'value': {
      const values = [...xml.matchAll(/>([^<>\n]+)</g)];
      if (values.length === 0) return xml;
      const v = values[m.nth % values.length]!;
      return xml.slice(0, v.index + 1) + m.text.replace(/[<&]/g, '') + xml.slice(v.index + 1 + v[1]!.length);
    }
  }
}

describe('parseMessage never throws', () => {
  it('on arbitrary strings (any UTF-16 code unit, lone surrogates too)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300, unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }), (s) => expectProperResult(s)), { numRuns: 1000 });
  });

  it('on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => expectProperResult(b)), { numRuns: 1000 });
  });

  it('on XML-looking strings', () => {
    const piece = fc.constantFrom('<', '>', '/', '</', '/>', 'ISO18626Message', 'request', 'header', ' xmlns="http://illtransactions.org/2013/iso18626"', ' version="1.2"', '=', '"', 'a', '&', ';', '<!--', '-->', '<?xml version="1.0"?>');
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }).map((a) => a.join('')), (s) => expectProperResult(s)), { numRuns: 1000 });
  });

  it('on mutated valid messages: ok, or a proper errorType', () => {
    fc.assert(
      fc.property(fc.constantFrom(...validXml), fc.array(mutation, { minLength: 1, maxLength: 3 }), (xml, ms) => {
        const damaged = ms.reduce(mutate, xml);
        expectProperResult(damaged);
        expectProperResult(Buffer.from(damaged, 'utf8'));
      }),
      { numRuns: 1500 },
    );
  });
});

describe('any message round-trips', () => {
  for (const version of ISO18626_VERSIONS) {
    it(`${version}: parse(write(m)) equals m`, () => {
      fc.assert(
        fc.property(anyMessage(version), (message) => {
          const r = parseMessage(writeMessage(message, version));
          expect(r).toEqual({ ok: true, message, version, declaredVersion: version === '1.2' ? '1.2' : '2021' });
        }),
        { numRuns: 300 },
      );
    });
  }
});
