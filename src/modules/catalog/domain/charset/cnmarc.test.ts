/**
 * CNMARC records in the Chinese national character sets (built by scripts/make-cnmarc-fixtures.ts:
 * no mainland CNMARC file is public), read end to end through the reader's `decode`.
 */
import { describe, expect, it } from 'vitest';
import { fixture, splitIso2709, type RawRecord } from '../../../../../test/fixtures/charset/iso2709.js';
import { makeDecoder, type FieldContext } from './decoder.js';
import type { CharsetDetection } from './detect.js';

function read(file: string): { record: RawRecord; detections: CharsetDetection[]; text: (tag: string) => string[] } {
  const [record] = splitIso2709(fixture(file));
  const detections: CharsetDetection[] = [];
  const decode = makeDecoder({ onDetect: (d) => detections.push(d) });
  const f100 = record!.fields.find((f) => f.tag === '100')!.subfields![0]!.bytes;
  const context: FieldContext = { leader: record!.leader, flavour: 'unimarc', field100a: Buffer.from(f100).toString('latin1'), record: record!.bytes };
  const text = (tag: string) =>
    record!.fields
      .filter((f) => f.tag === tag)
      .flatMap((f) => (f.subfields ?? [{ code: '', bytes: f.bytes! }]).map((s) => {
        const r = decode(s.bytes, context);
        expect(r.problems).toEqual([]);
        return `${s.code}${r.text}`;
      }));
  return { record: record!, detections, text };
}

describe('CNMARC in GB 2312 / GBK / GB 18030', () => {
  it('simplified Chinese in GB 2312, declared "0120"', () => {
    const { text, detections } = read('cnmarc-simplified-gb2312.mrc');
    expect(text('200')).toEqual(['a红楼梦', '9hong lou meng', 'f(清)曹雪芹著', 'g高鹗续']);
    expect(text('210')).toEqual(['a北京', 'c人民文学出版社', 'd1982']);
    expect(text('801')).toEqual(['aCN', 'b测试馆', 'c20240301']);
    expect(detections).toMatchObject([{ charset: 'gb18030', declared: 'gb18030', basis: 'declared' }]);
  });

  it('traditional Chinese in GBK declared "50": the bytes win over 100 $a', () => {
    const { text, detections } = read('cnmarc-traditional-gbk-declared-50.mrc');
    expect(text('200')).toEqual(['a紅樓夢', '9hong lou meng', 'f曹雪芹著', 'g馮其庸校注']);
    expect(text('210')).toEqual(['a臺北', 'c聯經出版事業公司', 'd1991']);
    expect(detections).toMatchObject([{ charset: 'gb18030', declared: 'utf-8', basis: 'detected' }]);
    expect(detections[0]!.reason).toMatch(/100 \$a\/26-29 "50  "/);
  });

  it('characters only GB 18030 has: 䶮 and the four-byte 𠀀', () => {
    const { text } = read('cnmarc-gb18030.mrc');
    expect(text('200')).toEqual(['a南汉刘䶮传', 'e附𠀀字考', 'f王某著']);
  });

  it('detects each record once, however many fields are decoded', () => {
    const { text, detections } = read('cnmarc-simplified-gb2312.mrc');
    text('200');
    text('701');
    expect(detections).toHaveLength(1);
  });
});
