import type { Queryable } from '../../platform/db/index.js';
import type { AllianceFields, GovernanceBody, Member } from './domain/document.js';
import { withoutUndefined } from './domain/same.js';

/** A member as shown: the library's symbol and names, its role and when it joined. */
export type MemberView = Member & { libraryName: { zh: string; en: string } };

/** An alliance as stored: its own fields, members, governance and the alliances one tier down. */
export interface AllianceRecord {
  id: number;
  fields: AllianceFields;
  members: MemberView[];
  governance: GovernanceBody[];
  children: string[];
}

export interface AllianceSummary {
  fields: AllianceFields;
  memberCount: number;
}

export interface AllianceFilter {
  kind?: string;
  tier?: string;
  parent?: string;
  province?: string;
  limit: number;
  offset: number;
}

interface AllianceRow {
  id: number;
  code: string;
  name_zh: string;
  name_en: string;
  kind: AllianceFields['kind'];
  tier: AllianceFields['tier'];
  parent: string | null;
  management_centre: string | null;
  founded: number | null;
  stated_member_count: number | null;
  province: AllianceFields['province'] | null;
  organisation_model: AllianceFields['organisationModel'] | null;
  management_model: AllianceFields['managementModel'] | null;
  website: string | null;
  description_zh: string | null;
  description_en: string | null;
}

const fieldColumns = `a.id, a.code, a.name_zh, a.name_en, a.kind, a.tier, p.code AS parent, mc.symbol AS management_centre,
  a.founded, a.stated_member_count, a.province, a.organisation_model, a.management_model, a.website, a.description_zh, a.description_en`;
const fieldJoins = `LEFT JOIN alliances p ON p.id = a.parent_id LEFT JOIN libraries mc ON mc.id = a.management_centre_id`;

// Members, governance (bodies with their seats) and children, each as one json value beside the row.
const nestedColumns = `
  coalesce((SELECT json_agg(json_build_object('library', l.symbol, 'role', m.role, 'joined', to_char(m.joined, 'YYYY-MM-DD'),
                                              'libraryName', json_build_object('zh', l.name_zh, 'en', l.name_en)) ORDER BY m.position)
              FROM memberships m JOIN libraries l ON l.id = m.library_id WHERE m.alliance_id = a.id), '[]'::json) AS members,
  coalesce((SELECT json_agg(json_build_object('body', b.body, 'zh', b.name_zh, 'en', b.name_en, 'seats',
                     (SELECT json_agg(json_build_object('position', s.position, 'library', sl.symbol, 'person', s.person,
                                                        'termStart', to_char(s.term_start, 'YYYY-MM-DD'),
                                                        'termEnd', to_char(s.term_end, 'YYYY-MM-DD')) ORDER BY s.ordinal)
                        FROM governance_seats s LEFT JOIN libraries sl ON sl.id = s.library_id WHERE s.body_id = b.id)) ORDER BY b.position)
              FROM governance_bodies b WHERE b.alliance_id = a.id), '[]'::json) AS governance,
  coalesce((SELECT json_agg(c.code ORDER BY c.code) FROM alliances c WHERE c.parent_id = a.id), '[]'::json) AS children`;

type NestedRow = AllianceRow & {
  members: (Omit<MemberView, 'joined'> & { joined: string | null })[];
  governance: { body: GovernanceBody['body']; zh: string | null; en: string | null; seats: Record<string, string | null>[] | null }[];
  children: string[];
};

function fieldsOf(r: AllianceRow): AllianceFields {
  return withoutUndefined({
    code: r.code,
    name: { zh: r.name_zh, en: r.name_en },
    kind: r.kind,
    tier: r.tier,
    parent: r.parent ?? undefined,
    managementCentre: r.management_centre ?? undefined,
    founded: r.founded ?? undefined,
    statedMemberCount: r.stated_member_count ?? undefined,
    province: r.province ?? undefined,
    organisationModel: r.organisation_model ?? undefined,
    managementModel: r.management_model ?? undefined,
    website: r.website ?? undefined,
    description: r.description_zh !== null && r.description_en !== null ? { zh: r.description_zh, en: r.description_en } : undefined,
  });
}

const noNulls = <T extends object>(o: Record<string, unknown>): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;

function recordOf(r: NestedRow): AllianceRecord {
  return {
    id: r.id,
    fields: fieldsOf(r),
    members: r.members.map((m) => noNulls<MemberView>(m)),
    governance: r.governance.map((b) =>
      withoutUndefined({
        body: b.body,
        name: b.zh !== null && b.en !== null ? { zh: b.zh, en: b.en } : undefined,
        seats: b.seats?.map((s) => noNulls<NonNullable<GovernanceBody['seats']>[number]>(s)),
      }),
    ),
    children: r.children,
  };
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

function fieldParams(f: AllianceFields): unknown[] {
  return [
    f.code,
    f.name.zh,
    f.name.en,
    f.kind,
    f.tier,
    f.managementCentre ?? null,
    f.founded ?? null,
    f.statedMemberCount ?? null,
    f.province ?? null,
    f.organisationModel ?? null,
    f.managementModel ?? null,
    f.website ?? null,
    f.description?.zh ?? null,
    f.description?.en ?? null,
  ];
}

/** The SQL of alliances, memberships and governance (the network module's tables). */
export const allianceStore = {
  async byCode(db: Queryable, code: string): Promise<AllianceRecord | undefined> {
    const { rows } = await db.query<NestedRow>(`SELECT ${fieldColumns}, ${nestedColumns} FROM alliances a ${fieldJoins} WHERE a.code = $1`, [code]);
    return rows[0] && recordOf(rows[0]);
  },

  async byCodes(db: Queryable, codes: readonly string[]): Promise<Map<string, AllianceRecord>> {
    if (!codes.length) return new Map();
    const { rows } = await db.query<NestedRow>(`SELECT ${fieldColumns}, ${nestedColumns} FROM alliances a ${fieldJoins} WHERE a.code = ANY($1::text[])`, [codes]);
    return new Map(rows.map((r) => [r.code, recordOf(r)]));
  },

  /** Every alliance with members and governance, in the order they were added (the export's order). */
  async all(db: Queryable): Promise<AllianceRecord[]> {
    const { rows } = await db.query<NestedRow>(`SELECT ${fieldColumns}, ${nestedColumns} FROM alliances a ${fieldJoins} ORDER BY a.id`);
    return rows.map(recordOf);
  },

  /** Every alliance's code and its parent's: the hierarchy, for reference and cycle checks. */
  async hierarchy(db: Queryable): Promise<Map<string, string | null>> {
    const { rows } = await db.query<{ code: string; parent: string | null }>('SELECT a.code, p.code AS parent FROM alliances a LEFT JOIN alliances p ON p.id = a.parent_id');
    return new Map(rows.map((r) => [r.code, r.parent]));
  },

  async list(db: Queryable, f: AllianceFilter): Promise<{ items: AllianceSummary[]; total: number }> {
    const where = `($1::text IS NULL OR a.kind = $1) AND ($2::text IS NULL OR a.tier = $2)
      AND ($3::text IS NULL OR p.code = $3) AND ($4::text IS NULL OR a.province = $4)`;
    const args = [f.kind ?? null, f.tier ?? null, f.parent ?? null, f.province ?? null];
    const { rows } = await db.query<AllianceRow & { member_count: number; total: number }>(
      `SELECT ${fieldColumns}, (SELECT count(*)::int FROM memberships m WHERE m.alliance_id = a.id) AS member_count, count(*) OVER ()::int AS total
         FROM alliances a ${fieldJoins} WHERE ${where} ORDER BY a.code LIMIT $5 OFFSET $6`,
      [...args, f.limit, f.offset],
    );
    const items = rows.map((r) => ({ fields: fieldsOf(r), memberCount: r.member_count }));
    if (rows.length || f.offset === 0) return { items, total: rows[0]?.total ?? 0 };
    const count = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM alliances a ${fieldJoins} WHERE ${where}`, args);
    return { items, total: count.rows[0]?.total ?? 0 };
  },

  /** Adds an alliance; its parent is set by {@link allianceStore.setParent}, once the parent exists. */
  async insert(db: Queryable, f: AllianceFields): Promise<number> {
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO alliances (code, name_zh, name_en, kind, tier, management_centre_id, founded, stated_member_count, province,
                              organisation_model, management_model, website, description_zh, description_en)
       VALUES ($1, $2, $3, $4, $5, (SELECT id FROM libraries WHERE symbol = $6), $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      fieldParams(f),
    );
    return rows[0]!.id;
  },

  async update(db: Queryable, id: number, f: AllianceFields): Promise<void> {
    await db.query(
      `UPDATE alliances SET code = $1, name_zh = $2, name_en = $3, kind = $4, tier = $5,
              management_centre_id = (SELECT id FROM libraries WHERE symbol = $6), founded = $7, stated_member_count = $8,
              province = $9, organisation_model = $10, management_model = $11, website = $12, description_zh = $13,
              description_en = $14, updated_at = now()
        WHERE id = $15`,
      [...fieldParams(f), id],
    );
  },

  async setParent(db: Queryable, id: number, parent: string | undefined): Promise<void> {
    await db.query('UPDATE alliances SET parent_id = (SELECT id FROM alliances WHERE code = $2) WHERE id = $1', [id, parent ?? null]);
  },

  async touch(db: Queryable, id: number): Promise<void> {
    await db.query('UPDATE alliances SET updated_at = now() WHERE id = $1', [id]);
  },

  async delete(db: Queryable, id: number): Promise<void> {
    await db.query('DELETE FROM alliances WHERE id = $1', [id]);
  },

  /** Replaces the member list with the given one, in its order. */
  async replaceMembers(db: Queryable, allianceId: number, members: readonly Member[]): Promise<void> {
    await db.query('DELETE FROM memberships WHERE alliance_id = $1', [allianceId]);
    if (!members.length) return;
    await db.query(
      `INSERT INTO memberships (alliance_id, library_id, role, joined, position)
       SELECT $1, l.id, x.role, x.joined, x.position
         FROM jsonb_to_recordset($2::jsonb) AS x(library text, role text, joined date, position int)
         JOIN libraries l ON l.symbol = x.library`,
      [allianceId, json(members.map((m, position) => ({ ...m, position })))],
    );
  },

  /** Adds one member at the end of the list; false when it is a member already. */
  async addMember(db: Queryable, allianceId: number, m: Member): Promise<boolean> {
    const { rowCount } = await db.query(
      `INSERT INTO memberships (alliance_id, library_id, role, joined, position)
       SELECT $1, l.id, $3, $4::date, coalesce((SELECT max(position) + 1 FROM memberships WHERE alliance_id = $1), 0)
         FROM libraries l WHERE l.symbol = $2
       ON CONFLICT (alliance_id, library_id) DO NOTHING`,
      [allianceId, m.library, m.role, m.joined ?? null],
    );
    return rowCount > 0;
  },

  async updateMember(db: Queryable, allianceId: number, m: Member): Promise<boolean> {
    const { rowCount } = await db.query(
      `UPDATE memberships SET role = $3, joined = $4::date
        WHERE alliance_id = $1 AND library_id = (SELECT id FROM libraries WHERE symbol = $2)`,
      [allianceId, m.library, m.role, m.joined ?? null],
    );
    return rowCount > 0;
  },

  async removeMember(db: Queryable, allianceId: number, library: string): Promise<boolean> {
    const { rowCount } = await db.query('DELETE FROM memberships WHERE alliance_id = $1 AND library_id = (SELECT id FROM libraries WHERE symbol = $2)', [
      allianceId,
      library,
    ]);
    return rowCount > 0;
  },

  /** Replaces the alliance's governance bodies and their seats with the given ones. */
  async replaceGovernance(db: Queryable, allianceId: number, bodies: readonly GovernanceBody[]): Promise<void> {
    await db.query('DELETE FROM governance_bodies WHERE alliance_id = $1', [allianceId]);
    for (const [position, b] of bodies.entries()) {
      const { rows } = await db.query<{ id: number }>(
        'INSERT INTO governance_bodies (alliance_id, body, name_zh, name_en, position) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [allianceId, b.body, b.name?.zh ?? null, b.name?.en ?? null, position],
      );
      if (!b.seats?.length) continue;
      await db.query(
        `INSERT INTO governance_seats (body_id, position, library_id, person, term_start, term_end, ordinal)
         SELECT $1, x.position, l.id, x.person, x."termStart", x."termEnd", x.ordinal
           FROM jsonb_to_recordset($2::jsonb) AS x(position text, library text, person text, "termStart" date, "termEnd" date, ordinal int)
           LEFT JOIN libraries l ON l.symbol = x.library`,
        [rows[0]!.id, json(b.seats.map((s, ordinal) => ({ ...s, ordinal })))],
      );
    }
  },
};
