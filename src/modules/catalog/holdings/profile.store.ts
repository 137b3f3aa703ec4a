/** The SQL of catalog profiles (catalog_profiles): how a member's records and items are read. */
import type { Queryable } from '../../../platform/db/index.js';

export interface CatalogProfileRow {
  local_id_field: string;
  flavour: string;
  charset: string | null;
  item_profile: string;
  item_mapping: Record<string, unknown>;
  source_priority: number;
  harvest: Record<string, unknown> | null;
  updated_at: Date | string;
}

export interface CatalogProfileValues {
  localIdField: string;
  flavour: string;
  charset: string | null;
  itemProfile: string;
  itemMapping: Record<string, unknown>;
  sourcePriority: number;
  harvest: Record<string, unknown> | null;
}

export const profileStore = {
  async get(db: Queryable, libraryId: number): Promise<CatalogProfileRow | undefined> {
    const { rows } = await db.query<CatalogProfileRow>('SELECT * FROM catalog_profiles WHERE library_id = $1', [libraryId]);
    return rows[0];
  },

  /** Creates or replaces the library's profile. */
  async put(tx: Queryable, libraryId: number, p: CatalogProfileValues): Promise<CatalogProfileRow> {
    const { rows } = await tx.query<CatalogProfileRow>(
      `INSERT INTO catalog_profiles (library_id, local_id_field, flavour, charset, item_profile, item_mapping, source_priority, harvest, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8::jsonb, now())
       ON CONFLICT (library_id) DO UPDATE SET
         local_id_field = EXCLUDED.local_id_field, flavour = EXCLUDED.flavour, charset = EXCLUDED.charset,
         item_profile = EXCLUDED.item_profile, item_mapping = EXCLUDED.item_mapping,
         source_priority = EXCLUDED.source_priority, harvest = EXCLUDED.harvest, updated_at = now()
       RETURNING *`,
      [libraryId, p.localIdField, p.flavour, p.charset, p.itemProfile, JSON.stringify(p.itemMapping), p.sourcePriority, p.harvest === null ? null : JSON.stringify(p.harvest)],
    );
    return rows[0]!;
  },
};
