/**
 * Recent answers of the search index, kept while the index stays the same (issue 4: "a cache for
 * frequent terms"; docs/search.md, "Result cache"). Readers ask the same things again and again —
 * a set text, a famous title, the page after the one they just read — and each answer costs a few
 * database statements. An answer is kept with the index generation it was computed at (every
 * transaction that writes documents adds one to it, on any node) and the network map it used;
 * once either moved on, the answer is not used again. The generation is read at most once per
 * `maxAgeMs` and at once after this process wrote documents itself, so a catalogue change is
 * searchable within the indexer's second plus that (the issue asks for 5 seconds).
 */
import { ReadEvery } from './read-every.js';

/** A bounded map that forgets the least recently used entry first. */
export class RecentlyUsed<K, V> {
  // A Map iterates in insertion order: re-inserting on use keeps the least recent first.
  private readonly entries = new Map<K, V>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    if (this.capacity <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** The index generation as last read, read again when older than `maxAgeMs` or when told it changed. */
export class GenerationWatch extends ReadEvery<number> {
  /** This process changed the index: the next search reads the generation again. */
  changed(): void {
    this.forget();
  }
}
