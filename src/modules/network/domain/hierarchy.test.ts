import { describe, expect, it } from 'vitest';
import { cycleThrough, lineage } from './hierarchy.js';

const parents = new Map<string, string | null>([
  ['CALIS', null],
  ['CALIS-EAST-NORTH', 'CALIS'],
  ['JALIS', 'CALIS-EAST-NORTH'],
  ['LOOP-A', 'LOOP-B'],
  ['LOOP-B', 'LOOP-A'],
  ['TAIL', 'LOOP-A'],
]);

describe('the alliance hierarchy', () => {
  it('follows an alliance up to its root', () => {
    expect(lineage('JALIS', parents)).toEqual(['JALIS', 'CALIS-EAST-NORTH', 'CALIS']);
    expect(cycleThrough('JALIS', parents)).toBeUndefined();
  });

  it('finds the cycle an alliance is part of, written from it back to it', () => {
    expect(cycleThrough('LOOP-A', parents)).toEqual(['LOOP-A', 'LOOP-B', 'LOOP-A']);
    expect(cycleThrough('SELF', new Map([['SELF', 'SELF']]))).toEqual(['SELF', 'SELF']);
  });

  it('leaves a cycle further up to the alliances in it', () => {
    expect(cycleThrough('TAIL', parents)).toBeUndefined();
    expect(lineage('TAIL', parents)).toEqual(['TAIL', 'LOOP-A', 'LOOP-B']);
  });
});
