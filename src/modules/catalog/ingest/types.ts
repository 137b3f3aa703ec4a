import type { Flavour, MarcRecord, Problem } from '../domain/marc/index.js';

/** Where a record came from: how a member sent it (INTERFACES.md, `records.source_format`). */
export type SourceFormat = 'iso2709' | 'marcxml' | 'marcjson' | 'oai_dc' | 'api';

/**
 * One input to `ingestRecords`: a member record as read (its flavour and the format it came in),
 * or the deletion of a local id (OAI-PMH deleted, an explicit delete). A record whose leader/05
 * is `d` is a deletion too.
 */
export type ParsedInput =
  | { kind?: 'record'; record: MarcRecord; flavour: Flavour; sourceFormat: SourceFormat; position?: number }
  | { kind: 'delete'; localId: string; position?: number };

/** What became of the records of a batch (issue 3, "A batch reports"). */
export interface IngestCounts {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  rejected: number;
  /** Records stored with a warning (holdings values that could not be read): counted in created/updated too. */
  warnings: number;
}

const countNames = ['read', 'created', 'updated', 'unchanged', 'deleted', 'rejected', 'warnings'] as const;

export const noCounts = (): IngestCounts => ({ read: 0, created: 0, updated: 0, unchanged: 0, deleted: 0, rejected: 0, warnings: 0 });

/** Adds counts; a count missing on either side (a batch kept before it was counted) is 0. */
export function addCounts(into: IngestCounts, more: Partial<IngestCounts>): IngestCounts {
  for (const k of countNames) into[k] = (into[k] ?? 0) + (more[k] ?? 0);
  return into;
}

/** A record that could not be stored, with what is wrong (the importer keeps it in import_rejects). */
export interface IngestReject {
  /** 0-based index in `records`, and the input's own position when it had one. */
  index: number;
  position?: number;
  localId?: string;
  problems: Problem[];
}

/** A record stored with problems in its holdings (HOLDINGS' `extractHoldings`): kept with the batch as a warning. */
export interface IngestWarning {
  index: number;
  position?: number;
  localId: string;
  /** Severity 'warning', code 'holdings', the field (`952[2]$q`) and why. */
  problems: Problem[];
}

/** Who makes the change: a user (by id) or the system. */
export interface IngestActor {
  userId?: number | null;
}

export interface IngestOptions {
  /** The library's symbol. */
  library: string;
  records: readonly ParsedInput[];
  /** `import:<batch id>`, `harvest:<batch id>`, `edit`, `delete`: kept with each version. */
  via: string;
  actor?: IngestActor;
  batchId?: number;
  /** Records per transaction (default 1000). */
  chunkSize?: number;
}

export interface IngestResult extends IngestCounts {
  rejects: IngestReject[];
  /** The records counted in `warnings`, with their problems. */
  warned: IngestWarning[];
}
