/**
 * Statements worth keeping prepared on every connection to a PostgreSQL server: a store wraps
 * the SQL of its hottest statements in `prepared(…)` where it defines them (the text must be the
 * same every time, parameters as $n). PostgresDb then sends them as named statements, parsed
 * and planned once per connection rather than at every call — for a statement with a few joins
 * the planning costs several times its execution (issue 5, bench/ill). PGlite runs them as any
 * other statement.
 *
 * Only for statements whose text is fixed in the code: every distinct text stays prepared on
 * every pooled connection until it closes. A schema change while the server runs makes such a
 * statement fail once per connection ("cached plan must not change result type") — the same
 * moment a server's code no longer matches its schema.
 */
const names = new Map<string, string>();

/** Marks `sql` to be kept prepared; returns it unchanged. */
export function prepared(sql: string): string {
  if (!names.has(sql)) names.set(sql, `anylib_${names.size + 1}`);
  return sql;
}

/** The name a statement is kept under, if it is one of those. */
export function preparedName(sql: string): string | undefined {
  return names.get(sql);
}
