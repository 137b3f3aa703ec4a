-- API tokens kept in the server's memory (issue 5 figures: the token and its grants were read
-- before every API call). A server keeps a token's account and grants only while it listens on
-- the channel `anylib_identity`: every statement that could change what a kept token stands for
-- — the token revoked, expired, re-scoped or deleted; its account disabled, renamed or deleted;
-- any role grant; a library's symbol or an alliance's code that grants name — sends a
-- notification, delivered when its transaction commits, and every listening server drops what it
-- kept. A last-use time written (`last_used_at`) changes nothing kept and notifies no one.
CREATE FUNCTION identity_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('anylib_identity', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER identity_changed AFTER UPDATE OF token_hash, user_id, scopes, expires_at, revoked_at OR DELETE OR TRUNCATE ON api_tokens
  FOR EACH STATEMENT EXECUTE FUNCTION identity_changed();
CREATE TRIGGER identity_changed AFTER UPDATE OF email, display_name, disabled_at OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION identity_changed();
CREATE TRIGGER identity_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON role_grants
  FOR EACH STATEMENT EXECUTE FUNCTION identity_changed();
CREATE TRIGGER identity_changed AFTER UPDATE OF symbol OR DELETE OR TRUNCATE ON libraries
  FOR EACH STATEMENT EXECUTE FUNCTION identity_changed();
CREATE TRIGGER identity_changed AFTER UPDATE OF code OR DELETE OR TRUNCATE ON alliances
  FOR EACH STATEMENT EXECUTE FUNCTION identity_changed();
