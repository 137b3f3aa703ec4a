import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODE128, code128Bars, code128Values } from './code128.js';

/** Reads bars back into text the way a scanner does: widths to symbols, check digit verified. */
function scan(bars: [number, number][]): string {
  const widths: number[] = [];
  for (let i = 0; i < bars.length; i++) {
    widths.push(bars[i]![1]);
    if (i + 1 < bars.length) widths.push(bars[i + 1]![0] - bars[i]![0] - bars[i]![1]);
  }
  const symbols: number[] = [];
  for (let i = 0; i < widths.length; ) {
    const stop = CODE128.patterns[CODE128.stop];
    if (widths.slice(i).join('') === stop) {
      symbols.push(CODE128.stop);
      break;
    }
    symbols.push(CODE128.patterns.indexOf(widths.slice(i, i + 6).join('') as never));
    i += 6;
  }
  expect(symbols[0]).toBe(CODE128.startB);
  expect(symbols.at(-1)).toBe(CODE128.stop);
  const data = symbols.slice(1, -2);
  const check = symbols.at(-2)!;
  expect((CODE128.startB + data.reduce((s, v, i) => s + v * (i + 1), 0)) % 103).toBe(check);
  return String.fromCharCode(...data.map((v) => v + 32));
}

describe('Code 128 B', () => {
  it('has 106 symbols of eleven modules each and a stop of thirteen, all different', () => {
    expect(CODE128.patterns).toHaveLength(107);
    for (const p of CODE128.patterns.slice(0, 106)) expect([...p].reduce((s, d) => s + Number(d), 0)).toBe(11);
    expect([...CODE128.patterns[106]].reduce((s, d) => s + Number(d), 0)).toBe(13);
    expect(new Set(CODE128.patterns).size).toBe(107);
  });

  it('computes the check symbol: start B weighted 1, each character by its position', () => {
    // "LEND-1": 104 + 44·1 + 37·2 + 46·3 + 36·4 + 13·5 + 17·6 = 671; 671 mod 103 = 53.
    expect(code128Values('LEND-1')).toEqual([104, 44, 37, 46, 36, 13, 17, 53, 106]);
  });

  it('reads back what it drew (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 32, max: 126 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 30 }), (text) => {
        expect(scan(code128Bars(text).bars)).toBe(text);
      }),
    );
  });

  it('refuses what subset B cannot encode', () => {
    expect(() => code128Values('借')).toThrow(RangeError);
  });
});
