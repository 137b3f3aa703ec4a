import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { ByteSink } from './byte-sink.js';

/**
 * Where a streaming writer encodes records: a ByteSink handed to a Writable in large chunks,
 * waiting when the stream asks to (backpressure). One stream call per megabyte rather than per
 * record.
 */
export class ChunkedOutput {
  readonly sink: ByteSink;

  constructor(
    private readonly out: Writable,
    private readonly chunkSize = 1 << 20,
  ) {
    this.sink = new ByteSink(chunkSize + (chunkSize >> 2));
  }

  /** Call after each record: sends a chunk when one is full; a promise only then. */
  written(): Promise<void> | undefined {
    return this.sink.pos >= this.chunkSize ? this.flush() : undefined;
  }

  /** Sends what is gathered. */
  async flush(): Promise<void> {
    if (this.sink.pos === 0) return;
    if (!this.out.write(this.sink.take())) await once(this.out, 'drain');
  }

  /** Sends the rest, ends the stream and waits until it is finished. */
  async end(): Promise<void> {
    await this.flush();
    this.out.end();
    await finished(this.out);
  }
}
