/**
 * A value read again at most every `maxAgeMs`, searches asking meanwhile sharing one read: the
 * index generation, the network map, the lexeme statistics.
 */
export class ReadEvery<T> {
  private known: { value: T; at: number } | null = null;
  private pending: Promise<T> | null = null;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly maxAgeMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  async current(): Promise<T> {
    if (this.known && this.now() - this.known.at < this.maxAgeMs) return this.known.value;
    this.pending ??= this.read()
      .then((value) => {
        this.known = { value, at: this.now() };
        return value;
      })
      .finally(() => (this.pending = null));
    return this.pending;
  }

  /** Read again at the next ask. */
  forget(): void {
    this.known = null;
  }
}
