-- Interlibrary loan, faster (issue 5 figures): a version of the directory, so that a server may
-- keep what sourcing reads of it (libraries' places, policies, closed days, alliances, the
-- agreements between two libraries) and still see every change, also one made through another
-- server on the same database. Every statement that writes one of the tables the directory
-- look-ups read moves the version on; a reader reads it in the same statement as the cluster's
-- copies and drops what it kept when it differs.
--
-- The version comes from a sequence (never handed out twice, also after a rollback) and is kept
-- in one row: a writer holds that row until it commits, so versions are seen in commit order and
-- only once committed. `database_id` tells databases apart in a process that uses several.
CREATE SEQUENCE ill_directory_version_seq;

CREATE TABLE ill_directory_version (
  id           integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  database_id  uuid NOT NULL DEFAULT gen_random_uuid(),
  version      bigint NOT NULL
);
INSERT INTO ill_directory_version (version) VALUES (nextval('ill_directory_version_seq'));

CREATE FUNCTION ill_directory_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ill_directory_version SET version = nextval('ill_directory_version_seq');
  RETURN NULL;
END
$$;

CREATE TRIGGER ill_directory_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON libraries FOR EACH STATEMENT EXECUTE FUNCTION ill_directory_changed();
CREATE TRIGGER ill_directory_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON alliances FOR EACH STATEMENT EXECUTE FUNCTION ill_directory_changed();
CREATE TRIGGER ill_directory_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON memberships FOR EACH STATEMENT EXECUTE FUNCTION ill_directory_changed();
CREATE TRIGGER ill_directory_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agreements FOR EACH STATEMENT EXECUTE FUNCTION ill_directory_changed();
CREATE TRIGGER ill_directory_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agreement_parties FOR EACH STATEMENT EXECUTE FUNCTION ill_directory_changed();
