import { describe, expect, it } from 'vitest';
import { aBook } from '../../../../test/fixtures/dedup/a-record.js';
import { matchKeys } from '../domain/match/index.js';
import { normalise } from '../domain/normalise/index.js';
import { BatchClusterer, keysLookedAt, type StoredCluster } from './assign.js';

const LCCN = 'lccn:2001012345';
/** Summerland with an LCCN that every reprint of the work carries. */
const book = (isbn: string | string[], title = 'Summerland') => normalise(aBook({ isbn, title, extra: ['010    $a2001012345'] }), 'marc21');

describe('candidate clusters under a crowded key', () => {
  it('are looked at only by a record with no other key', () => {
    expect(keysLookedAt(['isbn:9780786808779', LCCN], new Set([LCCN]))).toEqual(['isbn:9780786808779']);
    expect(keysLookedAt([LCCN], new Set([LCCN]))).toEqual([LCCN]);
    expect(keysLookedAt(['isbn:9780786808779', LCCN], new Set())).toEqual(['isbn:9780786808779', LCCN]);
  });

  it('leave a record with another key to find its cluster through that key', () => {
    const held = book('0786808772');
    const stored = new Map<number, StoredCluster>([[7, { representative: held, displayRecordId: 70 }]]);
    expect(matchKeys(held)).toContain(LCCN);
    const copy = book('0786808772');
    const crowdedAssign = (keysOfCluster: Map<string, number[]>) =>
      new BatchClusterer(keysOfCluster, stored, [], new Map(), undefined, new Set([LCCN]))
        .assign({ recordId: 1, normalised: copy, keys: matchKeys(copy), oldClusterId: null, aloneInOldCluster: false });
    // Filed under its ISBN and the LCCN: found through the ISBN.
    expect(crowdedAssign(new Map([['isbn:9780786808779', [7]], [LCCN, [7]]]))).toBe(7);
    // Filed under the crowded LCCN alone (another ISBN): not a candidate of a record with an ISBN and a `bib:` key of its own.
    expect(crowdedAssign(new Map([[LCCN, [7]]]))).toBeLessThan(0);
  });
});
