import { ByteSink, marcJsonRecord, putIso2709Record, putMarcXmlRecord, type Flavour, type MarcRecord, type Problem } from '../domain/marc/index.js';

/** The formats records go out in. */
export const exportFormats = ['iso2709', 'marcxml', 'marcjson'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** Media types (RFC 2220 for ISO 2709 MARC; the LC MARCXML type; JSON for MARC-in-JSON). */
export const contentTypes: Record<ExportFormat, string> = {
  iso2709: 'application/marc',
  marcxml: 'application/marcxml+xml; charset=utf-8',
  marcjson: 'application/json; charset=utf-8',
};

export const fileExtensions: Record<ExportFormat, string> = { iso2709: 'mrc', marcxml: 'xml', marcjson: 'json' };

/** A record to write, with its flavour (ISO 2709 writes the entry map and character set by it). */
export interface OutgoingRecord {
  record: MarcRecord;
  flavour: Flavour;
}

/**
 * Encodes a file of records piece by piece: `start()`, then `add()` per batch, then `end()`,
 * each giving bytes to send. A MARCXML collection, a JSON array, or ISO 2709 records one after
 * the other. A record that cannot be written (ISO 2709 limits) is left out and counted, with
 * its problems kept for the report.
 */
export class RecordEncoder {
  written = 0;
  skipped: { record: MarcRecord; problems: Problem[] }[] = [];
  private readonly sink = new ByteSink(1 << 20);

  constructor(readonly format: ExportFormat) {}

  start(): Buffer {
    if (this.format === 'marcxml') return Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim">\n');
    if (this.format === 'marcjson') return Buffer.from('[');
    return Buffer.alloc(0);
  }

  add(records: readonly OutgoingRecord[]): Buffer {
    for (const { record, flavour } of records) {
      const problems: Problem[] = [];
      if (this.format === 'iso2709') {
        if (!putIso2709Record(this.sink, record, problems, { flavour })) {
          this.skipped.push({ record, problems });
          continue;
        }
      } else if (this.format === 'marcxml') putMarcXmlRecord(this.sink, record, problems, { flavour });
      else {
        this.sink.ascii(this.written === 0 ? '\n' : ',\n');
        this.sink.utf8(JSON.stringify(marcJsonRecord(record)));
      }
      this.written++;
    }
    return this.sink.take();
  }

  end(): Buffer {
    if (this.format === 'marcxml') return Buffer.from('</collection>\n');
    if (this.format === 'marcjson') return Buffer.from('\n]\n');
    return Buffer.alloc(0);
  }
}

/** One record in a format, for the raw view of a record (`?format=`). */
export function encodeOne(format: ExportFormat, r: OutgoingRecord): Buffer {
  if (format === 'marcjson') return Buffer.from(JSON.stringify(marcJsonRecord(r.record)));
  const e = new RecordEncoder(format);
  if (format === 'marcxml') {
    const sink = new ByteSink();
    sink.ascii('<?xml version="1.0" encoding="UTF-8"?>\n');
    putMarcXmlRecord(sink, r.record, [], { namespace: true, flavour: r.flavour });
    return sink.take();
  }
  return Buffer.concat([e.start(), e.add([r]), e.end()]);
}
