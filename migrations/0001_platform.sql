-- Platform: extensions every module may rely on, and the durable job queue (issue 2).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TABLE jobs (
  id            bigserial PRIMARY KEY,
  kind          text NOT NULL,
  payload       jsonb NOT NULL DEFAULT '{}',
  status        text NOT NULL DEFAULT 'queued'
                CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  -- A caller-chosen key makes enqueueing idempotent: the same key never queues a second job.
  dedupe_key    text UNIQUE,
  attempts      integer NOT NULL DEFAULT 0,
  max_attempts  integer NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
  run_at        timestamptz NOT NULL DEFAULT now(),
  -- The node working the job and until when its lease holds; an expired lease (a node that died)
  -- puts the job back in reach of every node.
  locked_by     text,
  locked_until  timestamptz,
  progress      jsonb,
  result        jsonb,
  last_error    jsonb,
  errors        jsonb NOT NULL DEFAULT '[]',
  library_id    bigint,
  created_by    bigint,
  created_at    timestamptz NOT NULL DEFAULT now(),
  started_at    timestamptz,
  finished_at   timestamptz,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_ready ON jobs (run_at) WHERE status = 'queued';
CREATE INDEX jobs_leased ON jobs (locked_until) WHERE status = 'running';
CREATE INDEX jobs_kind_created ON jobs (kind, created_at DESC);
