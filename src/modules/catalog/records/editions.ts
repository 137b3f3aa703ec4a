import type { Queryable } from '../../../platform/db/index.js';
import { isDataField, type Flavour, type MarcRecord } from '../domain/marc/index.js';
import { clustersOfWork } from './editions.store.js';
import { resolveCluster } from './service.js';

/** One other edition of a work, as the reader's record page lists it. */
export interface Edition {
  id: number;
  title: string | null;
  author: string | null;
  edition: string | null;
  year: number | null;
  format: string | null;
  holdingCount: number;
}

/** At most this many: a work with hundreds of printings is listed by search, not on a record page. */
export const EDITIONS_LIMIT = 50;

/**
 * The edition statement of a record: MARC 21 250 $a (with $b), UNIMARC 205 $a (with $b), without
 * ISBD's closing punctuation. Null when the record has none.
 */
export function editionStatement(record: MarcRecord, flavour: Flavour): string | null {
  const tag = flavour === 'unimarc' ? '205' : '250';
  const field = record.fields.find((f) => isDataField(f) && f.tag === tag);
  if (!field || !isDataField(field)) return null;
  const text = field.subfields
    .filter((s) => s.code === 'a' || s.code === 'b')
    .map((s) => s.value.trim())
    .filter(Boolean)
    .join(' ')
    .replace(/[\s/:;,=]+$/u, '')
    .trim();
  return text === '' ? null : text;
}

/**
 * The other editions of a cluster's work: the clusters that share its work key (the matcher's key
 * for one work across editions and printings). A merged cluster answers for the one it became.
 */
export async function editionsOf(db: Queryable, id: number): Promise<{ id: number; workKey: string | null; editions: Edition[] }> {
  const cluster = await resolveCluster(db, id);
  if (!cluster.workKey) return { id: cluster.id, workKey: null, editions: [] };
  const rows = await clustersOfWork(db, cluster.workKey, cluster.id, EDITIONS_LIMIT);
  return {
    id: cluster.id,
    workKey: cluster.workKey,
    editions: rows.map((r) => ({
      id: r.id,
      title: r.summary.title || null,
      author: r.summary.author ?? null,
      edition: r.record && r.flavour ? editionStatement(r.record, r.flavour) : null,
      year: typeof r.summary.year === 'number' ? r.summary.year : null,
      format: r.summary.format ?? null,
      holdingCount: r.holdingCount,
    })),
  };
}
