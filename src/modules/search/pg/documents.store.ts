/**
 * The search module's tables (migration 0006): documents, holdings by library, suggestion terms.
 * Bulk statements, one JSON parameter each, so a page of a thousand documents is a few round trips.
 */
import type { Queryable } from '../../../platform/db/index.js';
import type { SearchDocument } from '../domain/document/build.js';
import { forgetRankedAnswers, forgetRankedAnswersOf } from './ranked-answers.js';

/** Writes these documents (new or replacing) and their holdings; removes the clusters in `gone`. */
export async function writeDocuments(tx: Queryable, docs: readonly SearchDocument[], gone: readonly number[]): Promise<void> {
  if (gone.length === 0 && docs.length === 0) return;
  await nextGeneration(tx);
  const ids = docs.map((d) => d.clusterId);
  // Kept ranked answers these documents match, as they were and (below) as they are written.
  await forgetRankedAnswersOf(tx, [...gone, ...ids]);
  if (gone.length > 0) await tx.query('DELETE FROM search_documents WHERE cluster_id = ANY($1::bigint[])', [gone]);
  if (docs.length === 0) return;
  const rows = docs.map((d) => ({
    cluster_id: d.clusterId, document: d.vector, title: d.title, title_key: d.titleKey, title_vernacular: d.vernacularTitle, author_vernacular: d.vernacularAuthor, author: d.author, author_key: d.authorKey,
    year: d.year, format: d.format, language: d.language, isbns: d.isbns, subjects: d.subjects, authors: d.authors,
    library_ids: d.libraryIds, alliance_ids: d.allianceIds, provinces: d.provinces, libraries: d.libraries,
    available_copies: d.availableCopies, static_score: d.staticScore, static_tiers: d.staticTiers, filter_lexemes: d.filterLexemes,
  }));
  await tx.query(
    `INSERT INTO search_documents AS s (cluster_id, document, title, title_key, title_vernacular, author_vernacular, author, author_key, year, format, language, isbns, subjects, authors,
                                        library_ids, alliance_ids, provinces, libraries, available_copies, static_score, static_tiers, filter_lexemes, indexed_at)
     SELECT r.cluster_id, r.document::tsvector, r.title, r.title_key, r.title_vernacular, r.author_vernacular, r.author, r.author_key, r.year, r.format, r.language,
            ARRAY(SELECT jsonb_array_elements_text(r.isbns)), ARRAY(SELECT jsonb_array_elements_text(r.subjects)),
            ARRAY(SELECT jsonb_array_elements_text(r.authors)), ARRAY(SELECT jsonb_array_elements_text(r.library_ids))::bigint[],
            ARRAY(SELECT jsonb_array_elements_text(r.alliance_ids))::bigint[], ARRAY(SELECT jsonb_array_elements_text(r.provinces)),
            r.libraries, r.available_copies, r.static_score, r.static_tiers, r.filter_lexemes, now()
       FROM jsonb_to_recordset($1::jsonb) AS r(cluster_id bigint, document text, title text, title_key text, title_vernacular text, author_vernacular text, author text, author_key text,
            year int, format text, language text, isbns jsonb, subjects jsonb, authors jsonb, library_ids jsonb, alliance_ids jsonb,
            provinces jsonb, libraries int, available_copies int, static_score real, static_tiers smallint, filter_lexemes smallint)
     ON CONFLICT (cluster_id) DO UPDATE SET document = excluded.document, title = excluded.title, title_key = excluded.title_key,
            title_vernacular = excluded.title_vernacular, author_vernacular = excluded.author_vernacular,
            author = excluded.author, author_key = excluded.author_key, year = excluded.year, format = excluded.format,
            language = excluded.language, isbns = excluded.isbns, subjects = excluded.subjects, authors = excluded.authors,
            library_ids = excluded.library_ids, alliance_ids = excluded.alliance_ids, provinces = excluded.provinces,
            libraries = excluded.libraries, available_copies = excluded.available_copies, static_score = excluded.static_score, static_tiers = excluded.static_tiers,
            filter_lexemes = excluded.filter_lexemes,
            indexed_at = excluded.indexed_at`,
    [JSON.stringify(rows)],
  );
  await forgetRankedAnswersOf(tx, ids);
  await tx.query('DELETE FROM search_holdings WHERE cluster_id = ANY($1::bigint[])', [ids]);
  const holdings = docs.flatMap((d) => d.holdings.map((h) => [d.clusterId, h.libraryId, h.copies, h.available]));
  if (holdings.length > 0) {
    await tx.query(
      `INSERT INTO search_holdings (cluster_id, library_id, copies, available)
       SELECT (h->>0)::bigint, (h->>1)::bigint, (h->>2)::int, (h->>3)::int FROM jsonb_array_elements($1::jsonb) AS h`,
      [JSON.stringify(holdings)],
    );
  }
}

/** Counts title and author words for "did you mean" (only ever up between rebuilds). */
export async function countTerms(tx: Queryable, terms: ReadonlyMap<string, number>): Promise<void> {
  if (terms.size === 0) return;
  // Sorted, so two indexers upserting the same terms take row locks in one order.
  const sorted = [...terms.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  await tx.query(
    `INSERT INTO search_terms AS t (term, documents)
     SELECT unnest($1::text[]), unnest($2::int[])
     ON CONFLICT (term) DO UPDATE SET documents = t.documents + excluded.documents`,
    [sorted.map((t) => t[0]), sorted.map((t) => t[1])],
  );
}

/** Removes documents of clusters no longer live, after a rebuild saw every live one (ids not in `seenUpTo`'s pages). */
/**
 * Counts one more change of the index, in the writing transaction: readers see the new generation
 * together with the documents it stands for. The row lock orders concurrent indexers' commits.
 */
async function nextGeneration(tx: Queryable): Promise<void> {
  await tx.query('UPDATE search_index_state SET generation = generation + 1');
}

/** The index's generation now (see nextGeneration). */
export async function indexGeneration(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ generation: string }>('SELECT generation FROM search_index_state');
  return Number(rows[0]?.generation ?? 0);
}

export async function removeDocumentsIndexedBefore(tx: Queryable, startedAt: Date): Promise<number> {
  await nextGeneration(tx);
  await forgetRankedAnswers(tx);
  const { rows } = await tx.query<{ n: string }>(
    'WITH d AS (DELETE FROM search_documents WHERE indexed_at < $1 RETURNING 1) SELECT count(*) AS n FROM d',
    [startedAt.toISOString()],
  );
  return Number(rows[0]!.n);
}

export async function clearTerms(tx: Queryable): Promise<void> {
  await tx.query('TRUNCATE search_terms');
}

export async function documentCount(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM search_documents');
  return Number(rows[0]!.n);
}
