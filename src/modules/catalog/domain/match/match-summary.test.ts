import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Flavour, MarcRecord } from '../marc/record.js';
import { normalise } from '../normalise/index.js';
import { decide } from './decide.js';
import { matchPartOf, matchSummaryFrom, storedMatchSummary } from './match-summary.js';

interface Labelled {
  records: { id: string; flavour: Flavour; record: MarcRecord }[];
}
const file = path.resolve(import.meta.dirname, '../../../../../test/fixtures/dedup/labelled.json');
const records = (JSON.parse(readFileSync(file, 'utf8')) as Labelled).records.map((r) => normalise(r.record, r.flavour));
/** As a cluster's row gives it back: stored as JSON, read as JSON. */
const stored = (n: (typeof records)[number]) => matchSummaryFrom(JSON.parse(JSON.stringify(storedMatchSummary(n))));

describe("a cluster's match summary", () => {
  it('decides every pair of the labelled records as their whole normalised documents do, with the same reasons', () => {
    const summaries = records.map((b) => stored(b)!);
    for (const a of records) {
      for (const [i, b] of records.entries()) {
        const whole = decide(a, b);
        const summary = decide(a, summaries[i]!);
        expect({ same: summary.same, score: summary.score, reasons: summary.reasons }).toEqual({ same: whole.same, score: whole.score, reasons: whole.reasons });
      }
    }
  });

  it('keeps, as the part a plan holds, the same elements as the stored form, and decides as the whole records do', () => {
    const parts = records.map(matchPartOf);
    for (const [i, a] of records.entries()) {
      expect(Object.keys(parts[i]!).sort()).toEqual(Object.keys(stored(a)!).sort());
      for (const [j, b] of records.entries()) {
        const whole = decide(a, b);
        const part = decide(parts[i]!, parts[j]!);
        expect({ same: part.same, score: part.score, reasons: part.reasons }).toEqual({ same: whole.same, score: whole.score, reasons: whole.reasons });
      }
    }
  });

  it('is not read from another version of its stored form, nor from nothing', () => {
    const n = records[0]!;
    expect(matchSummaryFrom([2, ...storedMatchSummary(n).slice(1)])).toBeNull();
    expect(matchSummaryFrom(storedMatchSummary(n).slice(0, -1))).toBeNull();
    expect(matchSummaryFrom(null)).toBeNull();
  });
});
