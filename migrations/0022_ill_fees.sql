-- Fees and subsidies between libraries (issue 5). One charge per filled transaction (a loan
-- shipped or a copy delivered by one lender: one per lending row), written once by the fees
-- follower, which reads the requests' history (ill_events) like the notices' follower.

-- The alliance's subsidy budget of a member for a year (CALIS-style): the alliance pays the
-- agreement's subsidy rate of each fee the member pays until the budget is spent.
CREATE TABLE ill_subsidy_budgets (
  library_id  bigint NOT NULL REFERENCES libraries (id) ON DELETE CASCADE,
  year        integer NOT NULL CHECK (year BETWEEN 2000 AND 2200),
  amount      numeric(14, 2) NOT NULL CHECK (amount >= 0),
  currency    text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (library_id, year)
);

CREATE TABLE ill_charges (
  id                    bigserial PRIMARY KEY,
  supply_id             bigint NOT NULL UNIQUE REFERENCES ill_supplies (id) ON DELETE CASCADE,
  request_id            bigint NOT NULL REFERENCES ill_requests (id) ON DELETE CASCADE,
  borrowing_library_id  bigint NOT NULL REFERENCES libraries (id),
  lending_library_id    bigint NOT NULL REFERENCES libraries (id),
  service               text NOT NULL CHECK (service IN ('loan', 'copy')),
  currency              text NOT NULL,
  fee                   numeric(14, 2) NOT NULL CHECK (fee >= 0),
  subsidy               numeric(14, 2) NOT NULL CHECK (subsidy >= 0),
  borrower_pays         numeric(14, 2) NOT NULL CHECK (borrower_pays >= 0),
  basis                 text NOT NULL CHECK (basis IN ('agreement', 'fees-waived', 'policy', 'free')),
  agreement             text,
  subsidy_rate          double precision NOT NULL,
  subsidy_capped        text,
  charged_at            timestamptz NOT NULL
);
CREATE INDEX ill_charges_borrower ON ill_charges (borrowing_library_id, charged_at);
CREATE INDEX ill_charges_lender ON ill_charges (lending_library_id, charged_at);
