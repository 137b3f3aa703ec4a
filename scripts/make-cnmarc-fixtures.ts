/**
 * Builds the CNMARC test records of test/fixtures/charset/ (no mainland CNMARC file is public):
 * UNIMARC tags as CNMARC uses them (001, 005, 010, 100, 101, 102, 200, 210, 215, 701, 801), text
 * encoded with glibc's `iconv` — GB 2312, GBK or GB 18030 as each record needs — and 100 $a/26-29
 * as Chinese systems write it (see src/modules/catalog/domain/charset/unimarc-100.ts).
 *
 * Run: `npx tsx scripts/make-cnmarc-fixtures.ts`; the files are committed, so tests need no iconv.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'test/fixtures/charset');

type Field = [tag: string, value: string] | [tag: string, indicators: string, subfields: [string, string][]];

function encode(text: string, encoding: string): Buffer {
  return execFileSync('iconv', ['-f', 'UTF-8', '-t', encoding], { input: Buffer.from(text, 'utf8') });
}

/** An ISO 2709 record, UNIMARC layout: indicator and subfield-code lengths 2, entry map 450. */
function record(fields: Field[], encoding: string, status = 'n'): Buffer {
  const data: Buffer[] = [];
  let directory = '';
  let at = 0;
  for (const f of fields) {
    const body =
      f.length === 2
        ? Buffer.concat([encode(f[1], encoding), Buffer.from([0x1e])])
        : Buffer.concat([Buffer.from(f[1], 'latin1'), ...f[2].map(([code, value]) => Buffer.concat([Buffer.from([0x1f]), Buffer.from(code, 'latin1'), encode(value, encoding)])), Buffer.from([0x1e])]);
    directory += f[0] + String(body.length).padStart(4, '0') + String(at).padStart(5, '0');
    data.push(body);
    at += body.length;
  }
  const base = 24 + directory.length + 1;
  const length = base + at + 1;
  const leader = `${String(length).padStart(5, '0')}${status}am0 22${String(base).padStart(5, '0')}   450 `;
  return Buffer.concat([Buffer.from(leader + directory + '\x1e', 'latin1'), ...data, Buffer.from([0x1d])]);
}

const f100 = (date: string, codes: string) => `${date}d${date.slice(0, 4)}    em y0chiy${codes}ea`;

// 1. Simplified Chinese, GB 2312 bytes, 100 $a/26-29 "0120" (older NLC and many local systems).
const simplified = record(
  [
    ['001', 'CN0001'],
    ['005', '20240301120000.0'],
    ['010', '  ', [['a', '7-02-000220-X'], ['d', 'CNY3.00']]],
    ['100', '  ', [['a', f100('19820301', '0120    ')]]],
    ['101', '0 ', [['a', 'chi']]],
    ['102', '  ', [['a', 'CN'], ['b', '110000']]],
    ['200', '1 ', [['a', '红楼梦'], ['9', 'hong lou meng'], ['f', '(清)曹雪芹著'], ['g', '高鹗续']]],
    ['210', '  ', [['a', '北京'], ['c', '人民文学出版社'], ['d', '1982']]],
    ['215', '  ', [['a', '3册'], ['d', '21cm']]],
    ['701', ' 0', [['a', '曹雪芹'], ['4', '著']]],
    ['801', ' 0', [['a', 'CN'], ['b', '测试馆'], ['c', '20240301']]],
  ],
  'GB2312',
);

// 2. Traditional Chinese, GBK bytes, yet 100 $a says "50" (Unicode): the export kept the
// record's 100 $a but wrote GBK — the bytes must win.
const traditional = record(
  [
    ['001', 'CN0002'],
    ['005', '20240302120000.0'],
    ['010', '  ', [['a', '957-08-0184-5'], ['d', 'TWD500']]],
    ['100', '  ', [['a', f100('19910302', '50      ')]]],
    ['101', '0 ', [['a', 'chi']]],
    ['102', '  ', [['a', 'TW']]],
    ['200', '1 ', [['a', '紅樓夢'], ['9', 'hong lou meng'], ['f', '曹雪芹著'], ['g', '馮其庸校注']]],
    ['210', '  ', [['a', '臺北'], ['c', '聯經出版事業公司'], ['d', '1991']]],
    ['215', '  ', [['a', '4冊'], ['d', '21公分']]],
    ['701', ' 0', [['a', '曹雪芹'], ['4', '著']]],
  ],
  'GBK',
);

// 3. GB 18030 proper: a name outside GBK (䶮, two bytes FE 9F since GB 18030-2005) and a CJK
// Extension B character (𠀀, four bytes), declared "0120".
const gb18030 = record(
  [
    ['001', 'CN0003'],
    ['100', '  ', [['a', f100('20240303', '0120    ')]]],
    ['101', '0 ', [['a', 'chi']]],
    ['200', '1 ', [['a', '南汉刘䶮传'], ['e', '附𠀀字考'], ['f', '王某著']]],
    ['210', '  ', [['a', '广州'], ['c', '广东人民出版社'], ['d', '2024']]],
  ],
  'GB18030',
);

writeFileSync(join(out, 'cnmarc-simplified-gb2312.mrc'), simplified);
writeFileSync(join(out, 'cnmarc-traditional-gbk-declared-50.mrc'), traditional);
writeFileSync(join(out, 'cnmarc-gb18030.mrc'), gb18030);
console.log('wrote 3 CNMARC fixtures to', out);
