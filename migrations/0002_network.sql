-- Directory of the network (issue 2): libraries and alliances. The network module owns these tables.
CREATE TABLE libraries (
  id         bigserial PRIMARY KEY,
  symbol     text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE alliances (
  id         bigserial PRIMARY KEY,
  code       text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
