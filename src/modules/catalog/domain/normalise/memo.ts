/**
 * Remembering a string function's answers. Names, publishers and extents repeat from record to
 * record of a catalogue ("Oxford University Press", "Smith, John", "xii, 345 p."), and folding
 * them again each time was a good part of normalising a record. The cache is emptied when full:
 * no order to keep, and a catalogue's common strings come back at once.
 */
export function remembered<T>(fn: (s: string) => T, limit = 8192): (s: string) => T {
  const cache = new Map<string, T>();
  return (s: string): T => {
    let v = cache.get(s);
    if (v === undefined && !cache.has(s)) {
      if (cache.size >= limit) cache.clear();
      v = fn(s);
      cache.set(s, v);
    }
    return v as T;
  };
}
