/**
 * SQL of interlibrary loan statistics, computed in the database from the requests, the lending
 * rows and their history (ill_events). A request counts in the period and the month it was placed
 * (the calendar of China Standard Time). `libraries` narrows to requests those libraries borrowed
 * (and lent, for the lending side); null is the whole deployment.
 */
import type { Queryable } from '../../../platform/db/index.js';

export interface Period {
  from: string;
  to: string;
  /** null: every library. */
  libraries: number[] | null;
}

/** The placing day of a request in the deployment's calendar. */
const placedDay = (col: string) => `((${col} AT TIME ZONE 'UTC') + interval '8 hours')::date`;

/** Requests of the period and scope, with whether a lender supplied them and whether they ended. */
const requestsCte = `
  req AS (
    SELECT r.id, r.state, r.cluster_id, r.title, r.author, r.borrowing_library_id,
           to_char(${placedDay('r.created_at')}, 'YYYY-MM') AS month,
           EXISTS (SELECT 1 FROM ill_events e WHERE e.request_id = r.id AND e.side = 'borrowing' AND e.to_state IN ('shipped', 'received')) AS filled
      FROM ill_requests r
     WHERE ${placedDay('r.created_at')} BETWEEN $1::date AND $2::date
       AND ($3::bigint[] IS NULL OR r.borrowing_library_id = ANY ($3::bigint[]))),
  counted AS (
    SELECT *, filled OR state IN ('completed', 'cancelled', 'end-of-rota') AS ended FROM req)`;

export interface Totals {
  requests: number;
  ended: number;
  filled: number;
}
export interface Turnaround {
  step: 'request-to-shipped' | 'shipped-to-received' | 'request-to-completed';
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
}
export interface LibraryBalance {
  symbol: string;
  nameZh: string;
  nameEn: string;
  targetRatio: number | null;
  lent: number;
  borrowed: number;
}
export interface TitleCount {
  title: string;
  author: string | null;
  clusterId: number | null;
  requests: number;
  filled: number;
}
export interface MonthRow {
  month: string;
  requests: number;
  filled: number;
  unfilled: number;
  lent: number;
}

const num = (v: unknown): number => Number(v ?? 0);
const maybe = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
const args = (p: Period) => [p.from, p.to, p.libraries];

export const statisticsStore = {
  async totals(db: Queryable, p: Period): Promise<Totals> {
    const { rows } = await db.query<{ requests: string; ended: string; filled: string }>(
      `WITH ${requestsCte}
       SELECT count(*) AS requests, count(*) FILTER (WHERE ended) AS ended, count(*) FILTER (WHERE filled) AS filled FROM counted`,
      args(p),
    );
    return { requests: num(rows[0]?.requests), ended: num(rows[0]?.ended), filled: num(rows[0]?.filled) };
  },

  /** Hours between the first time the borrowing side reached one state and another (the placing is its first event). */
  async turnaround(db: Queryable, p: Period): Promise<Turnaround[]> {
    const { rows } = await db.query<{ step: Turnaround['step']; n: string; median: number | null; p90: number | null }>(
      `WITH ${requestsCte},
       firsts AS (
         SELECT e.request_id,
                min(e.at) FILTER (WHERE e.from_state IS NULL) AS placed,
                min(e.at) FILTER (WHERE e.to_state = 'shipped') AS shipped,
                min(e.at) FILTER (WHERE e.to_state = 'received') AS received,
                min(e.at) FILTER (WHERE e.to_state = 'completed') AS completed
           FROM ill_events e JOIN req ON req.id = e.request_id
          WHERE e.side = 'borrowing'
          GROUP BY e.request_id),
       spans AS (
         SELECT 'request-to-shipped' AS step, extract(epoch FROM shipped - placed) / 3600 AS h FROM firsts WHERE shipped IS NOT NULL AND placed IS NOT NULL
         UNION ALL SELECT 'shipped-to-received', extract(epoch FROM received - shipped) / 3600 FROM firsts WHERE received IS NOT NULL AND shipped IS NOT NULL
         UNION ALL SELECT 'request-to-completed', extract(epoch FROM completed - placed) / 3600 FROM firsts WHERE completed IS NOT NULL AND placed IS NOT NULL),
       steps AS (SELECT unnest(ARRAY['request-to-shipped', 'shipped-to-received', 'request-to-completed']) AS step)
       SELECT s.step, count(sp.h) AS n,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY sp.h) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY sp.h) AS p90
         FROM steps s LEFT JOIN spans sp ON sp.step = s.step
        GROUP BY s.step`,
      args(p),
    );
    const order: Turnaround['step'][] = ['request-to-shipped', 'shipped-to-received', 'request-to-completed'];
    return order.map((step) => {
      const r = rows.find((x) => x.step === step);
      return { step, count: num(r?.n), medianHours: maybe(r?.median), p90Hours: maybe(r?.p90) };
    });
  },

  async byStatus(db: Queryable, p: Period): Promise<{ state: string; count: number }[]> {
    const { rows } = await db.query<{ state: string; n: string }>(`WITH ${requestsCte} SELECT state, count(*) AS n FROM req GROUP BY state ORDER BY count(*) DESC, state`, args(p));
    return rows.map((r) => ({ state: r.state, count: num(r.n) }));
  },

  /**
   * Per library: items it lent (its lending rows that shipped a loan or delivered a copy, for
   * requests placed in the period) and items it borrowed (its requests a lender supplied). With
   * no scope, every library that lent or borrowed.
   */
  async balance(db: Queryable, p: Period): Promise<LibraryBalance[]> {
    const { rows } = await db.query<{ symbol: string; name_zh: string; name_en: string; target: number | null; lent: string; borrowed: string }>(
      `WITH placed AS (
         SELECT r.id, r.borrowing_library_id FROM ill_requests r WHERE ${placedDay('r.created_at')} BETWEEN $1::date AND $2::date),
       lent AS (
         SELECT s.lending_library_id AS library_id, count(*) AS n
           FROM ill_supplies s JOIN placed ON placed.id = s.request_id
          WHERE EXISTS (SELECT 1 FROM ill_events e WHERE e.supply_id = s.id AND e.to_state IN ('shipped', 'copy-delivered'))
          GROUP BY s.lending_library_id),
       borrowed AS (
         SELECT placed.borrowing_library_id AS library_id, count(*) AS n
           FROM placed
          WHERE EXISTS (SELECT 1 FROM ill_events e WHERE e.request_id = placed.id AND e.side = 'borrowing' AND e.to_state IN ('shipped', 'received'))
          GROUP BY placed.borrowing_library_id)
       SELECT l.symbol, l.name_zh, l.name_en, l.target_lend_borrow_ratio AS target, coalesce(lent.n, 0) AS lent, coalesce(borrowed.n, 0) AS borrowed
         FROM libraries l
         LEFT JOIN lent ON lent.library_id = l.id
         LEFT JOIN borrowed ON borrowed.library_id = l.id
        WHERE CASE WHEN $3::bigint[] IS NULL THEN lent.n IS NOT NULL OR borrowed.n IS NOT NULL ELSE l.id = ANY ($3::bigint[]) END
        ORDER BY l.symbol`,
      args(p),
    );
    return rows.map((r) => ({ symbol: r.symbol, nameZh: r.name_zh, nameEn: r.name_en, targetRatio: r.target === null ? null : Number(r.target), lent: num(r.lent), borrowed: num(r.borrowed) }));
  },

  /** The titles asked for most: one cluster is one title; typed citations by their title. */
  async topTitles(db: Queryable, p: Period, limit: number): Promise<TitleCount[]> {
    const { rows } = await db.query<{ title: string; author: string | null; cluster_id: string | null; n: string; filled: string }>(
      `WITH ${requestsCte}
       SELECT min(title) AS title, min(author) AS author, cluster_id, count(*) AS n, count(*) FILTER (WHERE filled) AS filled
         FROM req
        GROUP BY cluster_id, CASE WHEN cluster_id IS NULL THEN lower(title) END
        ORDER BY count(*) DESC, min(title) LIMIT $4`,
      [...args(p), limit],
    );
    return rows.map((r) => ({ title: r.title, author: r.author, clusterId: r.cluster_id === null ? null : Number(r.cluster_id), requests: num(r.n), filled: num(r.filled) }));
  },

  /** Month by month, every month of the period (months without requests as zeros, for charts). */
  async months(db: Queryable, p: Period): Promise<MonthRow[]> {
    const { rows } = await db.query<{ month: string; requests: string; filled: string; unfilled: string; lent: string }>(
      `WITH ${requestsCte},
       months AS (
         SELECT to_char(m, 'YYYY-MM') AS month FROM generate_series(date_trunc('month', $1::date), date_trunc('month', $2::date), interval '1 month') m),
       lent AS (
         SELECT to_char(${placedDay('r.created_at')}, 'YYYY-MM') AS month, count(*) AS n
           FROM ill_supplies s JOIN ill_requests r ON r.id = s.request_id
          WHERE ${placedDay('r.created_at')} BETWEEN $1::date AND $2::date
            AND ($3::bigint[] IS NULL OR s.lending_library_id = ANY ($3::bigint[]))
            AND EXISTS (SELECT 1 FROM ill_events e WHERE e.supply_id = s.id AND e.to_state IN ('shipped', 'copy-delivered'))
          GROUP BY 1)
       SELECT months.month,
              (SELECT count(*) FROM counted c WHERE c.month = months.month) AS requests,
              (SELECT count(*) FROM counted c WHERE c.month = months.month AND c.filled) AS filled,
              (SELECT count(*) FROM counted c WHERE c.month = months.month AND c.ended AND NOT c.filled) AS unfilled,
              coalesce((SELECT n FROM lent WHERE lent.month = months.month), 0) AS lent
         FROM months ORDER BY months.month`,
      args(p),
    );
    return rows.map((r) => ({ month: r.month, requests: num(r.requests), filled: num(r.filled), unfilled: num(r.unfilled), lent: num(r.lent) }));
  },

  /** Library ids of an alliance's members. */
  async membersOf(db: Queryable, alliance: string): Promise<{ id: number; symbol: string }[] | undefined> {
    const { rows } = await db.query<{ id: string | null; symbol: string | null }>(
      `SELECT l.id, l.symbol FROM alliances a LEFT JOIN memberships m ON m.alliance_id = a.id LEFT JOIN libraries l ON l.id = m.library_id WHERE a.code = $1`,
      [alliance],
    );
    if (!rows.length) return undefined;
    return rows.filter((r) => r.id !== null).map((r) => ({ id: Number(r.id), symbol: r.symbol! }));
  },
};
