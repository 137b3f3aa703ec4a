/**
 * MARC input and output for the catalogue: ISO 2709, MARCXML and MARC-in-JSON, MARC 21 and
 * UNIMARC/CNMARC, streaming and tolerant of the broken records real systems export (issue 3).
 * Pure of storage: readers take bytes and give records or reasons; writers take records and
 * give bytes.
 */
export * from './record.js';
export { problemCodes, hasError, type Problem, type ProblemCode, type Severity } from './problems.js';
export type { ByteSource, ReadOptions, ReadResult, RecordRead, RecordRejected } from './read-result.js';
export { defaultDecode, declaresUtf8, decodeUtf8, nfc, type DecodeContext, type DecodeProblem, type Decoded, type FieldDecoder } from './decode.js';
export { detectFlavour, evidenceOf, type FlavourEvidence } from './flavour.js';
export { sniffFormat, type MarcFormat } from './sniff.js';
export { readMarc, type ReadMarcOptions } from './read-any.js';
export { readIso2709, readIso2709Sync, type Iso2709ReadOptions } from './iso2709/reader.js';
export { Iso2709Writer, putIso2709Record, toIso2709, type Iso2709WriteOptions } from './iso2709/writer.js';
export { readMarcXml, readMarcXmlSync } from './marcxml/reader.js';
export { MARCXML_NAMESPACE, MarcXmlWriter, marcXmlRecord, putMarcXmlRecord, toMarcXml, toMarcXmlCollection } from './marcxml/writer.js';
export { readMarcJson, readMarcJsonSync } from './marcjson/reader.js';
export { MarcJsonWriter, marcJsonRecord, toMarcJson, type MarcJson } from './marcjson/writer.js';
export { ByteSink } from './byte-sink.js';
