import type { Writable } from 'node:stream';
import { ChunkedOutput } from '../output.js';
import { isDataField, type MarcRecord } from '../record.js';

/** The MARC-in-JSON shape of a record: `{leader, fields: [{"245": {ind1, ind2, subfields: [{"a": "…"}]}}]}`. */
export interface MarcJson {
  leader: string;
  fields: Record<string, string | { ind1: string; ind2: string; subfields: Record<string, string>[] }>[];
}

/** A record as a MARC-in-JSON object (for an API response, JSON.stringify it or let the framework). */
export function marcJsonRecord(record: MarcRecord): MarcJson {
  return {
    leader: record.leader,
    fields: record.fields.map((f) =>
      isDataField(f)
        ? { [f.tag]: { ind1: f.ind1, ind2: f.ind2, subfields: f.subfields.map((s) => ({ [s.code]: s.value })) } }
        : { [f.tag]: f.value },
    ),
  };
}

/** One record as MARC-in-JSON text. */
export const toMarcJson = (record: MarcRecord): string => JSON.stringify(marcJsonRecord(record));

/**
 * Writes MARC-in-JSON to a stream: a JSON array (`layout: 'array'`, the default) or one record
 * per line (`'lines'`, JSON lines), in large chunks.
 */
export class MarcJsonWriter {
  private readonly output: ChunkedOutput;
  private count = 0;

  constructor(
    out: Writable,
    private readonly options: { layout?: 'array' | 'lines'; chunkSize?: number } = {},
  ) {
    this.output = new ChunkedOutput(out, options.chunkSize);
  }

  write(record: MarcRecord): Promise<void> | undefined {
    const lines = this.options.layout === 'lines';
    if (!lines) this.output.sink.ascii(this.count === 0 ? '[\n' : ',\n');
    this.output.sink.utf8(toMarcJson(record));
    if (lines) this.output.sink.byte(0x0a);
    this.count++;
    return this.output.written();
  }

  async end(): Promise<void> {
    if (this.options.layout !== 'lines') this.output.sink.ascii(this.count === 0 ? '[]\n' : '\n]\n');
    await this.output.end();
  }
}
