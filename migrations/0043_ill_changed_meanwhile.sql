-- A desk action's last save goes to a PostgreSQL server with the COMMIT in the same round trip
-- (docs/ill.md, "One action, one transaction, few statements"; PostgresDb.queryAndCommit). That
-- COMMIT must not commit half an action when the row's version no longer matches: the save then
-- fails the statement through this function instead of returning no row, and the server skips
-- the COMMIT. The service reads SQLSTATE IL409 as the version check's miss on the row whose id is
-- the error's detail (ILL_CHANGED_MEANWHILE, 409), as it read no row before. Volatile, so that it
-- runs only when reached (a CASE branch), never folded ahead by the planner.
CREATE FUNCTION ill_changed_meanwhile(row_id bigint) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RAISE EXCEPTION 'ILL: row % changed meanwhile', row_id USING ERRCODE = 'IL409', DETAIL = row_id::text;
END
$$;
