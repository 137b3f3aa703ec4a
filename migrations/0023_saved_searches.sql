-- A signed-in reader's saved searches (issue 7, reader portal): a name and the search as the
-- results page's address holds it (q, facets, filters, sort), normalised so that the same search
-- saved twice is one row. Gone with the account (ON DELETE CASCADE); the privacy export lists them.
CREATE TABLE saved_searches (
  id          bigserial PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  query       text NOT NULL CHECK (length(query) BETWEEN 1 AND 2000),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, query)
);
