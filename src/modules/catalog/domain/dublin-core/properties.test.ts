import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isControlField, readMarcXmlSync, toMarcXml } from '../marc/index.js';
import { dcToMarc, DC_ELEMENTS, type DcRecord } from './index.js';

const values = fc.array(fc.oneof(fc.string(), fc.constantFrom('Text', 'Sound', 'ISBN 0-306-40615-2', '2049-3630', 'http://x.org/a', 'zh', '地图', '1999-12-31', '12 p.')), { maxLength: 3 });
const descriptions = fc.record(Object.fromEntries(DC_ELEMENTS.map((e) => [e, values])) as Record<(typeof DC_ELEMENTS)[number], typeof values>, { requiredKeys: [] });

describe('Dublin Core crosswalk on any description', () => {
  it('always gives a 24-character leader, a 40-character 008, the local id in 001, and a record MARCXML carries unchanged', () => {
    fc.assert(
      fc.property(descriptions, (dc: DcRecord) => {
        const r = dcToMarc(dc, { localId: 'oai:x:1' });
        expect(r.leader).toHaveLength(24);
        const f008 = r.fields.find((f) => f.tag === '008');
        expect(f008 && isControlField(f008) ? f008.value.length : 0).toBe(40);
        expect(r.fields[0]).toEqual({ tag: '001', value: 'oai:x:1' });
        const tags = r.fields.map((f) => f.tag);
        expect([...tags].sort()).toEqual(tags);
        const [back] = [...readMarcXmlSync(toMarcXml(r))];
        expect(back?.ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
