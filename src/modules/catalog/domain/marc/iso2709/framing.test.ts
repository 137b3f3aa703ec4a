import { describe, expect, it } from 'vitest';
import { RecordFramer, type Frame } from './framing.js';

/** A well-formed record of `body` bytes of data with a correct length. */
function record(id: string): Buffer {
  const data = Buffer.from(`${id}\x1e`);
  const base = 24 + 12 + 1;
  const total = base + data.length + 1;
  const leader = `${String(total).padStart(5, '0')}nam a22${String(base).padStart(5, '0')}   4500`;
  const dir = `001${String(data.length).padStart(4, '0')}00000\x1e`;
  return Buffer.concat([Buffer.from(leader + dir), data, Buffer.from('\x1d')]);
}

function frames(input: Buffer, chunk = input.length): Frame[] {
  const f = new RecordFramer();
  const out: Frame[] = [];
  for (let i = 0; i < input.length; i += chunk) {
    f.push(input.subarray(i, i + chunk));
    for (let x = f.next(); x; x = f.next()) out.push(x);
  }
  f.end();
  for (let x = f.next(); x; x = f.next()) out.push(x);
  return out;
}

const text = (f: Frame): string => f.buf.subarray(f.start, f.end).toString('latin1');
const codes = (f: Frame): string[] => f.problems.map((p) => p.code);

describe('cutting a byte stream into ISO 2709 records', () => {
  it('takes each record by its length, whatever the chunk size', () => {
    const input = Buffer.concat([record('a1'), record('b22'), record('c333')]);
    for (const size of [1, 2, 7, 64, input.length]) {
      const got = frames(input, size);
      expect(got.map(text)).toEqual([record('a1'), record('b22'), record('c333')].map((r) => r.toString('latin1')));
      expect(got.map((f) => f.offset)).toEqual([0, record('a1').length, record('a1').length + record('b22').length]);
      expect(got.flatMap(codes)).toEqual([]);
    }
  });

  it('corrects a wrong record length from the record terminator and says so', () => {
    const bad = record('a1');
    bad.write('00099', 0, 'latin1'); // too long
    const short = record('b22');
    short.write('00030', 0, 'latin1'); // too short
    const got = frames(Buffer.concat([bad, short, record('c333')]), 5);
    expect(got.map(text)).toEqual([bad, short, record('c333')].map((r) => r.toString('latin1')));
    expect(got.map(codes)).toEqual([['record-length'], ['record-length'], []]);
  });

  it('recognises a missing record terminator when the next record starts where the length says', () => {
    const a = record('a1').subarray(0, -1);
    const fixed = Buffer.from(a);
    fixed.write(String(a.length).padStart(5, '0'), 0, 'latin1');
    const got = frames(Buffer.concat([fixed, record('b22')]), 3);
    expect(got.map(text)).toEqual([fixed, record('b22')].map((r) => r.toString('latin1')));
    expect(got.map(codes)).toEqual([['record-terminator-missing'], []]);
  });

  it('skips line ends silently and other garbage with a warning on the next record', () => {
    const got = frames(Buffer.concat([Buffer.from('\r\n'), record('a1'), Buffer.from('\n\n  junk!'), record('b22'), Buffer.from('\n')]));
    expect(got.map(text)).toEqual([record('a1'), record('b22')].map((r) => r.toString('latin1')));
    expect(got.map(codes)).toEqual([[], ['garbage-skipped']]);
    expect(got[1]!.problems[0]!.reason).toMatch(/5 byte\(s\).*offset/);
  });

  it('reports a record cut short at the end of the input as truncated', () => {
    const got = frames(Buffer.concat([record('a1'), record('b22').subarray(0, 30)]), 4);
    expect(got).toHaveLength(2);
    expect(codes(got[1]!)).toEqual(['truncated-record']);
    expect(got[1]!.problems[0]!.severity).toBe('error');
  });

  it('reports bytes after the last record that are no record', () => {
    const got = frames(Buffer.concat([record('a1'), Buffer.from('not a record')]));
    expect(got).toHaveLength(2);
    expect(got[1]!.notARecord).toBe(true);
    expect(text(got[1]!)).toBe('not a record');
  });

  it('takes a stray 0x1D inside a record whose length is right as data', () => {
    const r = record('a\x1db');
    expect(frames(r).map(text)).toEqual([r.toString('latin1')]);
  });

  it('never holds more than one record past 100 kB of bytes without a terminator', () => {
    const input = Buffer.concat([Buffer.from('12345'), Buffer.alloc(300_000, 0x41)]);
    const got = frames(input, 65_536);
    expect(got.length).toBeGreaterThan(0);
    expect(got.every((f) => f.end - f.start <= 100_005)).toBe(true);
    expect(got.reduce((n, f) => n + (f.end - f.start), 0)).toBeLessThanOrEqual(input.length);
  });
});
