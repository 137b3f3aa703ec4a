import { describe, expect, it } from 'vitest';
import { GenerationWatch, RecentlyUsed } from './result-cache.js';

describe('RecentlyUsed', () => {
  it('forgets the answer used least recently when full', () => {
    const kept = new RecentlyUsed<string, number>(2);
    kept.set('jazz', 1);
    kept.set('红楼梦', 2);
    expect(kept.get('jazz')).toBe(1); // now 红楼梦 is the least recent
    kept.set('history', 3);
    expect(kept.get('红楼梦')).toBeUndefined();
    expect(kept.get('jazz')).toBe(1);
    expect(kept.get('history')).toBe(3);
    expect(kept.size).toBe(2);
  });

  it('keeps nothing when its capacity is 0', () => {
    const none = new RecentlyUsed<string, number>(0);
    none.set('jazz', 1);
    expect(none.get('jazz')).toBeUndefined();
  });
});

describe('GenerationWatch', () => {
  it('reads the generation once per period, once for all who ask together, and at once after a change here', async () => {
    let clock = 0;
    let stored = 7;
    let reads = 0;
    const watch = new GenerationWatch(async () => (reads++, stored), 1000, () => clock);
    expect(await Promise.all([watch.current(), watch.current(), watch.current()])).toEqual([7, 7, 7]);
    expect(reads).toBe(1);
    stored = 8; // another node's indexer wrote
    clock = 999;
    expect(await watch.current()).toBe(7);
    clock = 1000;
    expect(await watch.current()).toBe(8);
    stored = 9; // this process's indexer wrote
    watch.changed();
    expect(await watch.current()).toBe(9);
    expect(reads).toBe(3);
  });
});
