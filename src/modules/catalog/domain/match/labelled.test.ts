/**
 * The labelled hard cases from the shared real records (test/fixtures/dedup/labelled.json,
 * built by build_labelled.py): each judged pair, by its reason, and the whole set clustered
 * one record at a time as the catalog service does it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Flavour, MarcRecord } from '../marc/record.js';
import { normalise, type NormalisedRecord } from '../normalise/index.js';
import { ClusterIndex } from './cluster.js';
import { decide } from './decide.js';

interface Labelled {
  records: { id: string; flavour: Flavour; manifestation: string; record: MarcRecord }[];
  pairs: { a: string; b: string; same: boolean; reason: string }[];
}

const file = path.resolve(import.meta.dirname, '../../../../../test/fixtures/dedup/labelled.json');
const set = JSON.parse(readFileSync(file, 'utf8')) as Labelled;
const normalised = new Map<string, NormalisedRecord>(set.records.map((r) => [r.id, normalise(r.record, r.flavour)]));

describe('labelled pairs from the shared records', () => {
  it.each(set.pairs.filter((p) => p.same).map((p) => [p.a, p.b, p.reason]))('same: %s = %s (%s)', (a, b) => {
    expect(decide(normalised.get(a)!, normalised.get(b)!).same).toBe(true);
  });

  it.each(set.pairs.filter((p) => !p.same).map((p) => [p.a, p.b, p.reason]))('different: %s ≠ %s (%s)', (a, b) => {
    const d = decide(normalised.get(a)!, normalised.get(b)!);
    expect(d.same).toBe(false);
    expect(d.reasons.some((r) => r.effect === 'veto') || d.score < 10).toBe(true);
  });
});

describe('clustering the labelled set one record at a time', () => {
  for (const [order, records] of [['in file order', set.records], ['in reverse order', [...set.records].reverse()]] as const) {
    it(`puts exactly the same manifestations together ${order}`, () => {
      const index = new ClusterIndex();
      const clusterOf = new Map(records.map((r) => [r.id, index.add(normalised.get(r.id)!)]));
      const byCluster = new Map<number, Set<string>>();
      for (const r of records) {
        const c = clusterOf.get(r.id)!;
        byCluster.set(c, (byCluster.get(c) ?? new Set()).add(r.manifestation));
      }
      // No cluster mixes manifestations (precision), and each manifestation is one cluster (recall).
      expect([...byCluster.values()].filter((m) => m.size > 1)).toEqual([]);
      const clustersPerManifestation = new Map<string, Set<number>>();
      for (const r of records) {
        clustersPerManifestation.set(r.manifestation, (clustersPerManifestation.get(r.manifestation) ?? new Set()).add(clusterOf.get(r.id)!));
      }
      expect([...clustersPerManifestation].filter(([, c]) => c.size > 1).map(([m]) => m)).toEqual([]);
    });
  }
});
